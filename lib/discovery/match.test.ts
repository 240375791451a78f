import { describe, expect, it } from 'vitest';
import { discoveredSerial, matchKnown } from './match';
import type { FoundEndpoint } from './types';

const found = (over: Partial<FoundEndpoint>): FoundEndpoint => ({
  host: '10.0.0.5',
  port: 80,
  protocol: 'axeos',
  vendor: 'Bitaxe',
  model: 'Bitaxe Gamma',
  firmware: null,
  mac: null,
  serial: null,
  hostname: null,
  suggestedModelId: null,
  error: null,
  ...over,
});

describe('matchKnown', () => {
  const devices = [
    { id: 1, macAddress: 'D8:3B:DA:00:00:01', serial: 'S-1', host: '10.0.0.99', port: 80 },
    { id: 2, macAddress: null, serial: '0201000011223344', host: null, port: null },
    { id: 3, macAddress: null, serial: 'S-3', host: '10.0.0.7', port: 4028 },
  ];
  it.each([
    ['MAC, even after a DHCP move', found({ mac: 'D8:3B:DA:00:00:01' }), 1, 'mac'],
    ['serial', found({ serial: '0201000011223344' }), 2, 'serial'],
    ['host:port', found({ host: '10.0.0.7', port: 4028 }), 3, 'endpoint'],
    ['nothing: same host, other port', found({ host: '10.0.0.7', port: 80 }), undefined, undefined],
    ['nothing', found({ mac: 'D8:3B:DA:00:00:02' }), undefined, undefined],
  ])('by %s', (_label, f, id, by) => {
    const [m] = matchKnown([f], devices);
    expect(m?.knownDeviceId).toBe(id);
    expect(m?.knownBy).toBe(by);
  });
});

describe('discoveredSerial', () => {
  it.each([
    [found({ serial: '80603a0c2b10aa1c' }), '80603a0c2b10aa1c'],
    [found({ serial: 'has space', mac: 'AA:BB:CC:DD:EE:FF' }), 'mac-AABBCCDDEEFF'],
    [found({}), 'ep-10.0.0.5-80'],
  ])('%#', (f, serial) => {
    expect(discoveredSerial(f)).toBe(serial);
  });
});

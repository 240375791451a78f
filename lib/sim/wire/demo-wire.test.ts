import { describe, expect, it } from 'vitest';
import { type WireDevice, wireSpecFor } from './demo-wire';

const device = (over: Partial<WireDevice>): WireDevice => ({
  id: 1,
  class: 'asic',
  vendor: 'Bitmain',
  nominalHashrateThs: 200,
  nominalPowerW: 3500,
  gpuCount: null,
  ...over,
});

describe('wireSpecFor', () => {
  it.each([
    [{ id: 3 }, { protocol: 'cgminer', variant: 'braiins' }],
    [{ id: 4 }, { protocol: 'cgminer', variant: 'luxos' }],
    [{ id: 5 }, { protocol: 'cgminer', variant: 'antminer' }],
    [{ vendor: 'MicroBT' }, { protocol: 'cgminer', variant: 'whatsminer' }],
    [{ vendor: 'Canaan' }, { protocol: 'cgminer', variant: 'avalon' }],
    [{ vendor: 'Unknown' }, { protocol: 'cgminer', variant: 'cgminer' }],
    [
      { class: 'micro', vendor: 'Bitaxe', id: 1 },
      { protocol: 'axeos', version: '2.10' },
    ],
    [
      { class: 'micro', vendor: 'NerdAxe', id: 2 },
      { protocol: 'axeos', version: '2.15' },
    ],
    [
      { class: 'gpu', vendor: 'NVIDIA', gpuCount: 4 },
      { protocol: 'dcgm', gpus: 4 },
    ],
    [
      { class: 'gpu', vendor: 'NVIDIA', gpuCount: null },
      { protocol: 'dcgm', gpus: 8 },
    ],
  ] as [Partial<WireDevice>, unknown][])('%o → %o', (over, expected) => {
    expect(wireSpecFor(device(over))).toEqual(expected);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { axeosHttpError, parseAxeosAsic, parseAxeosInfo, parseDifficulty } from './axeos';
import { fixture } from './fixtures';

const NOW = Date.UTC(2026, 10, 21, 10, 0, 0);

describe('AxeOS /api/system/info', () => {
  it.each([
    [
      'axeos/info-v2.4.5.json',
      {
        hashrateThs: 1,
        powerW: 2.65,
        chipTempC: 59.875,
        boardTempC: 78,
        fanRpm: 3517,
        poolUrl: 'stratum+tcp://btc.example.pool:3333',
        status: 'ok',
      },
      { bestDiff: 483_000, inputVoltageV: 5.175, currentA: 0.52125, firmware: 'v2.4.5-3-gb5d1e36-dirty' },
    ],
    [
      'axeos/info-v2.10.json',
      {
        hashrateThs: 0.98784,
        powerW: 19.432,
        chipTempC: 60.25,
        boardTempC: 77,
        acceptedShares: 18342,
        poolUrl: 'stratum+tcp://public-pool.io:21496',
      },
      { bestDiff: 4.29e9, bestSessionDiff: 81.23e6, frequencyMhz: 525, coreVoltageMv: 1150 },
    ],
    [
      'axeos/info-v2.15.json',
      { hashrateThs: 1.0437, fanRpm: 4380, poolUrl: 'stratum+tcp://public-pool.io:21496', status: 'ok' },
      { bestDiff: 4290135862, paused: false, firmware: 'v2.15.0', macAddress: 'D8:3B:DA:00:00:01' },
    ],
    [
      'axeos/info-fresh-boot.json',
      { hashrateThs: 0, status: 'idle', boardTempC: 31 },
      { bestSessionDiff: 0 },
    ],
  ])('%s', (name, reading, extra) => {
    const r = parseAxeosInfo(fixture(name), NOW);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.reading).toMatchObject({ ts: NOW, ...reading });
    expect(r.value).toMatchObject(extra);
  });

  it('fresh boot: −1 chip temperature is "no sensor" (A3)', () => {
    const r = parseAxeosInfo(fixture('axeos/info-fresh-boot.json'), NOW);
    expect(r.ok && r.value.reading.chipTempC).toBeUndefined();
  });

  it('fallback pool from v2.15 pools[] when the fallback is in use', () => {
    const info = JSON.parse(fixture('axeos/info-v2.15.json'));
    info.isUsingFallbackStratum = 1;
    const r = parseAxeosInfo(JSON.stringify(info), NOW);
    expect(r.ok && r.value.reading.poolUrl).toBe('stratum+tcp://solo.ckpool.org:3333');
  });

  it('paused (v2.14+) is curtailed; overheat and faults are errors (A11)', () => {
    const info = JSON.parse(fixture('axeos/info-v2.15.json'));
    const paused = parseAxeosInfo(JSON.stringify({ ...info, miningPaused: true }), NOW);
    expect(paused.ok && paused.value.reading.status).toBe('curtailed');
    const hot = parseAxeosInfo(JSON.stringify({ ...info, overheat_mode: 1 }), NOW);
    expect(hot.ok && hot.value.reading.status).toBe('error');
    const fault = parseAxeosInfo(JSON.stringify({ ...info, power_fault: 'VIN low' }), NOW);
    expect(fault.ok && fault.flags).toContain('fault');
  });

  it.each([
    ['', 'empty'],
    ['<html>', 'html'],
    ['{"a":', 'not_json'],
    ['[1,2]', 'not_json'],
    ['{"hostname":"x"}', 'no_data'],
  ])('%j → %s', (body, kind) => {
    const r = parseAxeosInfo(body, NOW);
    expect(r.ok ? null : r.error.kind).toBe(kind);
  });

  it('never throws on truncations and random bodies', () => {
    const text = fixture('axeos/info-v2.15.json');
    for (let cut = 0; cut < text.length; cut++) parseAxeosInfo(text.slice(0, cut), NOW);
    fc.assert(
      fc.property(fc.oneof(fc.string(), fc.json()), (body) => {
        expect(typeof parseAxeosInfo(body, NOW).ok).toBe('boolean');
      }),
      { numRuns: 2000 },
    );
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('hashRate', 'power', 'temp', 'pools', 'fanrpm', 'bestDiff', 'stratumURL'),
          fc.anything(),
        ),
        (o) => {
          expect(typeof parseAxeosInfo(JSON.stringify(o) ?? '', NOW).ok).toBe('boolean');
        },
      ),
      { numRuns: 1000 },
    );
  }, 30_000);
});

describe('AxeOS helpers', () => {
  it.each([
    ['483k', 483e3],
    ['4.29G', 4.29e9],
    ['483.12k', 483.12e3],
    ['4.29 G', 4.29e9],
    ['512 ', 512],
    ['0', 0],
    ['1e+03k', 1e6],
    [4290135862, 4290135862],
    ['abc', undefined],
    [-1, undefined],
    [null, undefined],
  ])('bestDiff %j → %s (A1)', (input, expected) => {
    expect(parseDifficulty(input)).toBe(expected);
  });

  it('asic presets (E2.5)', () => {
    const r = parseAxeosAsic(fixture('axeos/asic.json'));
    expect(r.ok && r.value).toMatchObject({ asicModel: 'BM1370', deviceModel: 'Gamma', asicCount: 1 });
    expect(r.ok && r.value.frequencyOptionsMhz).toEqual([400, 490, 525, 550, 600, 625]);
  });

  it('401 is the private-network check, reported as such (A6)', () => {
    expect(axeosHttpError(401)).toMatchObject({ kind: 'unauthorized_network', code: 401 });
    expect(axeosHttpError(500)).toMatchObject({ kind: 'device_error' });
    expect(axeosHttpError(200)).toBeUndefined();
  });
});

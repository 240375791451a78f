import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { input, miners, site } from '../testing/fixtures';
import type { MinerModel } from '../types';
import { backtestCsv } from './csv';
import { type PolicyResult, runBacktest } from './replay';

// The capped fleet of replay.test.ts: a 1,000 TH/s and an 800 TH/s miner of 10 kW each on a
// 15 kW cap, so only one fits; at hashprice $48/PH/day the big one breaks even at $200/MWh.
const BIG: MinerModel = {
  modelId: 'big',
  name: 'Big',
  class: 'asic',
  profiles: [{ powerW: 10_000, hashrateThs: 1000 }],
  nominalIndex: 0,
};
const WEAK: MinerModel = { ...BIG, modelId: 'weak', profiles: [{ powerW: 10_000, hashrateThs: 800 }] };
const prices = [100, 300, 100, 100];

describe('backtest CSV', () => {
  it('carries each policy’s cap-shed miner-hours, read back from the CSV', () => {
    const results = runBacktest(
      input({
        sites: [site('a', prices, { capacityKw: 15 })],
        minerModels: [BIG, WEAK],
        devices: [...miners('m', 'a', BIG, 1), ...miners('w', 'a', WEAK, 1)],
      }),
      { startMs: Date.UTC(2024, 0, 1), priceUsdPerMwh: prices, hashpriceUsdPerPhDay: prices.map(() => 48) },
      [{ kind: 'always-mine' }, { kind: 'strike', strikeUsdPerMwh: 200, minHoldH: 1 }, { kind: 'optimizer' }],
    );
    const rows = parse(backtestCsv(results, 'results'), { columns: true }) as Record<string, string>[];
    expect(rows.map((r) => r.policy)).toEqual([
      'Always mine',
      'Strike $200/MWh, hold 1 h',
      'Optimizer (day-ahead look-ahead)',
    ]);
    // Always mine sheds the weak miner all 4 hours, the strike policy in the 3 hours under the
    // strike; the optimizer plans within the cap and sheds nothing.
    expect(rows.map((r) => Number(r.cap_shed_device_hours))).toEqual([4, 3, 0]);
    results.forEach((r, i) => {
      expect(Number(rows[i]!.cap_shed_device_hours)).toBe(r.capShedDeviceHours);
      expect(Number(rows[i]!.profit_usd)).toBeCloseTo(r.profitUsd, 2);
    });
  });

  it('reads 0 for results stored before the field existed', () => {
    const [r] = runBacktest(
      input({ sites: [site('a', [100])], minerModels: [BIG], devices: miners('m', 'a', BIG, 1) }),
      { startMs: 0, priceUsdPerMwh: [100], hashpriceUsdPerPhDay: [48] },
      [{ kind: 'always-mine' }],
    );
    const { capShedDeviceHours: _, ...old } = r!;
    const csv = backtestCsv([old as unknown as PolicyResult], 'results');
    const rows = parse(csv, { columns: true }) as Record<string, string>[];
    expect(rows[0]!.cap_shed_device_hours).toBe('0');
  });
});

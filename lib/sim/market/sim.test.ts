import { describe, expect, it } from 'vitest';
import { DEFAULT_GPU_RATES } from '../../market/gpu/gpu-rates';
import { localParts } from '../../time/zone';
import { gaussian, hash32, ouAt, uniform } from '../random';
import { simBtcUsdAt } from './btc';
import { ercotSimPriceAt } from './ercot';
import { simGpuRateAt } from './gpu';
import {
  EPOCH_BLOCKS,
  SIM_HEIGHT_ANCHOR,
  simBlockHeightAt,
  simDifficultyAt,
  simDifficultyEpochAt,
  simFeesBtcPerBlockAt,
  simNetworkHashrateEhsAt,
} from './network';
import { createSimNetworkProvider, simElectricitySeries } from './providers';
import { loadSe3Series, se3PriceAt } from './se3';

const H = 3_600_000;
const DAY = 24 * H;
const NOV_2026 = Date.UTC(2026, 10, 16, 14, 30);
const SEEDS = [1, 2, 3, 42, 1234];
const range = (from: number, to: number, step: number) =>
  Array.from({ length: Math.floor((to - from) / step) }, (_, i) => from + i * step);
const quantile = (xs: number[], q: number) => [...xs].sort((a, b) => a - b)[Math.floor(q * (xs.length - 1))]!;

describe('random', () => {
  it('is a pure function of its inputs', () => {
    expect(hash32(1, 2, 3)).toBe(hash32(1, 2, 3));
    expect(hash32(1, 2, 3)).not.toBe(hash32(1, 2, 4));
    expect(uniform(1, 1, -1)).not.toBe(uniform(1, 1, 4_294_967_295));
    expect(uniform(7, 1, 10)).toBe(uniform(7, 1, 10));
  });

  it('gives standard normal draws', () => {
    const xs = range(0, 20_000, 1).map((i) => gaussian(9, 3, i));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean)).toBeLessThan(0.03);
    expect(sd).toBeGreaterThan(0.97);
    expect(sd).toBeLessThan(1.03);
  });

  it('runs OU paths in both directions from the anchor', () => {
    const p = { theta: 0.1, sigma: 0.1, startSd: 0.1 };
    expect(ouAt(1, 1, 0, p)).toBe(0.1 * gaussian(1, 1, 0));
    expect(ouAt(1, 1, 2, p)).toBeCloseTo(
      0.9 * (0.9 * ouAt(1, 1, 0, p) + 0.1 * gaussian(1, 1, 1)) + 0.1 * gaussian(1, 1, 2),
      12,
    );
    expect(ouAt(1, 1, -1, p)).toBeCloseTo(0.9 * ouAt(1, 1, 0, p) + 0.1 * gaussian(1, 1, -1), 12);
  });
});

describe('simBtcUsdAt', () => {
  it('is deterministic per seed and hour, and seeds differ', () => {
    expect(simBtcUsdAt(42, NOV_2026)).toBe(simBtcUsdAt(42, NOV_2026));
    expect(simBtcUsdAt(42, NOV_2026)).not.toBe(simBtcUsdAt(43, NOV_2026));
  });

  it.each(SEEDS)('seed %i: stays at realistic levels with ~50 %% annualised volatility', (seed) => {
    const days = range(Date.UTC(2025, 0, 1), Date.UTC(2028, 0, 1), DAY).map((t) => simBtcUsdAt(seed, t));
    expect(Math.min(...days)).toBeGreaterThan(25_000);
    expect(Math.max(...days)).toBeLessThan(350_000);
    const returns = days.slice(1).map((p, i) => Math.log(p / days[i]!));
    const mean = returns.reduce((s, r) => s + r, 0) / returns.length;
    const vol =
      Math.sqrt(returns.reduce((s, r) => s + (r - mean) ** 2, 0) / (returns.length - 1)) * Math.sqrt(365);
    expect(vol).toBeGreaterThan(0.4);
    expect(vol).toBeLessThan(0.6);
  });

  it('moves continuously: across midnight and between 5-minute samples', () => {
    const midnight = Date.UTC(2026, 10, 17);
    expect(simBtcUsdAt(42, midnight - 1) / simBtcUsdAt(42, midnight)).toBeCloseTo(1, 4);
    const samples = range(NOV_2026, NOV_2026 + 2 * DAY, 300_000).map((t) => simBtcUsdAt(42, t));
    const maxStep = Math.max(...samples.slice(1).map((p, i) => Math.abs(Math.log(p / samples[i]!))));
    expect(maxStep).toBeLessThan(0.02);
  });
});

describe('simulated network', () => {
  it('counts blocks from the halving anchor at 600 s', () => {
    expect(simBlockHeightAt(SIM_HEIGHT_ANCHOR.tsMs)).toBe(840_000);
    expect(simBlockHeightAt(SIM_HEIGHT_ANCHOR.tsMs + 600_000 * 10 + 5)).toBe(840_010);
    expect(simBlockHeightAt(NOV_2026)).toBeGreaterThan(970_000);
    expect(simBlockHeightAt(NOV_2026)).toBeLessThan(985_000);
    // The next halving (1,050,000) lands in April 2028 on the ideal clock, as Hashrate Index estimates.
    expect(simBlockHeightAt(Date.UTC(2028, 3, 1))).toBeLessThan(1_050_000);
    expect(simBlockHeightAt(Date.UTC(2028, 4, 1))).toBeGreaterThan(1_050_000);
  });

  it.each(SEEDS)(
    'seed %i: difficulty steps only at epoch boundaries, a few percent at a time, ~150 T in late 2026',
    (seed) => {
      const epochStartMs = (epoch: number) =>
        SIM_HEIGHT_ANCHOR.tsMs + (epoch * EPOCH_BLOCKS - SIM_HEIGHT_ANCHOR.height) * 600_000;
      const e = simDifficultyEpochAt(seed, NOV_2026).epoch;
      expect(simDifficultyAt(seed, epochStartMs(e) + 1000)).toBe(
        simDifficultyAt(seed, epochStartMs(e + 1) - 1000),
      );
      expect(simDifficultyAt(seed, epochStartMs(e + 1) + 1000)).not.toBe(
        simDifficultyAt(seed, epochStartMs(e + 1) - 1000),
      );
      for (const t of range(Date.UTC(2025, 0, 1), Date.UTC(2028, 0, 1), 14 * DAY)) {
        expect(Math.abs(simDifficultyEpochAt(seed, t).previousRetargetPct)).toBeLessThan(12);
      }
      const d = simDifficultyAt(seed, NOV_2026);
      expect(d).toBeGreaterThan(120e12);
      expect(d).toBeLessThan(190e12);
    },
  );

  it('reports epoch progress like mempool', () => {
    const s = simDifficultyEpochAt(42, NOV_2026);
    expect(s.nextRetargetHeight % EPOCH_BLOCKS).toBe(0);
    expect(s.remainingBlocks).toBe(s.nextRetargetHeight - simBlockHeightAt(NOV_2026));
    expect(s.progressPercent).toBeGreaterThanOrEqual(0);
    expect(s.progressPercent).toBeLessThan(100);
  });

  it.each(SEEDS)('seed %i: fees vary around 0.02–0.1 BTC/block', (seed) => {
    const fees = range(Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1), 5 * H).map((t) =>
      simFeesBtcPerBlockAt(seed, t),
    );
    expect(Math.min(...fees)).toBeGreaterThanOrEqual(0.005);
    expect(Math.max(...fees)).toBeLessThanOrEqual(0.5);
    expect(quantile(fees, 0.5)).toBeGreaterThan(0.02);
    expect(quantile(fees, 0.5)).toBeLessThan(0.1);
    expect(new Set(fees).size).toBeGreaterThan(fees.length / 2);
  });

  it('derives network hashrate from difficulty', () => {
    const implied = (simDifficultyAt(42, NOV_2026) * 2 ** 32) / 600 / 1e18;
    expect(simNetworkHashrateEhsAt(42, NOV_2026) / implied).toBeGreaterThan(0.85);
    expect(simNetworkHashrateEhsAt(42, NOV_2026) / implied).toBeLessThan(1.15);
    expect(implied).toBeGreaterThan(850);
  });

  it('serves all five series through the NetworkProvider interface', async () => {
    const r = await createSimNetworkProvider(42).fetchLatest({ nowMs: NOV_2026 });
    expect(r.ok && r.value.map((p) => p.series)).toEqual([
      'btc_usd',
      'difficulty',
      'fees_btc_per_block',
      'block_height',
      'network_hashrate_ehs',
    ]);
  });
});

describe('se3PriceAt', () => {
  const series = loadSe3Series();

  it('returns the real 2024 price inside 2024, converted at the given rate', () => {
    const p = se3PriceAt(Date.UTC(2024, 0, 1, 0, 30), 1.1);
    expect(p).toMatchObject({
      intervalStart: Date.UTC(2024, 0, 1),
      originalPrice: 28.46,
      currency: 'EUR',
      location: 'SE3',
    });
    expect(p.priceUsdPerMwh).toBeCloseTo(31.31, 2);
  });

  it('maps a 2026 hour onto the 2024 hour with the same weekday and time of day', () => {
    const p = se3PriceAt(NOV_2026, 1);
    expect(p.intervalStart).toBe(Date.UTC(2026, 10, 16, 14));
    const source = series.find(
      (h) => h.priceEurPerMwh === p.originalPrice && (p.intervalStart - h.intervalStart) % (7 * DAY) === 0,
    );
    expect(source).toBeDefined();
    expect(new Date(source!.intervalStart).getUTCMonth()).toBe(10);
  });

  it('keeps the real series statistics when replayed over a whole year', () => {
    const prices = range(Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1), H).map(
      (t) => se3PriceAt(t, 1).originalPrice,
    );
    const mean = prices.reduce((s, x) => s + x, 0) / prices.length;
    expect(mean).toBeGreaterThan(33);
    expect(mean).toBeLessThan(39);
    expect(prices.filter((x) => x < 0).length).toBeGreaterThan(500);
  });
});

describe('ercotSimPriceAt', () => {
  const year = range(Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1), H);

  it('is deterministic and hourly', () => {
    expect(ercotSimPriceAt(42, NOV_2026)).toEqual(ercotSimPriceAt(42, NOV_2026 + 10 * 60_000));
    expect(ercotSimPriceAt(42, NOV_2026).intervalStart).toBe(Date.UTC(2026, 10, 16, 14));
  });

  it.each([1, 42])('seed %i: has scarcity spikes, negative hours and a summer evening peak', (seed) => {
    const points = year.map((t) => ercotSimPriceAt(seed, t));
    const prices = points.map((p) => p.priceUsdPerMwh);
    const spikes = prices.filter((x) => x >= 1000);
    expect(spikes.length).toBeGreaterThan(3);
    expect(spikes.length).toBeLessThan(150);
    expect(Math.max(...prices)).toBeLessThanOrEqual(5000);
    expect(prices.filter((x) => x < 0).length).toBeGreaterThan(50);
    const median = quantile(prices, 0.5);
    expect(median).toBeGreaterThan(20);
    expect(median).toBeLessThan(70);
    const local = (p: (typeof points)[number]) => localParts(p.intervalStart, 'America/Chicago');
    const summerEvening = points
      .filter((p) => [7, 8].includes(local(p).month) && local(p).hour === 18)
      .map((p) => p.priceUsdPerMwh);
    const springNight = points
      .filter((p) => [4, 5].includes(local(p).month) && local(p).hour === 3)
      .map((p) => p.priceUsdPerMwh);
    expect(quantile(summerEvening, 0.5)).toBeGreaterThan(2 * quantile(springNight, 0.5));
  });

  it('backfill and live agree', () => {
    const live = ercotSimPriceAt(7, NOV_2026);
    const backfill = simElectricitySeries({ profile: 'ercot', seed: 7 }, NOV_2026 - 3 * H, NOV_2026 + H);
    expect(backfill.find((p) => p.intervalStart === live.intervalStart)).toEqual(live);
  });
});

describe('simGpuRateAt', () => {
  it.each(DEFAULT_GPU_RATES.map((r) => [r.gpuModel, r.minUsdPerGpuH!, r.maxUsdPerGpuH!]))(
    '%s drifts inside its planning range',
    (model, min, max) => {
      const rates = range(Date.UTC(2026, 0, 1), Date.UTC(2027, 0, 1), 13 * H).map(
        (t) => simGpuRateAt(42, model, t)!,
      );
      expect(Math.min(...rates)).toBeGreaterThanOrEqual(min);
      expect(Math.max(...rates)).toBeLessThanOrEqual(max);
      expect(new Set(rates).size).toBeGreaterThan(50);
    },
  );

  it('is deterministic, case-insensitive, and undefined for unknown models', () => {
    expect(simGpuRateAt(1, 'H100-SXM', NOV_2026)).toBe(simGpuRateAt(1, 'h100-sxm', NOV_2026));
    expect(simGpuRateAt(1, 'voodoo-2', NOV_2026)).toBeUndefined();
  });
});

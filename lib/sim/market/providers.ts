import { DEFAULT_GPU_RATES, type GpuRateRow } from '../../market/gpu/gpu-rates';
import { ok } from '../../market/providers/result';
import type {
  BtcPriceProvider,
  ElectricityPoint,
  ElectricityProvider,
  GpuRatePoint,
  NetworkPoint,
  NetworkProvider,
} from '../../market/types';
import { simBtcUsdAt } from './btc';
import { ercotSimPriceAt } from './ercot';
import { simGpuRateAt } from './gpu';
import { simBlockHeightAt, simDifficultyAt, simFeesBtcPerBlockAt, simNetworkHashrateEhsAt } from './network';
import { DEFAULT_EUR_USD, se3PriceAt } from './se3';

/** The embedded default market (no network), behind the same interfaces as the real providers. */
export const SIM_PROVIDER_ID = 'sim';

export function simNetworkPointsAt(seed: number, tsMs: number): NetworkPoint[] {
  const p = (series: NetworkPoint['series'], value: number): NetworkPoint => ({
    series,
    ts: tsMs,
    value,
    provider: SIM_PROVIDER_ID,
  });
  return [
    p('btc_usd', simBtcUsdAt(seed, tsMs)),
    p('difficulty', simDifficultyAt(seed, tsMs)),
    p('fees_btc_per_block', simFeesBtcPerBlockAt(seed, tsMs)),
    p('block_height', simBlockHeightAt(tsMs)),
    p('network_hashrate_ehs', simNetworkHashrateEhsAt(seed, tsMs)),
  ];
}

export function createSimNetworkProvider(seed: number): NetworkProvider {
  return { id: SIM_PROVIDER_ID, fetchLatest: async (ctx) => ok(simNetworkPointsAt(seed, ctx.nowMs)) };
}

export function createSimBtcPriceProvider(seed: number): BtcPriceProvider {
  return {
    id: SIM_PROVIDER_ID,
    fetchSpot: async (ctx) =>
      ok({
        series: 'btc_usd',
        ts: ctx.nowMs,
        value: simBtcUsdAt(seed, ctx.nowMs),
        provider: SIM_PROVIDER_ID,
      }),
  };
}

export type SimElectricityConfig = { profile: 'se3' | 'ercot'; seed: number; eurUsd?: number };

/** Hourly points whose intervals overlap [fromMs, toMs). */
export function simElectricitySeries(
  config: SimElectricityConfig,
  fromMs: number,
  toMs: number,
): ElectricityPoint[] {
  const points: ElectricityPoint[] = [];
  for (let t = Math.floor(fromMs / 3_600_000) * 3_600_000; t < toMs; t += 3_600_000) {
    points.push(
      config.profile === 'se3'
        ? se3PriceAt(t, config.eurUsd ?? DEFAULT_EUR_USD)
        : ercotSimPriceAt(config.seed, t),
    );
  }
  return points;
}

export const simElectricityProvider: ElectricityProvider<SimElectricityConfig> = {
  id: SIM_PROVIDER_ID,
  fetchRange: async (config, range) => ok(simElectricitySeries(config, range.fromMs, range.toMs)),
};

export function simGpuRatePointsAt(
  seed: number,
  tsMs: number,
  table: readonly GpuRateRow[] = DEFAULT_GPU_RATES,
): GpuRatePoint[] {
  return table.map((row) => ({
    gpuModel: row.gpuModel,
    usdPerGpuH: simGpuRateAt(seed, row.gpuModel, tsMs, table)!,
    ts: tsMs,
    provider: SIM_PROVIDER_ID,
  }));
}

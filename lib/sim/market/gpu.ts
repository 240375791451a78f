import { DEFAULT_GPU_RATES, type GpuRateRow } from '../../market/gpu/gpu-rates';
import { gaussian, hashString, ouAt } from '../random';

/** Simulated GPU rental rates: a slow daily drift inside each model's planning range. */
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
const ANCHOR_DAY = Date.UTC(2026, 0, 1) / DAY_MS;
// Stationary spread σ/√(2θ) ≈ 10 %, about the width of the reference ranges around their midpoints.
const OU = { theta: 0.1, sigma: 0.045, startSd: 0.1 };

/** $/GPU-h for `gpuModel` at `tsMs`, or undefined for a model the table does not list. */
export function simGpuRateAt(
  seed: number,
  gpuModel: string,
  tsMs: number,
  table: readonly GpuRateRow[] = DEFAULT_GPU_RATES,
): number | undefined {
  const row = table.find((r) => r.gpuModel.toLowerCase() === gpuModel.toLowerCase());
  if (!row) return undefined;
  const stream = hashString(`gpu:${row.gpuModel.toLowerCase()}`);
  const day = Math.floor(tsMs / DAY_MS);
  const drift =
    ouAt(seed, stream, day - ANCHOR_DAY, OU) + 0.01 * gaussian(seed, stream + 1, Math.floor(tsMs / HOUR_MS));
  const rate = row.usdPerGpuH * Math.exp(drift);
  const min = row.minUsdPerGpuH ?? row.usdPerGpuH * 0.7;
  const max = row.maxUsdPerGpuH ?? row.usdPerGpuH * 1.3;
  return Math.round(Math.min(max, Math.max(min, rate)) * 1000) / 1000;
}

import { KWH_PER_MWH, WH_PER_KWH } from './constants';
import {
  requireFinite,
  requireFraction,
  requireNonNegative,
  requirePct,
  requirePositive,
  requirePue,
} from './guards';

/**
 * GPU AI-compute revenue against power cost (reference §1.11). Power is the GPU's share of its node's
 * wall power (CPU, NIC and fans included), not the GPU's TDP. Energy is charged at full node share
 * whatever the utilisation, as in the reference: an idle rented node still draws most of its power.
 */

/** Node wall power split evenly over its GPUs, in kW per GPU. */
export function gpuPowerShareKw(args: { nodePowerW: number; gpusPerNode: number }): number {
  const gpusPerNode = args.gpusPerNode;
  if (!(Number.isSafeInteger(gpusPerNode) && gpusPerNode > 0)) {
    throw new RangeError(`gpusPerNode must be a positive integer, got ${gpusPerNode}`);
  }
  return requireNonNegative('nodePowerW', args.nodePowerW) / WH_PER_KWH / gpusPerNode;
}

/** GPUs × $/GPU-h × utilisation × (1 − platform take). */
export function aiRevenueUsdPerHour(args: {
  gpus: number;
  usdPerGpuH: number;
  utilisation: number;
  platformTakePct?: number;
}): number {
  const { gpus, usdPerGpuH, utilisation, platformTakePct = 0 } = args;
  return (
    requireNonNegative('gpus', gpus) *
    requireNonNegative('usdPerGpuH', usdPerGpuH) *
    requireFraction('utilisation', utilisation) *
    (1 - requirePct('platformTakePct', platformTakePct) / 100)
  );
}

/** Energy cost of one GPU for one hour: kW share × PUE × $/MWh / 1000. */
export function energyCostUsdPerGpuHour(args: {
  gpuPowerShareKw: number;
  pue: number;
  priceUsdPerMwh: number;
}): number {
  const { gpuPowerShareKw, pue, priceUsdPerMwh } = args;
  requireNonNegative('gpuPowerShareKw', gpuPowerShareKw);
  return (gpuPowerShareKw * requirePue(pue) * requireFinite('priceUsdPerMwh', priceUsdPerMwh)) / KWH_PER_MWH;
}

/** Revenue per MWh of facility energy (v_gpu): rev per GPU-h / (kW share × PUE) × 1000. */
export function aiValueUsdPerMwh(args: {
  usdPerGpuH: number;
  utilisation: number;
  platformTakePct?: number;
  gpuPowerShareKw: number;
  pue: number;
}): number {
  const revenuePerGpuH = aiRevenueUsdPerHour({ ...args, gpus: 1 });
  const facilityKw = requirePositive('gpuPowerShareKw', args.gpuPowerShareKw) * requirePue(args.pue);
  return (revenuePerGpuH / facilityKw) * KWH_PER_MWH;
}

export type AiEconomicsPerHour = {
  revenueUsdPerH: number;
  energyKwhPerH: number;
  energyCostUsdPerH: number;
  marginUsdPerH: number;
  /** v_gpu; null when the GPUs draw no power. */
  valueUsdPerMwh: number | null;
};

/** Revenue, facility energy, energy cost and margin per hour for `gpus` GPUs. */
export function aiEconomicsPerHour(args: {
  gpus: number;
  usdPerGpuH: number;
  utilisation: number;
  platformTakePct?: number;
  gpuPowerShareKw: number;
  pue: number;
  priceUsdPerMwh: number;
}): AiEconomicsPerHour {
  const { gpus, gpuPowerShareKw, pue } = args;
  const revenueUsdPerH = aiRevenueUsdPerHour(args);
  const energyCostUsdPerH = gpus * energyCostUsdPerGpuHour(args);
  return {
    revenueUsdPerH,
    energyKwhPerH: gpus * gpuPowerShareKw * pue,
    energyCostUsdPerH,
    marginUsdPerH: revenueUsdPerH - energyCostUsdPerH,
    valueUsdPerMwh: gpuPowerShareKw > 0 ? aiValueUsdPerMwh(args) : null,
  };
}

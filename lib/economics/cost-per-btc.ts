import { HASHES_PER_DIFFICULTY, J_PER_KWH, KWH_PER_MWH } from './constants';
import { requireFinite, requireNonNegative, requirePct, requirePositive, requirePue } from './guards';

/**
 * Energy-only cost to produce one BTC (reference §1.10). All-in cost (hosting, SG&A, depreciation,
 * interest) is a different figure; compare it with COINSHARES_ALL_IN_COST_USD_PER_BTC, not with these.
 */

/** Measured cost per BTC for a site or fleet over a period; null when nothing was earned. */
export function costToProduceBtc(args: { energyCostUsd: number; btcEarned: number }): number | null {
  const energyCostUsd = requireFinite('energyCostUsd', args.energyCostUsd);
  const btcEarned = requireNonNegative('btcEarned', args.btcEarned);
  return btcEarned > 0 ? energyCostUsd / btcEarned : null;
}

/** Hashes needed, on average, to earn one BTC: D × 2^32 / R. */
export function hashesPerBtc(args: { difficulty: number; rewardBtcPerBlock: number }): number {
  requirePositive('difficulty', args.difficulty);
  return (
    (args.difficulty * HASHES_PER_DIFFICULTY) / requirePositive('rewardBtcPerBlock', args.rewardBtcPerBlock)
  );
}

export type EnergyPerBtcInputs = {
  efficiencyJPerTh: number;
  difficulty: number;
  rewardBtcPerBlock: number;
  pue?: number;
  /** The pool keeps this share of the reward, so each BTC received needs 1 / (1 − f) more hashes. */
  poolFeePct?: number;
};

/** Facility energy per BTC: η × 1e-12 × (D × 2^32 / R) / 3.6e6 × PUE ÷ (1 − pool fee). */
export function energyKwhPerBtc(args: EnergyPerBtcInputs): number {
  const { efficiencyJPerTh, pue = 1, poolFeePct = 0 } = args;
  requirePositive('efficiencyJPerTh', efficiencyJPerTh);
  const kept = 1 - requirePct('poolFeePct', poolFeePct) / 100;
  if (kept === 0) return Number.POSITIVE_INFINITY;
  const itKwh = (efficiencyJPerTh * 1e-12 * hashesPerBtc(args)) / J_PER_KWH;
  return (itKwh * requirePue(pue)) / kept;
}

/** Energy-only cost in USD of one BTC mined with hardware of the given efficiency. */
export function energyCostPerBtc(args: EnergyPerBtcInputs & { priceUsdPerMwh: number }): number {
  return (energyKwhPerBtc(args) * requireFinite('priceUsdPerMwh', args.priceUsdPerMwh)) / KWH_PER_MWH;
}

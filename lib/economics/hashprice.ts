import {
  DAYS_PER_YEAR,
  HASHES_PER_DIFFICULTY,
  HS_PER_EHS,
  HS_PER_THS,
  SATS_PER_BTC,
  SECONDS_PER_DAY,
  TARGET_BLOCK_INTERVAL_S,
} from './constants';
import { requireNonNegative, requirePositive } from './guards';

/** Expected revenue of one unit of hashrate for one day (reference §1.4). */
export type Hashprice = {
  btcPerThDay: number;
  usdPerThDay: number;
  btcPerPhDay: number;
  usdPerPhDay: number;
  satsPerThDay: number;
};

export type HashpriceInputs = {
  difficulty: number;
  btcUsd: number;
  /** Average fees per block in BTC (Luxor uses the trailing 144-block mean). */
  feesBtcPerBlock: number;
  subsidyBtc: number;
};

/** Reward per block R = subsidy + average fees. */
export function rewardBtcPerBlock(subsidyBtc: number, feesBtcPerBlock: number): number {
  return (
    requireNonNegative('subsidyBtc', subsidyBtc) + requireNonNegative('feesBtcPerBlock', feesBtcPerBlock)
  );
}

/**
 * Average fees per block when only the fee share of total rewards is published (Hashrate Index reports
 * "fees were 1.93% of rewards"): F = S × share / (1 − share).
 */
export function feesBtcPerBlockFromSharePct(subsidyBtc: number, feeSharePct: number): number {
  requireNonNegative('subsidyBtc', subsidyBtc);
  if (!(Number.isFinite(feeSharePct) && feeSharePct >= 0 && feeSharePct < 100)) {
    throw new RangeError(`feeSharePct must be in [0, 100), got ${feeSharePct}`);
  }
  const share = feeSharePct / 100;
  return (subsidyBtc * share) / (1 - share);
}

/** Expected blocks per day for `hashrateThs`: h × 86,400 / (D × 2^32). */
export function blocksPerDay(hashrateThs: number, difficulty: number): number {
  requireNonNegative('hashrateThs', hashrateThs);
  requirePositive('difficulty', difficulty);
  return (hashrateThs * HS_PER_THS * SECONDS_PER_DAY) / (difficulty * HASHES_PER_DIFFICULTY);
}

export function hashprice(inputs: HashpriceInputs): Hashprice {
  const { difficulty, btcUsd, feesBtcPerBlock, subsidyBtc } = inputs;
  requireNonNegative('btcUsd', btcUsd);
  const btcPerThDay = blocksPerDay(1, difficulty) * rewardBtcPerBlock(subsidyBtc, feesBtcPerBlock);
  const usdPerThDay = btcPerThDay * btcUsd;
  return {
    btcPerThDay,
    usdPerThDay,
    btcPerPhDay: btcPerThDay * 1000,
    usdPerPhDay: usdPerThDay * 1000,
    satsPerThDay: btcPerThDay * SATS_PER_BTC,
  };
}

/**
 * Hashrate implied by difficulty at the 600 s target: D × 2^32 / 600. mempool's `currentHashrate` is a
 * different estimate (getnetworkhashps over 1,008 blocks), and difficulty lags hashrate by up to an epoch.
 */
export function networkHashrateHs(difficulty: number): number {
  requirePositive('difficulty', difficulty);
  return (difficulty * HASHES_PER_DIFFICULTY) / TARGET_BLOCK_INTERVAL_S;
}

export function networkHashrateEhs(difficulty: number): number {
  return networkHashrateHs(difficulty) / HS_PER_EHS;
}

/**
 * Probability of finding at least one block solo in `durationS`: 1 − exp(−h·t / (D·2^32)).
 * Written as −expm1(−λ) because for a 78 kH/s NerdMiner λ ≈ 1e-14 per day, and 1 − exp(−λ) would
 * round to 0 (or to a multiple of 2^-53) in double precision.
 */
export function soloBlockProbability(args: {
  hashrateThs: number;
  difficulty: number;
  durationS: number;
}): number {
  const { hashrateThs, difficulty, durationS } = args;
  requireNonNegative('durationS', durationS);
  const expectedBlocks = (blocksPerDay(hashrateThs, difficulty) * durationS) / SECONDS_PER_DAY;
  return -Math.expm1(-expectedBlocks);
}

/** Mean waiting time to a solo block, in Julian years; Infinity at zero hashrate. */
export function expectedYearsToBlock(args: { hashrateThs: number; difficulty: number }): number {
  const perDay = blocksPerDay(args.hashrateThs, args.difficulty);
  return perDay === 0 ? Number.POSITIVE_INFINITY : 1 / (perDay * DAYS_PER_YEAR);
}

/**
 * Protocol constants and reference figures for the economics library.
 * Sources: shared/reference/economics.md §1.1 (protocol), §1.6 (pool fee), §1.8 (PUE), §1.10 (CoinShares).
 */

/** Expected hashes per unit of difficulty (protocol). */
export const HASHES_PER_DIFFICULTY = 2 ** 32;
/** Target block interval; mempool's `BLOCK_SECONDS_TARGET`. */
export const TARGET_BLOCK_INTERVAL_S = 600;
export const SECONDS_PER_DAY = 86_400;
export const SECONDS_PER_HOUR = 3_600;
/** Julian year, the usual convention for "expected years" figures. */
export const DAYS_PER_YEAR = 365.25;
/** Mean Gregorian month, used only to convert monthly growth rates. */
export const DAYS_PER_MONTH = 365.2425 / 12;
export const BLOCKS_PER_DAY_AT_TARGET = SECONDS_PER_DAY / TARGET_BLOCK_INTERVAL_S;
/** Difficulty retargets every 2,016 blocks; the change is clamped to ×4 / ÷4. */
export const DIFFICULTY_EPOCH_BLOCKS = 2016;
export const MAX_RETARGET_FACTOR = 4;
/** Bitcoin Core `consensus.nSubsidyHalvingInterval`. */
export const HALVING_INTERVAL_BLOCKS = 210_000;
export const SATS_PER_BTC = 100_000_000;
export const INITIAL_SUBSIDY_BTC = 50;
export const INITIAL_SUBSIDY_SATS = INITIAL_SUBSIDY_BTC * SATS_PER_BTC;
/** Bitcoin Core returns 0 from 64 halvings on (a shift by ≥ 64 bits is undefined in C++). */
export const MAX_HALVINGS = 64;
/** Hashrate unit factors to hashes per second. */
export const HS_PER_THS = 1e12;
export const HS_PER_EHS = 1e18;
export const WH_PER_KWH = 1_000;
export const KWH_PER_MWH = 1_000;
export const J_PER_KWH = 3.6e6;

/** Block 840,000 (2024-04-20), the fourth halving; header values verified in §1.1. */
export const LAST_HALVING = {
  height: 840_000,
  timestampS: 1_713_571_767,
  dateIso: '2024-04-20T00:09:27Z',
  difficulty: 86_388_558_925_171.02,
  subsidyBtc: 3.125,
} as const;

/** The fifth halving. The date is an estimate that drifts with block times. */
export const NEXT_HALVING = {
  height: 1_050_000,
  subsidyBtc: 1.5625,
  estimatedDateIso: '2028-04-15',
  estimateSource: 'Hashrate Index (data.hashrateindex.com), 179,980 blocks to go, scanned around 2024-11-12',
} as const;

/** Subsidy in force since block 840,000; the hashprice endpoint's default. */
export const CURRENT_SUBSIDY_BTC = 3.125;

/** Post-halving all-in production cost per BTC among listed miners (energy, opex, SG&A, depreciation). */
export const COINSHARES_ALL_IN_COST_USD_PER_BTC = 53_000;
export const COINSHARES_ALL_IN_COST_SOURCE =
  'CoinShares 2024 halving update (Q4-2023 reports): "average production cost per Bitcoin among listed ' +
  'mining companies is now approximately US$53,000" (copy at cointime.ai/news/coinshares-mining-report-update-71100)';

/** Dashboard defaults (§1.6, §1.8). PUE defaults are assumptions; treat PUE as a per-site input. */
export const DEFAULT_POOL_FEE_PCT = 2;
export const DEFAULT_MINING_PUE = 1.05;
export const DEFAULT_GPU_HALL_PUE = 1.3;

import { gaussian, hashString, ouAt } from '../random';

/**
 * Simulated Bitcoin network on an ideal 600 s block clock anchored at the halving block 840,000
 * (mined 2024-04-20, timestamp 1713571767 — economics.md §1.1). Difficulty retargets every 2,016
 * simulated blocks by a few percent; fees drift around the 2025 levels (0.02–0.1 BTC/block).
 */
const DAY_MS = 86_400_000;
const HOUR_MS = 3_600_000;
export const SIM_BLOCK_MS = 600_000;
export const SIM_HEIGHT_ANCHOR = { height: 840_000, tsMs: 1_713_571_767_000 } as const;
export const EPOCH_BLOCKS = 2016;

// Epoch 480 starts at height 967,680 (≈ 2026-09 on the ideal clock); ~148 T is where a +1 %/epoch trend
// from late 2025's ~152 T with some pull-back lands. Late-2026 values come out around 150 T.
const DIFFICULTY_ANCHOR = { epoch: 480, difficulty: 148e12 } as const;
const DIFFICULTY_TREND_PER_EPOCH = 0.01;
const DIFFICULTY_OU = { theta: 0.15, sigma: 0.025, startSd: 0.03 };
const FEES_LEVEL_BTC = 0.045;
const FEES_OU = { theta: 0.2, sigma: 0.25, startSd: 0.35 };
const FEES_ANCHOR_DAY = Date.UTC(2026, 0, 1) / DAY_MS;
const DIFFICULTY = hashString('difficulty');
const FEES_DAILY = hashString('fees-daily');
const FEES_HOURLY = hashString('fees-hourly');
const LUCK = hashString('hashrate-luck');

export function simBlockHeightAt(tsMs: number): number {
  return SIM_HEIGHT_ANCHOR.height + Math.floor((tsMs - SIM_HEIGHT_ANCHOR.tsMs) / SIM_BLOCK_MS);
}

export function simDifficultyOfEpoch(seed: number, epoch: number): number {
  const k = epoch - DIFFICULTY_ANCHOR.epoch;
  return (
    DIFFICULTY_ANCHOR.difficulty *
    Math.exp(DIFFICULTY_TREND_PER_EPOCH * k + ouAt(seed, DIFFICULTY, k, DIFFICULTY_OU))
  );
}

export function simDifficultyAt(seed: number, tsMs: number): number {
  return simDifficultyOfEpoch(seed, Math.floor(simBlockHeightAt(tsMs) / EPOCH_BLOCKS));
}

/** Where the simulated chain stands in its difficulty epoch, like mempool's difficulty-adjustment. */
export function simDifficultyEpochAt(seed: number, tsMs: number) {
  const height = simBlockHeightAt(tsMs);
  const epoch = Math.floor(height / EPOCH_BLOCKS);
  const difficulty = simDifficultyOfEpoch(seed, epoch);
  const previous = simDifficultyOfEpoch(seed, epoch - 1);
  const nextRetargetHeight = (epoch + 1) * EPOCH_BLOCKS;
  return {
    epoch,
    difficulty,
    previousRetargetPct: (difficulty / previous - 1) * 100,
    nextRetargetHeight,
    remainingBlocks: nextRetargetHeight - height,
    progressPercent: ((height - epoch * EPOCH_BLOCKS) / EPOCH_BLOCKS) * 100,
  };
}

/** Average fees per block in BTC: daily mean-reverting level times hourly noise. */
export function simFeesBtcPerBlockAt(seed: number, tsMs: number): number {
  const day = Math.floor(tsMs / DAY_MS);
  const hour = Math.floor(tsMs / HOUR_MS);
  const log =
    Math.log(FEES_LEVEL_BTC) +
    ouAt(seed, FEES_DAILY, day - FEES_ANCHOR_DAY, FEES_OU) +
    0.15 * gaussian(seed, FEES_HOURLY, hour);
  return Math.min(0.5, Math.max(0.005, Math.round(Math.exp(log) * 1e6) / 1e6));
}

/** Hashrate implied by difficulty (D × 2³² / 600 s) with a few percent of daily luck on top. */
export function simNetworkHashrateEhsAt(seed: number, tsMs: number): number {
  const implied = (simDifficultyAt(seed, tsMs) * 2 ** 32) / 600 / 1e18;
  return implied * Math.exp(0.03 * gaussian(seed, LUCK, Math.floor(tsMs / DAY_MS)));
}

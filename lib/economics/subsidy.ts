import {
  HALVING_INTERVAL_BLOCKS,
  INITIAL_SUBSIDY_SATS,
  MAX_HALVINGS,
  SATS_PER_BTC,
  TARGET_BLOCK_INTERVAL_S,
} from './constants';
import { requireNonNegativeInteger, requirePositive } from './guards';

/** Number of halvings that apply at `height` (0 for the genesis era). */
export function halvingsAtHeight(height: number): number {
  requireNonNegativeInteger('height', height);
  return Math.floor(height / HALVING_INTERVAL_BLOCKS);
}

/**
 * Block subsidy in satoshis, as Bitcoin Core's `GetBlockSubsidy`: 50 BTC in sats shifted right once per
 * halving. JS `>>` works on 32 bits and 5e9 sats does not fit, so the shift is done on a BigInt.
 */
export function subsidySatsAtHeight(height: number): number {
  const halvings = halvingsAtHeight(height);
  if (halvings >= MAX_HALVINGS) return 0;
  return Number(BigInt(INITIAL_SUBSIDY_SATS) >> BigInt(halvings));
}

/** Block subsidy in BTC: 3.125 for heights 840,000–1,049,999, 1.5625 from 1,050,000. */
export function subsidyBtcAtHeight(height: number): number {
  return subsidySatsAtHeight(height) / SATS_PER_BTC;
}

/** First height after `height` at which the subsidy halves (840,000 → 1,050,000; 839,999 → 840,000). */
export function nextHalvingHeight(height: number): number {
  return (halvingsAtHeight(height) + 1) * HALVING_INTERVAL_BLOCKS;
}

/** Blocks still to be mined, counting the halving block itself, when the chain tip is at `height`. */
export function blocksUntilNextHalving(height: number): number {
  return nextHalvingHeight(height) - height;
}

export type HalvingEstimate = {
  halvingHeight: number;
  blocksRemaining: number;
  remainingS: number;
  date: Date;
};

/**
 * When the next halving is expected, assuming blocks keep arriving every `avgBlockTimeS` (600 s target;
 * in practice a rising hashrate makes blocks slightly faster, so the real date tends to come earlier).
 */
export function estimateHalvingDate(args: {
  height: number;
  now: Date;
  avgBlockTimeS?: number;
}): HalvingEstimate {
  const { height, now, avgBlockTimeS = TARGET_BLOCK_INTERVAL_S } = args;
  requirePositive('avgBlockTimeS', avgBlockTimeS);
  const blocksRemaining = blocksUntilNextHalving(height);
  const remainingS = blocksRemaining * avgBlockTimeS;
  return {
    halvingHeight: height + blocksRemaining,
    blocksRemaining,
    remainingS,
    date: new Date(now.getTime() + remainingS * 1000),
  };
}

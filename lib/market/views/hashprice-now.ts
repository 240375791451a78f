// Hashprice and the halving estimate from stored market values: pure, so each figure traces to its
// inputs (provider, time) and to the lib/economics formula.
import { CURRENT_SUBSIDY_BTC, hashprice, NEXT_HALVING, subsidyBtcAtHeight } from '../../economics';
import { estimateHalvingDate } from '../../economics/subsidy';

/** A stored market value with its provenance (times epoch ms). */
export type MarketValue = {
  value: number;
  /** When the value applies (epoch ms). */
  ts: number;
  fetchedAt: number;
  /** Provider name stored on the point, e.g. `sim`, `mempool`, `median(coinbase,kraken)`. */
  provider: string;
  simulated: boolean;
  stale: boolean;
  staleReason: string | null;
};

export type HashpriceNow = {
  usdPerPhDay: number;
  usdPerThDay: number;
  btcPerPhDay: number;
  btcPerThDay: number;
  subsidyBtc: number;
  /** The oldest input's time: hashprice is only as fresh as its inputs. */
  ts: number;
  stale: boolean;
  simulated: boolean;
  provider: 'computed';
  inputs: { btcUsd: string; difficulty: string; feesBtcPerBlock: string; subsidy: string };
  formula: string;
};

export type HalvingNow = {
  height: number;
  /** null when no block height is stored (the estimate then comes from the reference). */
  blocksRemaining: number | null;
  estimatedAt: number;
  subsidyBtcNow: number;
  subsidyBtcAfter: number;
  basis: string;
};

/** Hashprice from the stored inputs (lib/economics `hashprice`); subsidy from the block height. */
export function computeHashprice(inputs: {
  btcUsd: MarketValue | null;
  difficulty: MarketValue | null;
  feesBtcPerBlock: MarketValue | null;
  blockHeight: MarketValue | null;
}): HashpriceNow | null {
  const { btcUsd, difficulty, feesBtcPerBlock, blockHeight } = inputs;
  if (!btcUsd || !difficulty || !feesBtcPerBlock) return null;
  const subsidyBtc = blockHeight ? subsidyBtcAtHeight(Math.floor(blockHeight.value)) : CURRENT_SUBSIDY_BTC;
  const rates = hashprice({
    difficulty: difficulty.value,
    btcUsd: btcUsd.value,
    feesBtcPerBlock: feesBtcPerBlock.value,
    subsidyBtc,
  });
  const parts = [btcUsd, difficulty, feesBtcPerBlock];
  return {
    usdPerPhDay: rates.usdPerPhDay,
    usdPerThDay: rates.usdPerThDay,
    btcPerPhDay: rates.btcPerPhDay,
    btcPerThDay: rates.btcPerThDay,
    subsidyBtc,
    ts: Math.min(...parts.map((p) => p.ts)),
    stale: parts.some((p) => p.stale),
    simulated: parts.some((p) => p.simulated),
    provider: 'computed',
    inputs: {
      btcUsd: btcUsd.provider,
      difficulty: difficulty.provider,
      feesBtcPerBlock: feesBtcPerBlock.provider,
      subsidy: blockHeight
        ? `block height ${Math.floor(blockHeight.value)} (${blockHeight.provider})`
        : 'current era (no block height)',
    },
    formula: '86,400 × 10¹² / (difficulty × 2³²) × (subsidy + fees per block) × BTC/USD',
  };
}

export function halvingFrom(blockHeight: MarketValue | null, now: number): HalvingNow {
  if (!blockHeight) {
    return {
      height: NEXT_HALVING.height,
      blocksRemaining: null,
      estimatedAt: Date.parse(NEXT_HALVING.estimatedDateIso),
      subsidyBtcNow: CURRENT_SUBSIDY_BTC,
      subsidyBtcAfter: NEXT_HALVING.subsidyBtc,
      basis: NEXT_HALVING.estimateSource,
    };
  }
  const height = Math.floor(blockHeight.value);
  const estimate = estimateHalvingDate({ height, now: new Date(now) });
  return {
    height: estimate.halvingHeight,
    blocksRemaining: estimate.blocksRemaining,
    estimatedAt: estimate.date.getTime(),
    subsidyBtcNow: subsidyBtcAtHeight(height),
    subsidyBtcAfter: subsidyBtcAtHeight(estimate.halvingHeight),
    basis: `block ${height.toLocaleString('en-US')} (${blockHeight.provider}) + 600 s per block`,
  };
}

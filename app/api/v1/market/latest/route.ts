// GET /api/v1/market/latest → { asOf, btcUsd, difficulty, feesBtcPerBlock, blockHeight, networkHashrateEhs,
//   hashprice, halving, sites[], gpuRates[], sources, providers } — each value with ts, provider and staleness.
import { route } from '@/lib/http/route';
import { getMarketLatest } from '@/lib/market/views/latest';

export const GET = route(async ({ actor }) => getMarketLatest(actor, Date.now()));

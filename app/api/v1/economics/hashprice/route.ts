// GET /api/v1/economics/hashprice?difficulty&btcUsd&feesBtcPerBlock[&subsidyBtc|&height]
// → { usdPerThDay, usdPerPhDay, btcPerPhDay, btcPerThDay, networkHashrateEhs, subsidyBtc, inputs }

import { computeHashpriceResponse, parseHashpriceQuery } from '@/lib/economics';
import { badRequest } from '@/lib/errors';
import { route } from '@/lib/http/route';

export const GET = route(async ({ req }) => {
  const parsed = parseHashpriceQuery(new URL(req.url).searchParams);
  if (!parsed.success) {
    const details = Object.entries(parsed.fieldErrors).flatMap(([path, messages]) =>
      messages.map((message) => ({ path, message })),
    );
    throw badRequest(parsed.message, details);
  }
  return computeHashpriceResponse(parsed.data);
});

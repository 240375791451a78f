// POST /api/v1/sites/{id}/prices/preview { contractKind, fixedPriceUsdPerMwh?, touSchedule?, spotSource?,
//   spotAdderUsdPerMwh? } → the next 24 h of prices under that (unsaved) contract, same shape as GET …/prices.

import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { ContractDraftSchema, previewSiteContract } from '@/lib/market/electricity/site-price-views';

export const POST = route<{ id: string }>(async ({ req, actor, params }) =>
  previewSiteContract(actor, IdParam.parse(params.id), await parseJson(req, ContractDraftSchema), Date.now()),
);

// GET /api/v1/settings/market → { settings (secrets as { secret, set }), providers, spotSources, sites, statuses }
// PUT /api/v1/settings/market { network?, btcUsd?, gpuRates?, eurUsd?, config?: { [provider]: { [key]: string | null } } }
//   → the masked settings. Secrets are write-only: null clears one, an absent key keeps it.
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';
import { updateMarketSettings } from '@/lib/market/settings/market-settings';
import { MarketSettingsUpdateSchema } from '@/lib/market/settings/schema';
import { getMarketSettingsPage } from '@/lib/market/settings/view';

export const GET = route(async ({ actor }) => getMarketSettingsPage(actor, Date.now()));

export const PUT = route(async ({ req, actor }) =>
  updateMarketSettings(actor, await parseJson(req, MarketSettingsUpdateSchema)),
);

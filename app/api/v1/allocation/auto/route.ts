// GET /api/v1/allocation/auto – automatic mode and plan guardrails per site;
// PUT – change one site's settings ({ siteId, autoEnabled?, intervalMin?, horizonH?, maxSwitchPct?, quietHours? }).
import { AutoSettingsUpdate } from '@/lib/allocation/plans/schemas';
import { listAutoSettings, updateAutoSettings } from '@/lib/allocation/plans/settings';
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';

export const GET = route(async ({ actor }) => listAutoSettings(actor));

export const PUT = route(async ({ req, actor }) =>
  updateAutoSettings(actor, await parseJson(req, AutoSettingsUpdate), Date.now()),
);

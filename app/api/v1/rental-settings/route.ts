// GET /api/v1/rental-settings – GPU spot rental (fleet default and per-site); PUT – change one (staff operator).
import { parseJson } from '@/lib/http/body';
import { route } from '@/lib/http/route';
import { listRentalSettings, updateRentalSettings } from '@/lib/workloads/rental';
import { RentalSettingsUpdate } from '@/lib/workloads/schemas';

export const GET = route(async ({ actor }) => listRentalSettings(actor));

export const PUT = route(async ({ req, actor }) =>
  updateRentalSettings(actor, await parseJson(req, RentalSettingsUpdate), Date.now()),
);

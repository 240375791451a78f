// GET/PATCH /api/v1/tenants/{id} – name and hosting terms (rate per kWh, per device-month).
import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';
import { getTenant, TenantUpdate, updateTenant } from '@/lib/tenants/tenants';

type P = { id: string };

export const GET = route<P>(async ({ actor, params }) => getTenant(actor, IdParam.parse(params.id)));

export const PATCH = route<P>(async ({ req, actor, params }) =>
  updateTenant(actor, IdParam.parse(params.id), await parseJson(req, TenantUpdate, { maxBytes: 10_000 })),
);

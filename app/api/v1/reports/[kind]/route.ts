// GET /api/v1/reports/{kind}?from&to&siteId&tenantId&class&format=json|csv|xlsx|pdf – reports as JSON or files.
import { parseQuery, route } from '@/lib/http/route';
import { ReportQuerySchema, reportResponse } from '@/lib/reports/respond';

export const GET = route<{ kind: string }>(async ({ req, actor, params }) =>
  reportResponse(actor, params.kind, parseQuery(req, ReportQuerySchema), Date.now()),
);

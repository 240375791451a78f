// GET /api/v1/statements?tenantId – stored monthly statements (a hosting client sees its own);
// POST – generate one tenant's statement for an ended month now (staff admin; idempotent: 200 when stored already).
import { parseJson } from '@/lib/http/body';
import { parseQuery, route } from '@/lib/http/route';
import {
  listStatements,
  requestStatement,
  StatementListQuery,
  StatementRequest,
} from '@/lib/reports/statements';

export const GET = route(async ({ req, actor }) => ({
  data: await listStatements(actor, parseQuery(req, StatementListQuery).tenantId),
}));

export const POST = route(async ({ req, actor }) => {
  const input = await parseJson(req, StatementRequest, { maxBytes: 1_000 });
  const { created, statement } = await requestStatement(actor, input, Date.now());
  if (!created) return statement;
  return Response.json(statement, { status: 201 });
});

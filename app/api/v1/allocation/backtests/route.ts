// GET /api/v1/allocation/backtests – recent backtests (results without the cumulative series);
// POST – queue one (operator): { from, to, siteIds?, deviceIds?, policies, electricity?, bitcoin?,
// constraints? } → 202 { id }. The background job runs it; poll GET /api/v1/allocation/backtests/{id}.
import { BacktestRequestSchema, ListQuerySchema } from '@/lib/allocation/backtest/schemas';
import { createBacktest, listBacktests } from '@/lib/allocation/backtest/store';
import { parseJson } from '@/lib/http/body';
import { parseQuery, route } from '@/lib/http/route';

export const GET = route(async ({ req, actor }) => ({
  data: await listBacktests(actor, parseQuery(req, ListQuerySchema).limit),
}));

export const POST = route(async ({ req, actor }) => {
  const created = await createBacktest(actor, await parseJson(req, BacktestRequestSchema));
  return Response.json(created, {
    status: 202,
    headers: { location: `/api/v1/allocation/backtests/${created.id}` },
  });
});

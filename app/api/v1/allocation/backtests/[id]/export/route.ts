// GET /api/v1/allocation/backtests/{id}/export?what=results|cumulative – CSV download of the
// per-policy figures, or of the cumulative profit series (one column per policy).
import { BacktestExportQuery } from '@/lib/allocation/backtest/schemas';
import { exportBacktestCsv } from '@/lib/allocation/backtest/store';
import { IdParam } from '@/lib/http/params';
import { parseQuery, route } from '@/lib/http/route';

type P = { id: string };

export const GET = route<P>(async ({ req, actor, params }) => {
  const id = IdParam.parse(params.id);
  const { what } = parseQuery(req, BacktestExportQuery);
  const csv = await exportBacktestCsv(actor, id, what);
  return new Response(csv, {
    headers: {
      'content-type': 'text/csv; charset=utf-8',
      'content-disposition': `attachment; filename="backtest-${id}-${what}.csv"`,
    },
  });
});

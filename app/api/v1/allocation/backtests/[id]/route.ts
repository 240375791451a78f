// GET /api/v1/allocation/backtests/{id} – { status, progress, results, meta, … };
// DELETE – cancel a queued or running backtest (409 when it already ended).
import { cancelBacktest, getBacktest } from '@/lib/allocation/backtest/store';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

type P = { id: string };

export const GET = route<P>(async ({ actor, params }) => getBacktest(actor, IdParam.parse(params.id)));

export const DELETE = route<P>(async ({ actor, params }) => cancelBacktest(actor, IdParam.parse(params.id)));

// POST /api/v1/agent/sites/{id}/actions/results – a site agent reports the outcome of the sends it
// claimed { agent, results: [{ id, at, outcome }] } → { results: [{ id, recorded, reason? }] }
// (operator). Confirmation still comes from the devices' telemetry.
import { AgentActionResults, recordAgentActionResults } from '@/lib/actions/agent-exchange';
import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

type P = { id: string };

export const POST = route<P>(async ({ req, actor, params }) =>
  recordAgentActionResults(actor, IdParam.parse(params.id), await parseJson(req, AgentActionResults)),
);

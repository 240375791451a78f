// POST /api/v1/agent/sites/{id}/polls – a site agent's poll outcomes { agent, outcomes: [{ deviceId,
// ok, at, errorKind?, error? }] }; renews the agent's lease on those devices → { recorded, ignored, leaseUntil }.
import { AgentPollReport, recordAgentPolls } from '@/lib/collectors/agent-api';
import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

type P = { id: string };

export const POST = route<P>(async ({ req, actor, params }) =>
  recordAgentPolls(actor, IdParam.parse(params.id), await parseJson(req, AgentPollReport)),
);

// POST /api/v1/agent/sites/{id}/actions/claim – a site agent claims the due actions of its site's
// devices { agent, limit? } → { actions: [{ id, deviceId, action, params, protocol, host, port,
// claimedUntil, context }] } (operator; a tenant's token: its own machines only). Each action goes to
// one claimant; `context` is all the agent needs to send it (credentials decrypted for API tokens only).
import { AgentActionClaim, claimAgentActions } from '@/lib/actions/agent-exchange';
import { parseJson } from '@/lib/http/body';
import { IdParam } from '@/lib/http/params';
import { route } from '@/lib/http/route';

type P = { id: string };

export const POST = route<P>(async ({ req, actor, params }) =>
  claimAgentActions(actor, IdParam.parse(params.id), await parseJson(req, AgentActionClaim)),
);

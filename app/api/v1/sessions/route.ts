// GET /api/v1/sessions – the caller's own browser sessions (created, last seen, address, browser,
// which one is this). Session cookie only: API tokens have no sessions.
import { listOwnSessions, requireSessionCaller } from '@/lib/auth/account';
import { publicRoute } from '@/lib/http/route';

export const GET = publicRoute(async ({ req }) => {
  const { actor, sessionId } = await requireSessionCaller(req);
  return { data: await listOwnSessions(actor, sessionId) };
});

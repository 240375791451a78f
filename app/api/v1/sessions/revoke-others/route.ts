// POST /api/v1/sessions/revoke-others – ends every session of the caller except this one.
import { requireSessionCaller, revokeOtherSessions } from '@/lib/auth/account';
import { publicRoute } from '@/lib/http/route';

export const POST = publicRoute(async ({ req }) => {
  const { actor, sessionId } = await requireSessionCaller(req);
  return revokeOtherSessions(actor, sessionId);
});

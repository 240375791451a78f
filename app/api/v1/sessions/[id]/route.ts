// DELETE /api/v1/sessions/{id} – ends one of the caller's own sessions (someone else's: 404).
// Session cookie only, like the list.
import { requireSessionCaller, revokeOwnSession } from '@/lib/auth/account';
import { publicRoute } from '@/lib/http/route';

type P = { id: string };

export const DELETE = publicRoute<P>(async ({ req, params }) => {
  const { actor } = await requireSessionCaller(req);
  await revokeOwnSession(actor, String(params.id).slice(0, 128));
  return null;
});

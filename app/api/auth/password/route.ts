// POST /api/auth/password { currentPassword, newPassword } – the signed-in user changes their own
// password (session cookie only: API tokens have no password). Other sessions of the user end.
import { changeOwnPassword, PasswordChange, requireSessionCaller } from '@/lib/auth/account';
import { parseJson } from '@/lib/http/body';
import { publicRoute } from '@/lib/http/route';

export const POST = publicRoute(async ({ req }) => {
  const { actor, sessionId } = await requireSessionCaller(req);
  return changeOwnPassword(actor, sessionId, await parseJson(req, PasswordChange, { maxBytes: 10_000 }));
});

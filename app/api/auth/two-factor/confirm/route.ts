// POST /api/auth/two-factor/confirm { code } – the first code from the app turns two-factor on and
// returns the ten recovery codes (shown this once). Other sessions of the user end.
import { requireSessionCaller } from '@/lib/auth/account';
import { CodeInput, confirmEnrolment } from '@/lib/auth/two-factor';
import { parseJson } from '@/lib/http/body';
import { publicRoute } from '@/lib/http/route';

export const POST = publicRoute(async ({ req }) => {
  const { actor, sessionId } = await requireSessionCaller(req);
  return confirmEnrolment(actor, sessionId, await parseJson(req, CodeInput, { maxBytes: 10_000 }));
});

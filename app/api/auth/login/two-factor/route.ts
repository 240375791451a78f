// POST /api/auth/login/two-factor { code } | { recoveryCode } – the sign-in's second step: the
// challenge cookie from the password step plus a code from the app (or an unused recovery code)
// → session cookie. Throttled per user; a code is accepted once.
import { recordAudit } from '@/lib/audit/record';
import { assertSameOrigin, clientIp, isSecureRequest } from '@/lib/auth/request';
import { readCookie, sessionCookie } from '@/lib/auth/session-cookie';
import { createSession } from '@/lib/auth/sessions';
import { SecondFactorInput } from '@/lib/auth/two-factor';
import {
  CHALLENGE_COOKIE,
  clearedChallengeCookie,
  completeTwoFactorChallenge,
} from '@/lib/auth/two-factor-challenge';
import { parseJson } from '@/lib/http/body';
import { publicRoute } from '@/lib/http/route';

export const POST = publicRoute(async ({ req }) => {
  assertSameOrigin(req);
  const input = await parseJson(req, SecondFactorInput, { maxBytes: 10_000 });
  const ip = clientIp(req);
  const { user, method } = await completeTwoFactorChallenge(
    readCookie(req.headers.get('cookie'), CHALLENGE_COOKIE),
    input,
  );
  const token = await createSession(user.id, { ip, userAgent: req.headers.get('user-agent') ?? undefined });
  await recordAudit({ kind: 'user', ...user }, 'auth.login', `user:${user.id}`, { secondFactor: method }, ip);
  const headers = new Headers();
  headers.append('Set-Cookie', sessionCookie(token, isSecureRequest(req)));
  headers.append('Set-Cookie', clearedChallengeCookie());
  return Response.json({ user: { id: user.id, name: user.name, role: user.role } }, { headers });
});

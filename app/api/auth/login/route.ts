// POST /api/auth/login – email + password → session cookie; for a user with two-factor, no session
// yet: `{ twoFactorRequired: true }` and a short-lived challenge cookie for the second step
// (`POST /api/auth/login/two-factor`).
import { recordAudit } from '@/lib/audit/record';
import { assertSameOrigin, clientIp, isSecureRequest } from '@/lib/auth/request';
import { sessionCookie } from '@/lib/auth/session-cookie';
import { createSession } from '@/lib/auth/sessions';
import { challengeCookie, createTwoFactorChallenge } from '@/lib/auth/two-factor-challenge';
import { LoginInput, verifyCredentials } from '@/lib/auth/users';
import { AppError } from '@/lib/errors';
import { readJson } from '@/lib/http/body';
import { publicRoute } from '@/lib/http/route';

export const POST = publicRoute(async ({ req }) => {
  assertSameOrigin(req);
  const input = LoginInput.parse(await readJson(req, { maxBytes: 10_000 }));
  const ip = clientIp(req);
  const user = await verifyCredentials(input.email, input.password, ip);
  if (!user) {
    await recordAudit(
      { kind: 'system', id: null, name: input.email.slice(0, 200), role: 'viewer', tenantId: null },
      'auth.login_failed',
      null,
      undefined,
      ip,
    );
    throw new AppError(401, 'invalid_credentials', 'Email or password is incorrect');
  }
  const actor = { kind: 'user' as const, id: user.id, name: user.name, role: user.role, tenantId: null };
  if (user.twoFactor) {
    const challenge = await createTwoFactorChallenge(user.id, ip);
    await recordAudit(actor, 'auth.login_password_ok', `user:${user.id}`, { secondFactor: 'due' }, ip);
    return Response.json(
      { twoFactorRequired: true },
      { headers: { 'Set-Cookie': challengeCookie(challenge, isSecureRequest(req)) } },
    );
  }
  const token = await createSession(user.id, { ip, userAgent: req.headers.get('user-agent') ?? undefined });
  await recordAudit(actor, 'auth.login', `user:${user.id}`, undefined, ip);
  return Response.json(
    { user: { id: user.id, name: user.name, role: user.role } },
    { headers: { 'Set-Cookie': sessionCookie(token, isSecureRequest(req)) } },
  );
});

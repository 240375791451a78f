// POST /api/auth/login – email + password → session cookie.
import { z } from 'zod';
import { recordAudit } from '@/lib/audit/record';
import { assertSameOrigin, clientIp, isSecureRequest } from '@/lib/auth/request';
import { createSession, SESSION_COOKIE, SESSION_MAX_AGE_S } from '@/lib/auth/sessions';
import { verifyCredentials } from '@/lib/auth/users';
import { AppError } from '@/lib/errors';
import { publicRoute, readJson } from '@/lib/http/route';

const LoginInput = z.object({ email: z.string().min(1).max(200), password: z.string().min(1).max(256) });

export const POST = publicRoute(async ({ req }) => {
  assertSameOrigin(req);
  const input = LoginInput.parse(await readJson(req, 10_000));
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
  const token = await createSession(user.id, { ip, userAgent: req.headers.get('user-agent') ?? undefined });
  await recordAudit(
    { kind: 'user', id: user.id, name: user.name, role: user.role, tenantId: null },
    'auth.login',
    `user:${user.id}`,
    undefined,
    ip,
  );
  const secure = isSecureRequest(req) ? '; Secure' : '';
  return Response.json(
    { user: { id: user.id, name: user.name, role: user.role } },
    {
      headers: {
        'Set-Cookie': `${SESSION_COOKIE}=${token}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${SESSION_MAX_AGE_S}${secure}`,
      },
    },
  );
});

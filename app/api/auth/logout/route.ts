// POST /api/auth/logout – ends the session and clears the cookie.

import { assertSameOrigin } from '@/lib/auth/request';
import { deleteSession, SESSION_COOKIE } from '@/lib/auth/sessions';
import { publicRoute } from '@/lib/http/route';

export const POST = publicRoute(async ({ req }) => {
  assertSameOrigin(req);
  const cookie = req.headers.get('cookie') ?? '';
  const token = new RegExp(`(?:^|;\\s*)${SESSION_COOKIE}=([^;]+)`).exec(cookie)?.[1];
  if (token) await deleteSession(decodeURIComponent(token));
  return new Response(null, {
    status: 204,
    headers: { 'Set-Cookie': `${SESSION_COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0` },
  });
});

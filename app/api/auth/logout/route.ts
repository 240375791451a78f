// POST /api/auth/logout – ends the session and clears the cookie.

import { assertSameOrigin } from '@/lib/auth/request';
import { clearedSessionCookie, readSessionCookie } from '@/lib/auth/session-cookie';
import { deleteSession } from '@/lib/auth/sessions';
import { publicRoute } from '@/lib/http/route';

export const POST = publicRoute(async ({ req }) => {
  assertSameOrigin(req);
  const token = readSessionCookie(req.headers.get('cookie'));
  if (token) await deleteSession(token);
  return new Response(null, { status: 204, headers: { 'Set-Cookie': clearedSessionCookie() } });
});

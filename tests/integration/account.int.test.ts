// Own account through the real routes: password change (current password required, minimum length,
// throttled, other sessions end, this one stays), the session list and revoking, audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as password from '@/app/api/auth/password/route';
import * as sessionOne from '@/app/api/v1/sessions/[id]/route';
import * as revokeOthers from '@/app/api/v1/sessions/revoke-others/route';
import * as sessions from '@/app/api/v1/sessions/route';
import { sessionIdOf } from '@/lib/auth/account';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { createSession, getSessionActor } from '@/lib/auth/sessions';
import { createUser } from '@/lib/auth/users';
import { getDb } from '@/lib/db/client';
import { call, tokenFor } from '../helpers/api';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const PASSWORD = 'correct horse battery staple';
const browser = (token: string) => ({
  cookie: `sy_session=${token}`,
  origin: 'http://localhost',
  host: 'localhost',
});

describe.each(TEST_PROVIDERS)('own account on %s', (provider) => {
  let db: TestDb;
  let n = 0;
  const newUser = async () => {
    const user = await createUser(SYSTEM_ACTOR, {
      email: `me${++n}@example.com`,
      name: 'Me',
      password: PASSWORD,
      role: 'viewer',
    });
    const here = await createSession(user.id, { ip: '10.0.0.1', userAgent: 'Here/1.0' });
    const there = await createSession(user.id, { ip: '10.0.0.2', userAgent: 'There/2.0' });
    return { user, here, there };
  };
  const change = (token: string, body: unknown, headers: Record<string, string> = {}) =>
    call(password.POST, { method: 'POST', body, headers: { ...browser(token), ...headers } });

  beforeAll(async () => {
    db = await createTestDb(provider);
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('changes the password with the current one and ends only the other sessions', async () => {
    const { user, here, there } = await newUser();
    const res = await change(here, { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json).toEqual({ sessionsEnded: 1 });
    expect(await getSessionActor(here)).not.toBeNull();
    expect(await getSessionActor(there)).toBeNull();
    const audit = await getDb().auditEvent.findMany({
      where: { action: 'auth.password_change', actorId: user.id },
    });
    expect(audit).toHaveLength(1);
    expect(audit[0]?.details).not.toContain('brand new');
  });

  it('refuses a wrong current password, a short new one, no session and a foreign origin', async () => {
    const { here, there } = await newUser();
    const wrong = await change(here, {
      currentPassword: 'not it at all',
      newPassword: 'a brand new passphrase',
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.code).toBe('invalid_credentials');
    const short = await change(here, { currentPassword: PASSWORD, newPassword: 'short' });
    expect(short.status).toBe(400);
    const anonymous = await call(password.POST, {
      method: 'POST',
      body: { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
      headers: {
        origin: 'http://localhost',
        host: 'localhost',
        authorization: `Bearer ${await tokenFor('admin')}`,
      },
    });
    expect(anonymous.status).toBe(401);
    const csrf = await change(
      here,
      { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' },
      {
        origin: 'http://evil.example',
      },
    );
    expect(csrf.status).toBe(403);
    expect(await getSessionActor(there)).not.toBeNull();
  });

  it('throttles guessing the current password, even when the right one comes next', async () => {
    const { here } = await newUser();
    for (let i = 0; i < 5; i++)
      expect(
        (await change(here, { currentPassword: `guess ${i}`, newPassword: 'a brand new passphrase' })).status,
      ).toBe(400);
    const locked = await change(here, { currentPassword: PASSWORD, newPassword: 'a brand new passphrase' });
    expect(locked.status).toBe(429);
    expect(locked.headers.get('retry-after')).toBeTruthy();
  });

  it('lists own sessions with the current one flagged, revokes one and the others', async () => {
    const { user, here, there } = await newUser();
    const third = await createSession(user.id, { ip: '10.0.0.3', userAgent: 'Third/3.0' });
    const other = await newUser();
    const list = await call(sessions.GET, { headers: browser(here) });
    expect(list.status).toBe(200);
    expect(list.json.data).toHaveLength(3);
    const current = list.json.data.filter((s: { current: boolean }) => s.current);
    expect(current).toEqual([
      expect.objectContaining({ id: sessionIdOf(here), ip: '10.0.0.1', userAgent: 'Here/1.0' }),
    ]);

    // Someone else's session id changes nothing and answers like an unknown one.
    const unknown = await call(sessionOne.DELETE, {
      method: 'DELETE',
      params: { id: 'nope' },
      headers: browser(here),
    });
    expect(unknown.status).toBe(404);
    const foreign = await call(sessionOne.DELETE, {
      method: 'DELETE',
      params: { id: sessionIdOf(other.here) },
      headers: browser(here),
    });
    expect(foreign.status).toBe(404);
    expect(await getSessionActor(other.here)).not.toBeNull();

    const one = await call(sessionOne.DELETE, {
      method: 'DELETE',
      params: { id: sessionIdOf(third) },
      headers: browser(here),
    });
    expect(one.status).toBe(204);
    expect(await getSessionActor(third)).toBeNull();

    const rest = await call(revokeOthers.POST, { method: 'POST', headers: browser(here) });
    expect(rest.json).toEqual({ revoked: 1 });
    expect(await getSessionActor(there)).toBeNull();
    expect(await getSessionActor(here)).not.toBeNull();
    const actions = (await getDb().auditEvent.findMany({ where: { actorId: user.id } })).map((e) => e.action);
    expect(actions).toEqual(expect.arrayContaining(['auth.session_revoke', 'auth.sessions_revoke_others']));
  });

  it('refuses API tokens (they have no sessions)', async () => {
    const res = await call(sessions.GET, { token: await tokenFor('viewer') });
    expect(res.status).toBe(401);
  });
});

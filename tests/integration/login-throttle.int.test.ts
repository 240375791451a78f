// Login throttling through the real sign-in route: guessing is slowed per account + address, the
// address is the connection's (never a client-sent header unless a proxy is trusted), the owner
// signing in from elsewhere is not locked out by a stranger, and successes do not count.
import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest';
import * as login from '@/app/api/auth/login/route';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { LOGIN_LIMITS } from '@/lib/auth/login-backoff';
import { createUser, verifyCredentials } from '@/lib/auth/users';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { PEER_ADDRESS_HEADER } from '@/lib/http/server-hooks';
import { call } from '../helpers/api';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const PASSWORD = 'correct horse battery staple';

describe.each(TEST_PROVIDERS)('login throttling on %s', (provider) => {
  let db: TestDb;
  let n = 0;
  const newAccount = async () => {
    const email = `owner${++n}@example.com`;
    await createUser(SYSTEM_ACTOR, { email, name: 'Owner', password: PASSWORD, role: 'viewer' });
    return email;
  };
  /** A sign-in as the server sees it: `peer` is the connection's address (stamped by the server). */
  const attempt = (email: string, password: string, peer: string, headers: Record<string, string> = {}) =>
    call(login.POST, {
      method: 'POST',
      body: { email, password },
      headers: { origin: 'http://localhost', host: 'localhost', [PEER_ADDRESS_HEADER]: peer, ...headers },
    });

  beforeAll(async () => {
    db = await createTestDb(provider);
  });
  afterEach(() => {
    delete process.env.SWITCHYARD_TRUST_PROXY;
    resetEnvCache();
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('backs off one address after a few wrong passwords, whatever X-Real-IP / X-Forwarded-For it sends', async () => {
    const email = await newAccount();
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) {
      const res = await attempt(email, 'wrong', '203.0.113.9', {
        'x-real-ip': `198.51.100.${i}`,
        'x-forwarded-for': `192.0.2.${i}`,
      });
      statuses.push(res.status);
    }
    expect(statuses.slice(0, 5)).toEqual([401, 401, 401, 401, 401]);
    expect(statuses.slice(5)).toEqual([429, 429, 429]);
  });

  it('does not lock the owner out from another address, and does not count successes', async () => {
    const email = await newAccount();
    for (let i = 0; i < 15; i++) await attempt(email, 'wrong', '203.0.113.66');
    expect((await attempt(email, 'wrong', '203.0.113.66')).status).toBe(429);
    for (let i = 0; i < 12; i++) {
      const res = await attempt(email, PASSWORD, '198.51.100.7');
      expect(res.status, `success #${i + 1}`).toBe(200);
    }
  });

  it('audits attempts refused with 429', async () => {
    const email = await newAccount();
    for (let i = 0; i < 7; i++) await attempt(email, 'wrong', '203.0.113.77');
    const throttled = await getDb().auditEvent.count({
      where: { action: 'auth.login_throttled', actorName: email, ip: '203.0.113.77' },
    });
    expect(throttled).toBe(2);
  });

  it('uses the proxy-supplied address only with SWITCHYARD_TRUST_PROXY on', async () => {
    process.env.SWITCHYARD_TRUST_PROXY = 'on';
    resetEnvCache();
    const email = await newAccount();
    // Behind the proxy every connection comes from the proxy; clients differ by X-Forwarded-For.
    for (let i = 0; i < 6; i++)
      await attempt(email, 'wrong', '10.0.0.1', { 'x-forwarded-for': '203.0.113.5' });
    expect((await attempt(email, 'wrong', '10.0.0.1', { 'x-forwarded-for': '203.0.113.5' })).status).toBe(
      429,
    );
    const other = await attempt(email, PASSWORD, '10.0.0.1', { 'x-forwarded-for': '198.51.100.1' });
    expect(other.status).toBe(200);
  });

  it('stops every address once the per-account ceiling of failures is reached, and says when to retry', async () => {
    const email = await newAccount();
    const limits = { ...LOGIN_LIMITS, accountCeiling: 3 };
    const now = Date.now();
    for (const ip of ['192.0.2.1', '192.0.2.2', '192.0.2.3'])
      expect(await verifyCredentials(email, 'wrong', ip, now, limits)).toBeNull();
    await expect(verifyCredentials(email, PASSWORD, '192.0.2.4', now, limits)).rejects.toMatchObject({
      status: 429,
      headers: { 'Retry-After': expect.stringMatching(/^\d+$/) },
    });
    expect(
      await verifyCredentials(email, PASSWORD, '192.0.2.4', now + limits.accountWindowMs, limits),
    ).toMatchObject({
      name: 'Owner',
    });
  });
});

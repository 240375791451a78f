// Two-factor sign-in through the real routes on a real database: enrol (secret made server-side,
// stored encrypted), confirm with a first code, ten single-use recovery codes stored hashed, the
// two-step sign-in whose pending state opens nothing else, replay and guessing refused, disable,
// admin reset, the per-role requirement, and key rotation re-sealing the secrets.
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import * as login from '@/app/api/auth/login/route';
import * as loginTwoFactor from '@/app/api/auth/login/two-factor/route';
import * as me from '@/app/api/auth/me/route';
import * as confirm from '@/app/api/auth/two-factor/confirm/route';
import * as disable from '@/app/api/auth/two-factor/disable/route';
import * as enrol from '@/app/api/auth/two-factor/enrol/route';
import * as recoveryCodes from '@/app/api/auth/two-factor/recovery-codes/route';
import * as status from '@/app/api/auth/two-factor/route';
import * as security from '@/app/api/v1/settings/security/route';
import * as userTwoFactor from '@/app/api/v1/users/[id]/two-factor/route';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { createSession, getSessionActor } from '@/lib/auth/sessions';
import { decodeTotpKey, totpCodeAt, totpStep } from '@/lib/auth/totp';
import { verifySecondFactor } from '@/lib/auth/two-factor';
import { setTwoFactorPolicy } from '@/lib/auth/two-factor-policy';
import { createUser } from '@/lib/auth/users';
import { getDb } from '@/lib/db/client';
import { resetEnvCache } from '@/lib/env';
import { isEnvelope } from '@/lib/secrets/envelope';
import { rotateSecret } from '@/lib/secrets/rotate';
import { resetServerKeyCache } from '@/lib/secrets/server-key';
import { call, tokenFor } from '../helpers/api';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const PASSWORD = 'correct horse battery staple';
const ORIGIN = { origin: 'http://localhost', host: 'localhost' };
const browser = (token: string) => ({ cookie: `sy_session=${token}`, ...ORIGIN });
const setCookies = (headers: Headers) => headers.getSetCookie();
const cookieValue = (headers: Headers, name: string) =>
  setCookies(headers)
    .map((c) => c.split(';')[0] ?? '')
    .find((c) => c.startsWith(`${name}=`))
    ?.slice(name.length + 1);
const codeFor = (secret: string, offsetSteps = 0) =>
  totpCodeAt(decodeTotpKey(secret), totpStep(Date.now()) + offsetSteps);

describe.each(TEST_PROVIDERS)('two-factor on %s', (provider) => {
  let db: TestDb;
  let n = 0;
  const saved = { secret: process.env.SWITCHYARD_SECRET, previous: process.env.SWITCHYARD_SECRET_PREVIOUS };

  async function newUser(role: 'admin' | 'operator' | 'viewer' = 'viewer') {
    const email = `twofa${++n}@example.com`;
    const user = await createUser(SYSTEM_ACTOR, { email, name: `User ${n}`, password: PASSWORD, role });
    const session = await createSession(user.id, { ip: '10.0.0.1', userAgent: 'Here/1.0' });
    return { user, email, session };
  }

  /** Enrols through the routes; returns the secret and the recovery codes. */
  async function enrolled(role: 'admin' | 'operator' | 'viewer' = 'viewer') {
    const u = await newUser(role);
    const start = await call(enrol.POST, { method: 'POST', headers: browser(u.session) });
    expect(start.status, JSON.stringify(start.json)).toBe(200);
    const done = await call(confirm.POST, {
      method: 'POST',
      headers: browser(u.session),
      body: { code: codeFor(start.json.secret) },
    });
    expect(done.status, JSON.stringify(done.json)).toBe(200);
    return { ...u, secret: start.json.secret as string, recovery: done.json.recoveryCodes as string[] };
  }

  const passwordStep = (email: string, password = PASSWORD) =>
    call(login.POST, { method: 'POST', headers: ORIGIN, body: { email, password } });
  const secondStep = (challenge: string | undefined, body: unknown) =>
    call(loginTwoFactor.POST, {
      method: 'POST',
      headers: { ...ORIGIN, ...(challenge ? { cookie: `sy_2fa=${challenge}` } : {}) },
      body,
    });

  beforeAll(async () => {
    // PostgreSQL runs with an environment secret (rotation test), SQLite with the key file.
    process.env.SWITCHYARD_SECRET = 'two-factor-test-secret-number-one-0123456789';
    delete process.env.SWITCHYARD_SECRET_PREVIOUS;
    resetEnvCache();
    resetServerKeyCache();
    db = await createTestDb(provider);
  });
  afterAll(async () => {
    await setTwoFactorPolicy(SYSTEM_ACTOR, { requiredRoles: [] });
    await db.cleanup();
    for (const [k, v] of [
      ['SWITCHYARD_SECRET', saved.secret],
      ['SWITCHYARD_SECRET_PREVIOUS', saved.previous],
    ] as const)
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    resetEnvCache();
    resetServerKeyCache();
  });

  it('enrols: secret and QR made here, stored encrypted, on only after a right first code', async () => {
    const { user, session } = await newUser();
    const other = await createSession(user.id, { ip: '10.0.0.2' });
    const start = await call(enrol.POST, { method: 'POST', headers: browser(session) });
    expect(start.status).toBe(200);
    expect(start.json.secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(start.json.otpauthUri).toContain(`secret=${start.json.secret}`);
    expect(start.json.qrSvg).toMatch(/^<svg[\s\S]*<\/svg>\s*$/);
    let row = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(row.totpSecret).toBeNull();
    expect(isEnvelope(row.totpPendingSecret ?? '')).toBe(true);
    expect(row.totpPendingSecret).not.toContain(start.json.secret);
    expect((await call(status.GET, { headers: browser(session) })).json).toMatchObject({
      enabled: false,
      pending: true,
    });

    const wrongCode = codeFor(start.json.secret) === '000000' ? '111111' : '000000';
    const wrong = await call(confirm.POST, {
      method: 'POST',
      headers: browser(session),
      body: { code: wrongCode },
    });
    expect(wrong.status).toBe(400);
    expect(wrong.json.error.code).toBe('invalid_code');

    const ok = await call(confirm.POST, {
      method: 'POST',
      headers: browser(session),
      body: { code: codeFor(start.json.secret) },
    });
    expect(ok.status).toBe(200);
    const codes: string[] = ok.json.recoveryCodes;
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    row = await getDb().user.findUniqueOrThrow({ where: { id: user.id } });
    expect(isEnvelope(row.totpSecret ?? '')).toBe(true);
    expect(row.totpPendingSecret).toBeNull();
    const stored = await getDb().twoFactorRecoveryCode.findMany({ where: { userId: user.id } });
    expect(stored).toHaveLength(10);
    const dump = JSON.stringify(stored);
    for (const c of codes) {
      expect(dump).not.toContain(c);
      expect(dump).not.toContain(c.replaceAll('-', ''));
    }
    // The session that enrolled stays; the other one (opened without the second factor) ends.
    expect(await getSessionActor(session)).not.toBeNull();
    expect(await getSessionActor(other)).toBeNull();
    expect((await call(status.GET, { headers: browser(session) })).json).toMatchObject({
      enabled: true,
      pending: false,
      recoveryCodesRemaining: 10,
    });
    // Enrolling again needs turning it off first.
    expect((await call(enrol.POST, { method: 'POST', headers: browser(session) })).status).toBe(409);
  });

  it('the two-factor routes take the session cookie from our own origin only', async () => {
    const { session } = await newUser();
    const token = await tokenFor('admin');
    expect((await call(status.GET, { token })).status).toBe(401);
    expect((await call(enrol.POST, { method: 'POST', token, headers: ORIGIN })).status).toBe(401);
    const foreign = await call(enrol.POST, {
      method: 'POST',
      headers: { ...browser(session), origin: 'http://evil.example' },
    });
    expect(foreign.status).toBe(403);
  });

  it('signs in in two steps; the pending step opens nothing else; a used code is refused', async () => {
    const u = await enrolled();
    const first = await passwordStep(u.email);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ twoFactorRequired: true });
    expect(cookieValue(first.headers, 'sy_session')).toBeUndefined();
    const challenge = cookieValue(first.headers, 'sy_2fa');
    expect(challenge).toBeTruthy();
    expect(setCookies(first.headers).join()).toContain('Path=/api/auth/login');
    // The challenge token is not a session, wherever it is sent.
    expect((await call(me.GET, { headers: { cookie: `sy_session=${challenge}` } })).status).toBe(401);
    expect((await call(status.GET, { headers: { cookie: `sy_2fa=${challenge}` } })).status).toBe(401);
    expect(await getSessionActor(challenge as string)).toBeNull();

    const code = codeFor(u.secret, 1);
    const second = await secondStep(challenge, { code });
    expect(second.status, JSON.stringify(second.json)).toBe(200);
    const session = cookieValue(second.headers, 'sy_session');
    expect(session).toBeTruthy();
    expect(setCookies(second.headers).some((c) => c.startsWith('sy_2fa=;'))).toBe(true);
    expect((await call(me.GET, { headers: { cookie: `sy_session=${session}` } })).status).toBe(200);
    // The challenge is spent.
    expect((await secondStep(challenge, { code })).json.error.code).toBe('two_factor_expired');

    // The same code again, with a fresh password step: refused (replay within its step).
    const again = cookieValue((await passwordStep(u.email)).headers, 'sy_2fa');
    const replay = await secondStep(again, { code });
    expect(replay.status).toBe(401);
    expect(replay.json.error.code).toBe('invalid_code');
    // So is an older code of the window once a newer one was used.
    expect((await secondStep(again, { code: codeFor(u.secret, 0) })).status).toBe(401);
    const audit = await getDb().auditEvent.findMany({ where: { action: 'auth.login', actorId: u.user.id } });
    expect(audit.map((a) => JSON.parse(a.details ?? '{}').secondFactor)).toEqual(['totp']);
  });

  it('a recovery code signs in once, in any case and spacing', async () => {
    const u = await enrolled();
    const code = u.recovery[3] as string;
    const c1 = cookieValue((await passwordStep(u.email)).headers, 'sy_2fa');
    const ok = await secondStep(c1, { recoveryCode: code.toUpperCase().replaceAll('-', ' ') });
    expect(ok.status, JSON.stringify(ok.json)).toBe(200);
    const c2 = cookieValue((await passwordStep(u.email)).headers, 'sy_2fa');
    const reused = await secondStep(c2, { recoveryCode: code });
    expect(reused.status).toBe(401);
    expect(reused.json.error.code).toBe('invalid_code');
    expect(await getDb().twoFactorRecoveryCode.count({ where: { userId: u.user.id, usedAt: null } })).toBe(9);
    // Another user's recovery code does not open this account.
    const v = await enrolled();
    const c3 = cookieValue((await passwordStep(u.email)).headers, 'sy_2fa');
    expect((await secondStep(c3, { recoveryCode: v.recovery[0] })).status).toBe(401);
  });

  it('a wrong password gives no challenge, and no cookie is no second step', async () => {
    const u = await enrolled();
    const bad = await passwordStep(u.email, 'not the password at all');
    expect(bad.status).toBe(401);
    expect(cookieValue(bad.headers, 'sy_2fa')).toBeUndefined();
    const none = await secondStep(undefined, { code: codeFor(u.secret) });
    expect(none.status).toBe(401);
    expect(none.json.error.code).toBe('two_factor_expired');
    const both = await secondStep('x', { code: '123456', recoveryCode: 'aaaa-bbbb-cccc-dddd' });
    expect(both.status).toBe(400);
  });

  it('a challenge ends after five wrong codes: the password is due again', async () => {
    const u = await enrolled();
    const challenge = cookieValue((await passwordStep(u.email)).headers, 'sy_2fa');
    const right = codeFor(u.secret, 1);
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect((await secondStep(challenge, { code: wrong })).status).toBe(401);
    const sixth = await secondStep(challenge, { code: right });
    expect(sixth.status).toBe(401);
    expect(sixth.json.error.code).toBe('two_factor_expired');
  });

  it('guessing is slowed per user (back-off, 429) and the owner gets in after the wait', async () => {
    const u = await enrolled();
    const t0 = Date.now() + 60 * 60_000; // clear of the steps used by enrolment
    const right = totpCodeAt(decodeTotpKey(u.secret), totpStep(t0));
    const wrong = right === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect(await verifySecondFactor(u.user.id, { code: wrong }, t0)).toBeNull();
    await expect(verifySecondFactor(u.user.id, { code: right }, t0)).rejects.toMatchObject({ status: 429 });
    await expect(verifySecondFactor(u.user.id, { code: right }, t0 + 500)).rejects.toMatchObject({
      status: 429,
    });
    // After the back-off (1 s at this count) the right code works, and clears the counter.
    expect(await verifySecondFactor(u.user.id, { code: right }, t0 + 1_000)).toBe('totp');
    const next = totpCodeAt(decodeTotpKey(u.secret), totpStep(t0) + 1);
    expect(await verifySecondFactor(u.user.id, { code: wrong }, t0 + 1_001)).toBeNull();
    expect(await verifySecondFactor(u.user.id, { code: next }, t0 + 1_002)).toBe('totp');
  });

  it('turns off with the password or a code, not with a wrong one; recovery codes can be replaced', async () => {
    const u = await enrolled();
    const wrongPw = await call(disable.POST, {
      method: 'POST',
      headers: browser(u.session),
      body: { password: 'not the password' },
    });
    expect(wrongPw.status).toBe(400);
    expect(wrongPw.json.error.code).toBe('invalid_credentials');
    const fresh = await call(recoveryCodes.POST, {
      method: 'POST',
      headers: browser(u.session),
      body: { code: codeFor(u.secret, 1) },
    });
    expect(fresh.status).toBe(200);
    expect(fresh.json.recoveryCodes).toHaveLength(10);
    const old = cookieValue((await passwordStep(u.email)).headers, 'sy_2fa');
    expect((await secondStep(old, { recoveryCode: u.recovery[0] })).status).toBe(401);

    const off = await call(disable.POST, {
      method: 'POST',
      headers: browser(u.session),
      body: { password: PASSWORD },
    });
    expect(off.status).toBe(204);
    const row = await getDb().user.findUniqueOrThrow({ where: { id: u.user.id } });
    expect([row.totpSecret, row.totpEnabledAt, row.totpLastStep]).toEqual([null, null, null]);
    expect(await getDb().twoFactorRecoveryCode.count({ where: { userId: u.user.id } })).toBe(0);
    const plain = await passwordStep(u.email);
    expect(plain.json.user).toBeTruthy();
    expect(cookieValue(plain.headers, 'sy_session')).toBeTruthy();
  });

  it('an admin resets a user’s two-factor; others may not', async () => {
    const u = await enrolled();
    const params = { id: String(u.user.id) };
    const operator = await tokenFor('operator');
    expect((await call(userTwoFactor.DELETE, { method: 'DELETE', token: operator, params })).status).toBe(
      403,
    );
    const admin = await tokenFor('admin');
    const res = await call(userTwoFactor.DELETE, { method: 'DELETE', token: admin, params });
    expect(res.status).toBe(204);
    expect(await getSessionActor(u.session)).toBeNull();
    const row = await getDb().user.findUniqueOrThrow({ where: { id: u.user.id } });
    expect(row.totpSecret).toBeNull();
    expect((await passwordStep(u.email)).json.user).toBeTruthy();
    expect(
      (await call(userTwoFactor.DELETE, { method: 'DELETE', token: admin, params: { id: '999999' } })).status,
    ).toBe(404);
    const audit = await getDb().auditEvent.count({ where: { action: 'user.two_factor_reset' } });
    expect(audit).toBeGreaterThan(0);
  });

  it('a role that must use two-factor: unenrolled sessions reach only enrolment until they enrol', async () => {
    const admin = await tokenFor('admin');
    const viewerToken = await tokenFor('viewer');
    expect(
      (await call(security.PUT, { method: 'PUT', token: viewerToken, body: { requiredRoles: ['operator'] } }))
        .status,
    ).toBe(403);
    const put = await call(security.PUT, {
      method: 'PUT',
      token: admin,
      body: { requiredRoles: ['operator'] },
    });
    expect(put.status).toBe(200);
    expect((await call(security.GET, { token: admin })).json).toEqual({ requiredRoles: ['operator'] });

    const op = await newUser('operator');
    const held = await call(me.GET, { headers: browser(op.session) });
    expect(held.status).toBe(403);
    expect(held.json.error.code).toBe('two_factor_enrolment_required');
    expect((await call(status.GET, { headers: browser(op.session) })).json).toMatchObject({
      required: true,
      enabled: false,
    });
    // A viewer is not concerned, nor are API tokens.
    const viewer = await newUser('viewer');
    expect((await call(me.GET, { headers: browser(viewer.session) })).status).toBe(200);
    expect((await call(me.GET, { token: await tokenFor('operator') })).status).toBe(200);

    const start = await call(enrol.POST, { method: 'POST', headers: browser(op.session) });
    await call(confirm.POST, {
      method: 'POST',
      headers: browser(op.session),
      body: { code: codeFor(start.json.secret) },
    });
    expect((await call(me.GET, { headers: browser(op.session) })).status).toBe(200);
    await call(security.PUT, { method: 'PUT', token: admin, body: { requiredRoles: [] } });
  });

  it('secrets:rotate re-seals the TOTP secrets; codes keep working', async () => {
    const u = await enrolled();
    const before = (await getDb().user.findUniqueOrThrow({ where: { id: u.user.id } })).totpSecret;
    process.env.SWITCHYARD_SECRET_PREVIOUS = process.env.SWITCHYARD_SECRET;
    process.env.SWITCHYARD_SECRET = 'two-factor-test-secret-number-two-9876543210';
    resetEnvCache();
    resetServerKeyCache();
    const result = await rotateSecret();
    expect(result.reencrypted).toBeGreaterThan(0);
    const after = (await getDb().user.findUniqueOrThrow({ where: { id: u.user.id } })).totpSecret;
    expect(after).not.toBe(before);
    delete process.env.SWITCHYARD_SECRET_PREVIOUS;
    resetEnvCache();
    resetServerKeyCache();
    const challenge = cookieValue((await passwordStep(u.email)).headers, 'sy_2fa');
    expect((await secondStep(challenge, { code: codeFor(u.secret, 1) })).status).toBe(200);
  });

  it('a policy change reaches every bundle at once (pages and routes hold separate module copies)', async () => {
    const pages = await import('@/lib/auth/two-factor-policy');
    expect((await pages.readTwoFactorPolicy()).requiredRoles).toEqual([]);
    // A second copy of the module, as Next bundles route handlers apart from pages.
    vi.resetModules();
    const routes = await import('@/lib/auth/two-factor-policy');
    expect(routes).not.toBe(pages);
    await routes.setTwoFactorPolicy(SYSTEM_ACTOR, { requiredRoles: ['operator'] });
    try {
      // Before: the pages' copy kept its cached [] for 5 s.
      expect((await pages.readTwoFactorPolicy()).requiredRoles).toEqual(['operator']);
    } finally {
      await routes.setTwoFactorPolicy(SYSTEM_ACTOR, { requiredRoles: [] });
    }
  });
});

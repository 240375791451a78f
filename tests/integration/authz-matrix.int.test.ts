// The enumerated authorization matrix: every route method under app/ (discovered, not listed by
// hand) × anonymous, forged credentials, each role, a client of another tenant, and cookie sessions
// from foreign origins — through the real handlers on SQLite and PostgreSQL. The expectations live
// in tests/authz/expectations.ts; a route without an entry fails the first test.
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyPlan } from '@/lib/allocation/plans/apply';
import { createPlan } from '@/lib/allocation/plans/plans';
import { PlanRequest } from '@/lib/allocation/request';
import type { Role } from '@/lib/auth/actor';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { createApiToken } from '@/lib/auth/api-tokens';
import { createSession } from '@/lib/auth/sessions';
import { getDb } from '@/lib/db/client';
import { recordProviderOk } from '@/lib/market/refresh/provider-status';
import { storeNetworkPoints } from '@/lib/market/store';
import { createJob } from '@/lib/workloads/jobs';
import { createPool } from '@/lib/workloads/pools';
import { createActionFixtures } from '../authz/action-fixtures';
import { createAlertFixtures } from '../authz/alert-fixtures';
import { type DiscoveredRoute, discoverPages, discoverRoutes } from '../authz/discover';
import { type AuthzFixture, type MatrixRequest, PAGES, ROUTES, type RouteRule } from '../authz/expectations';
import { call } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

type Handler = (req: Request, ctx: { params: Promise<Record<string, string>> }) => Promise<Response>;
type SignedIn = Extract<RouteRule, { access: 'signed-in' }>;

const ROLES: Role[] = ['viewer', 'operator', 'admin'];
const RANK: Record<Role, number> = { viewer: 0, operator: 1, admin: 2 };
const MUTATING = new Set(['POST', 'PUT', 'PATCH', 'DELETE']);
// Names only tenant B's world carries: none may appear in anything tenant A can read.
const TENANT_B_MARKERS = ['Bravo', 'Client B'];

const discovered = discoverRoutes();
const signedIn = discovered.filter((r) => ROUTES[r.key]?.access === 'signed-in');
const rule = (r: DiscoveredRoute) => ROUTES[r.key] as SignedIn;
const cases = (list: DiscoveredRoute[]) => list.map((r) => [r.key, r] as const);

const handlers = new Map<string, Handler>();
async function handlerFor(r: DiscoveredRoute): Promise<Handler> {
  const cached = handlers.get(r.key);
  if (cached) return cached;
  const mod = (await import(path.resolve(r.file))) as Record<string, Handler>;
  const handler = mod[r.method];
  if (!handler) throw new Error(`${r.file} exports no ${r.method}`);
  handlers.set(r.key, handler);
  return handler;
}

describe('authorization expectation table', () => {
  it('has an entry for every route method in app/, and no entry for a route that is gone', () => {
    const keys = discovered.map((r) => r.key);
    expect(keys.length).toBeGreaterThan(40);
    expect(
      keys.filter((k) => !ROUTES[k]),
      'routes without an entry in tests/authz/expectations.ts',
    ).toEqual([]);
    expect(
      Object.keys(ROUTES).filter((k) => !keys.includes(k)),
      'entries without a route',
    ).toEqual([]);
  });

  it('lets no viewer mutate unless the entry says why', () => {
    const lax = signedIn.filter(
      (r) => MUTATING.has(r.method) && rule(r).minRole === 'viewer' && !rule(r).viewerWhy,
    );
    expect(lax.map((r) => r.key)).toEqual([]);
  });

  it('has an entry for every page, and every page authenticates itself (not only the proxy)', () => {
    const pages = discoverPages();
    const patterns = pages.map((p) => p.pattern);
    expect(
      patterns.filter((p) => !PAGES[p]),
      'pages without an entry',
    ).toEqual([]);
    expect(
      Object.keys(PAGES).filter((p) => !patterns.includes(p)),
      'entries without a page',
    ).toEqual([]);
    // The page itself or a layout above it must resolve the session (redirecting to sign-in);
    // the browser test (e2e/authz-pages.spec.ts) checks the redirect and the 404s on a real server.
    const redirectOnly = (p: (typeof pages)[number]) => {
      const target = PAGES[p.pattern]?.redirectOnly;
      return target !== undefined && p.source.includes(`redirect('${target}')`) && Boolean(PAGES[target]);
    };
    const unguarded = pages
      .filter((p) => !redirectOnly(p))
      .filter((p) => !PAGES[p.pattern]?.public && !/requirePage(Actor|Role|Staff)\(/.test(p.source));
    expect(unguarded.map((p) => p.file)).toEqual([]);
  });

  it('names an object kind for every [id] route', () => {
    const missing = signedIn.filter((r) => r.pattern.includes('[id]') && !rule(r).object);
    expect(missing.map((r) => r.key)).toEqual([]);
  });
});

describe.each(TEST_PROVIDERS)('authorization matrix on %s', (provider) => {
  let db: TestDb;
  let f: AuthzFixture;
  const tokens = {} as Record<'staff' | 'tenantA', Record<Role, string>>;
  const sessions = {} as Record<Role, string>;

  beforeAll(async () => {
    db = await createTestDb(provider);
    const prisma = getDb();
    const alpha = await createSmallFleet(3, 'Alpha');
    const bravo = await createSmallFleet(1, 'Bravo');
    const spareSite = await prisma.site.create({
      data: {
        name: 'Spare',
        timezone: 'UTC',
        powerCapacityKw: 1,
        contractKind: 'fixed',
        fixedPriceUsdPerMwh: 1,
      },
    });
    const tenantA = await prisma.tenant.create({ data: { name: 'Client A' } });
    const tenantB = await prisma.tenant.create({ data: { name: 'Client B' } });
    const [devA, devSpare] = alpha.devices;
    if (!devA || !devSpare) throw new Error('fixture');
    await prisma.device.update({ where: { id: devA.id }, data: { tenantId: tenantA.id } });
    await prisma.device.updateMany({ where: { siteId: bravo.site.id }, data: { tenantId: tenantB.id } });
    // Live readings and a market, so the money and fleet views compute real numbers for everyone.
    const now = Date.now();
    for (const d of [...alpha.devices, ...bravo.devices])
      await prisma.deviceLatest.create({
        data: { deviceId: d.id, ts: BigInt(now - 5_000), hashrateThs: 200, powerW: 3500 },
      });
    await storeNetworkPoints(
      [
        { series: 'difficulty', ts: now, value: 108.52e12, provider: 'sim' },
        { series: 'btc_usd', ts: now, value: 93_450, provider: 'sim' },
        { series: 'fees_btc_per_block', ts: now, value: 0.0931, provider: 'sim' },
        { series: 'block_height', ts: now, value: 875_000, provider: 'sim' },
      ],
      now,
    );
    await recordProviderOk('network', 'sim', now);
    await recordProviderOk('btc_usd', 'sim', now);

    const backtestFor = async (tenantId: number | null) =>
      (
        await prisma.allocationBacktest.create({
          data: {
            tenantId,
            status: 'queued',
            request: JSON.stringify({ from: 0, to: 3_600_000, policies: [{ kind: 'always-mine' }] }),
            createdAt: BigInt(now),
            updatedAt: BigInt(now),
          },
        })
      ).id;
    const jobFor = async (tenantId: number | null, name: string) =>
      (
        await createJob(
          SYSTEM_ACTOR,
          {
            name,
            tenantId,
            gpuCount: 1,
            expectedHours: 1,
            priceUsdPerGpuHour: 2,
            preemptible: true,
            multiNode: false,
            needsFirmPower: false,
          },
          Date.now(),
        )
      ).id;
    const poolFor = async (tenantId: number | null, name: string) =>
      (
        await createPool(SYSTEM_ACTOR, {
          name,
          tenantId,
          urls: ['stratum+tcp://pool.example:3333'],
          workerTemplate: '{serial}',
          feePct: 2,
          payoutScheme: 'fpps',
        })
      ).id;
    const tokenFor = async (role: Role, name: string, tenantId: number | null) => {
      const created = await createApiToken(SYSTEM_ACTOR, { name, role });
      if (tenantId !== null) await prisma.apiToken.update({ where: { id: created.id }, data: { tenantId } });
      return created;
    };
    const userFor = (name: string, tenantId: number | null) =>
      prisma.user.create({
        data: {
          email: `${name.replace(' ', '.')}@matrix.test`.toLowerCase(),
          name,
          role: 'viewer',
          tenantId,
          passwordHash: 'unused',
        },
      });
    tokens.staff = {} as Record<Role, string>;
    tokens.tenantA = {} as Record<Role, string>;
    for (const role of ROLES) {
      tokens.staff[role] = (await tokenFor(role, `staff-${role}`, null)).token;
      tokens.tenantA[role] = (await tokenFor(role, `alpha-${role}`, tenantA.id)).token;
      const user = await prisma.user.create({
        data: { email: `${role}@matrix.test`, name: role, role, passwordHash: 'unused' },
      });
      sessions[role] = await createSession(user.id, {});
    }
    const tokenB = await tokenFor('operator', 'bravo-agent', tenantB.id);
    const alerting = await createAlertFixtures(tenantA.id, tenantB.id, {
      a: devA.id,
      b: bravo.devices[0]?.id ?? 0,
      spare: devSpare.id,
    });
    const tokenSpare = await tokenFor('viewer', 'spare', null);
    // Allocation plans are the provider's (staff only): one applied (with its decision row), one draft to apply.
    const planRequest = PlanRequest.parse({ siteIds: [spareSite.id], horizonH: 2 });
    const planA = await createPlan(SYSTEM_ACTOR, planRequest, now);
    await applyPlan(SYSTEM_ACTOR, planA.id, now);
    const planSpare = await createPlan(SYSTEM_ACTOR, planRequest, now);
    const decision = await prisma.allocationDecision.findFirstOrThrow({ where: { planId: planA.id } });
    const scanFor = async (tenantId: number | null, mac: string) =>
      (
        await prisma.discoveryScan.create({
          data: {
            cidr: '127.0.0.2/32',
            ports: '[80]',
            protocols: '["axeos"]',
            status: 'done',
            total: 1,
            probed: 1,
            tenantId,
            actorName: 'matrix',
            found: JSON.stringify([
              {
                host: '127.0.0.2',
                port: 80,
                protocol: 'axeos',
                vendor: 'Bitaxe',
                model: 'Bitaxe Gamma',
                firmware: null,
                mac,
                serial: null,
                hostname: null,
                suggestedModelId: devA.modelId,
                error: null,
              },
            ]),
          },
        })
      ).id;
    const statementFor = async (tenantId: number) =>
      (
        await prisma.tenantStatement.create({
          data: {
            tenantId,
            period: '2024-01',
            timezone: 'UTC',
            fromMs: BigInt(Date.UTC(2024, 0, 1)),
            toMs: BigInt(Date.UTC(2024, 1, 1)),
            totals: '{"energyKwh":1}',
            pdf: Uint8Array.from(Buffer.from('%PDF-1.3 matrix')),
            sizeBytes: 15,
            createdAt: BigInt(now),
          },
        })
      ).id;
    const statementA = await statementFor(tenantA.id);
    f = {
      modelId: devA.modelId,
      tenantA: tenantA.id,
      tenantB: tenantB.id,
      ids: {
        device: { a: devA.id, b: bravo.devices[0]?.id ?? 0, spare: devSpare.id },
        site: { a: alpha.site.id, b: bravo.site.id, spare: spareSite.id },
        job: {
          a: await jobFor(tenantA.id, 'Alpha job'),
          b: await jobFor(tenantB.id, 'Bravo job'),
          spare: await jobFor(null, 'Spare job'),
        },
        pool: {
          a: await poolFor(tenantA.id, 'Alpha pool'),
          b: await poolFor(tenantB.id, 'Bravo pool'),
          spare: await poolFor(null, 'Spare pool'),
        },
        token: { a: tokenSpare.id, b: tokenB.id, spare: tokenSpare.id },
        tenant: { a: tenantA.id, b: tenantB.id, spare: tenantA.id },
        user: {
          a: (await userFor('Alpha user', tenantA.id)).id,
          b: (await userFor('Bravo user', tenantB.id)).id,
          spare: (await userFor('Spare user', null)).id,
        },
        ...alerting,
        backtest: {
          a: await backtestFor(tenantA.id),
          b: await backtestFor(tenantB.id),
          spare: await backtestFor(null),
        },
        ...(await createActionFixtures(tenantA.id, tenantB.id, {
          a: devA.id,
          b: bravo.devices[0]?.id ?? 0,
          spare: devSpare.id,
        })),
        session: { a: '', b: '', spare: '' },
        allocationPlan: { a: planA.id, b: planA.id, spare: planSpare.id },
        allocationDecision: { a: decision.id, b: decision.id, spare: decision.id },
        statement: { a: statementA, b: await statementFor(tenantB.id), spare: statementA },
        scan: {
          a: await scanFor(tenantA.id, 'D8:3B:DA:00:0A:01'),
          b: await scanFor(tenantB.id, 'D8:3B:DA:00:0B:01'),
          spare: await scanFor(null, 'D8:3B:DA:00:0C:01'),
        },
      },
    };
  });
  afterAll(async () => {
    await db.cleanup();
  });

  function requestOf(r: DiscoveredRoute, which: 'a' | 'b' | 'spare'): MatrixRequest {
    const entry = ROUTES[r.key] as RouteRule;
    if (entry.access === 'public') return entry.request?.(f) ?? {};
    const id = entry.object ? String(f.ids[entry.object][which]) : '';
    const built = entry.request?.(f, id) ?? {};
    return { ...built, params: { ...(entry.object ? { id } : {}), ...built.params } };
  }

  async function send(
    r: DiscoveredRoute,
    which: 'a' | 'b' | 'spare',
    auth: { token?: string; cookie?: string; origin?: string; headers?: Record<string, string> } = {},
  ) {
    const req = requestOf(r, which);
    const concrete = r.pattern.replace('[id]', req.params?.id ?? 'x');
    // The in-process Request has no Host header of its own; a browser's request always does.
    const headers: Record<string, string> = { host: 'localhost', ...auth.headers };
    if (auth.cookie) headers.cookie = `sy_session=${auth.cookie}`;
    if (auth.origin) headers.origin = auth.origin;
    return call(await handlerFor(r), {
      method: r.method,
      path: `${concrete}${req.query ? `?${req.query}` : ''}`,
      token: auth.token,
      body: req.body,
      rawBody: req.rawBody,
      contentType: req.contentType,
      params: req.params,
      headers,
    });
  }

  const anonymousCases = discovered.filter((r) => ROUTES[r.key]);
  it.each(cases(anonymousCases))('%s: anonymous, forged or bypassing callers get 401', async (_k, r) => {
    const entry = ROUTES[r.key] as RouteRule;
    const expected = entry.access === 'public' ? entry.anonymousStatus : 401;
    // With the Origin a browser sends, so refusals here are about credentials only.
    const attempts = [
      { origin: 'http://localhost' },
      { token: 'syd_forged0000000000000000000000000000000000', origin: 'http://localhost' },
      { cookie: 'forged-session', origin: 'http://localhost' },
      {
        origin: 'http://localhost',
        headers: { 'x-middleware-subrequest': 'proxy:proxy:proxy:proxy:proxy', 'x-forwarded-user': 'admin' },
      },
    ];
    for (const auth of attempts) {
      const res = await send(r, 'a', auth);
      expect(res.headers.get('cache-control'), 'API answers are never cached').toBe('no-store');
      expect(res.status, `${JSON.stringify(auth)} → ${JSON.stringify(res.json)}`).toBe(expected);
    }
  });

  const belowRole = signedIn.filter((r) => rule(r).minRole !== 'viewer');
  it.each(cases(belowRole))('%s: staff tokens and sessions below the minimum role get 403', async (_k, r) => {
    for (const role of ROLES.filter((x) => RANK[x] < RANK[rule(r).minRole])) {
      const byToken = await send(r, 'a', { token: tokens.staff[role] });
      expect(byToken.status, `${role} token → ${JSON.stringify(byToken.json)}`).toBe(403);
      const bySession = await send(r, 'a', { cookie: sessions[role], origin: 'http://localhost' });
      expect(bySession.status, `${role} session → ${JSON.stringify(bySession.json)}`).toBe(403);
    }
  });

  const staffOnly = signedIn.filter((r) => rule(r).staffOnly);
  it.each(cases(staffOnly))('%s: a hosting client, even its admin, is refused', async (_k, r) => {
    for (const role of ROLES) {
      const res = await send(r, 'a', { token: tokens.tenantA[role] });
      expect([403, 404], `${role} → ${res.status} ${JSON.stringify(res.json)}`).toContain(res.status);
    }
  });

  const foreign = signedIn.filter((r) => rule(r).object && !rule(r).staffOnly);
  it.each(cases(foreign))(
    "%s: tenant B's object answers 404 to tenant A, like an unknown id",
    async (_k, r) => {
      const res = await send(r, 'b', { token: tokens.tenantA.admin });
      expect(res.status, JSON.stringify(res.json)).toBe(404);
      const unknown = await send(r, 'b', { token: tokens.tenantA.admin });
      expect(JSON.stringify(res.json)).not.toMatch(/Bravo|Client B/);
      expect(unknown.json?.error?.code).toBe(res.json?.error?.code);
    },
  );

  const tenantReads = signedIn.filter((r) => r.method === 'GET' && !rule(r).staffOnly);
  it.each(cases(tenantReads))('%s: nothing of tenant B in what tenant A reads', async (_k, r) => {
    const res = await send(r, 'a', { token: tokens.tenantA.viewer });
    expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
    const text = typeof res.json === 'string' ? res.json : JSON.stringify(res.json);
    for (const marker of TENANT_B_MARKERS) expect(text).not.toContain(marker);
  });

  const mutating = signedIn.filter((r) => MUTATING.has(r.method));
  it.each(cases(mutating))('%s: a cookie session from another origin is refused (CSRF)', async (_k, r) => {
    const origins = [undefined, 'http://evil.example', 'https://localhost', 'http://localhost:8080', 'null'];
    for (const origin of origins) {
      const res = await send(r, 'spare', { cookie: sessions.admin, origin });
      expect(res.status, `Origin ${origin} → ${JSON.stringify(res.json)}`).toBe(403);
      expect(res.json?.error?.code).toBe('forbidden');
    }
  });

  it('accepts the same cookie session from its own origin (the refusals above are about the origin)', async () => {
    const r = discovered.find((x) => x.key === 'POST /api/v1/pools');
    if (!r) throw new Error('POST /api/v1/pools is gone: pick another mutation');
    const res = await send(r, 'a', { cookie: sessions.admin, origin: 'http://localhost' });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
  });

  // Last, because these succeed and change data.
  it.each(cases(signedIn))(
    '%s: the minimum role is enough (the table is not stricter than the code)',
    async (_k, r) => {
      const which = rule(r).allowedUses === 'spare' ? 'spare' : 'a';
      const res = await send(r, which, { token: tokens.staff[rule(r).minRole] });
      expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
      expect(res.headers.get('cache-control')).toBe('no-store');
    },
  );

  const tenantAllowed = signedIn.filter((r) => !rule(r).staffOnly && rule(r).allowedUses !== 'spare');
  it.each(cases(tenantAllowed))(
    '%s: a hosting client at the minimum role may act on its own',
    async (_k, r) => {
      const res = await send(r, 'a', { token: tokens.tenantA[rule(r).minRole] });
      expect(res.status, JSON.stringify(res.json)).toBeLessThan(300);
    },
  );
});

// The authorization expectation table: one entry per route method and per page that app/ contains
// (tests/authz/discover.ts finds them; a route or page without an entry fails the matrix test).
// How to add an entry: CONTRIBUTING section "Authorization matrix" in README.md.
import type { Role } from '../../lib/auth/actor';

/** Objects the matrix fixture creates: `a` belongs to tenant A, `b` to tenant B, `spare` to the staff. */
export type ObjectKind =
  | 'device'
  | 'site'
  | 'job'
  | 'pool'
  | 'token'
  | 'tenant'
  | 'user'
  | 'session'
  | 'alertRule'
  | 'alert'
  | 'silence'
  | 'target'
  | 'webhook'
  | 'backtest'
  | 'allocationPlan'
  | 'allocationDecision'
  | 'scan'
  | 'action'
  | 'batch'
  | 'statement';
export type AuthzFixture = {
  ids: Record<ObjectKind, { a: number | string; b: number | string; spare: number | string }>;
  modelId: number;
  tenantA: number;
  tenantB: number;
};

export type MatrixRequest = {
  params?: Record<string, string>;
  query?: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
};

export type RouteRule =
  | {
      access: 'public';
      /** Why no user or token is needed, and what an anonymous caller gets. */
      why: string;
      anonymousStatus: number;
      request?: (f: AuthzFixture) => MatrixRequest;
    }
  | {
      access: 'signed-in';
      /** Lowest role that may call it. Mutations need operator or more unless `viewerWhy` says why not. */
      minRole: Role;
      viewerWhy?: string;
      /** Hosting clients (users or tokens with a tenant) are refused: fleet-wide data or settings. */
      staffOnly?: boolean;
      /**
       * The `[id]` names an object of this kind: a client of tenant A asking for tenant B's gets 404.
       * Tenant-owned kinds only (device, job, pool; a site is tenant B's when only B has machines in it).
       */
      object?: ObjectKind;
      /** Destructive calls use the staff's spare object in the allowed check, not tenant A's. */
      allowedUses?: 'spare';
      /** A valid request, so a refusal cannot come from validation instead of authorization. */
      request?: (f: AuthzFixture, id: string) => MatrixRequest;
    };

const json = (body: unknown) => ({ body });
const csv = (rawBody: string) => ({ rawBody, contentType: 'text/csv' });
const serial = () => `MX-${Math.random().toString(36).slice(2, 10)}`;
const job = (extra: Record<string, unknown> = {}) => ({
  name: 'matrix job',
  gpuCount: 1,
  expectedHours: 1,
  priceUsdPerGpuHour: 2,
  preemptible: true,
  multiNode: false,
  needsFirmPower: false,
  ...extra,
});
const pool = (extra: Record<string, unknown> = {}) => ({
  name: `matrix pool ${serial()}`,
  urls: ['stratum+tcp://pool.example:3333'],
  workerTemplate: '{serial}',
  feePct: 2,
  payoutScheme: 'fpps',
  ...extra,
});

const alertRule = () => ({
  name: 'matrix rule',
  metric: 'powerW',
  op: '>',
  threshold: 9000,
  forS: 60,
  severity: 'info',
});
const backtest = () => ({
  from: '2024-01-01T00:00:00Z',
  to: '2024-01-02T00:00:00Z',
  policies: [{ kind: 'always-mine' }],
});
const inAnHour = () => new Date(Date.now() + 3_600_000).toISOString();

export const ROUTES: Record<string, RouteRule> = {
  // Backtests replay the caller's own inventory (a tenant's devices only) on historical prices.
  'GET /api/v1/allocation/backtests': { access: 'signed-in', minRole: 'viewer' },
  'POST /api/v1/allocation/backtests': {
    access: 'signed-in',
    minRole: 'operator',
    request: () => json(backtest()),
  },
  'GET /api/v1/allocation/backtests/[id]': { access: 'signed-in', minRole: 'viewer', object: 'backtest' },
  'DELETE /api/v1/allocation/backtests/[id]': {
    access: 'signed-in',
    minRole: 'operator',
    object: 'backtest',
    allowedUses: 'spare',
  },
  'GET /api/v1/allocation/backtests/[id]/export': {
    access: 'signed-in',
    minRole: 'viewer',
    object: 'backtest',
  },
  'GET /api/v1/allocation/backtests/uploads': { access: 'signed-in', minRole: 'viewer' },
  'POST /api/v1/allocation/backtests/uploads': {
    access: 'signed-in',
    minRole: 'operator',
    request: () => ({
      ...csv('timestamp,price_usd\n2024-01-01T00:00:00Z,10\n2024-01-01T01:00:00Z,11\n'),
      query: 'kind=electricity',
    }),
  },
  'GET /api/v1/agent/sites/[id]/devices': { access: 'signed-in', minRole: 'viewer', object: 'site' },
  'POST /api/v1/agent/sites/[id]/actions/claim': {
    access: 'signed-in',
    minRole: 'operator',
    object: 'site',
    request: () => json({ agent: 'matrix-agent' }),
  },
  'POST /api/v1/agent/sites/[id]/actions/results': {
    access: 'signed-in',
    minRole: 'operator',
    object: 'site',
    request: () => json({ agent: 'matrix-agent', results: [] }),
  },
  'POST /api/v1/agent/sites/[id]/polls': {
    access: 'signed-in',
    minRole: 'operator',
    object: 'site',
    request: (f) =>
      json({ agent: 'matrix-agent', outcomes: [{ deviceId: f.ids.device.a, ok: true, at: Date.now() }] }),
  },
  'GET /api/v1/alert-rules': { access: 'signed-in', minRole: 'viewer' },
  'POST /api/v1/alert-rules': {
    access: 'signed-in',
    minRole: 'operator',
    staffOnly: true,
    request: () => json(alertRule()),
  },
  'POST /api/v1/alert-rules/preview': {
    access: 'signed-in',
    minRole: 'operator',
    staffOnly: true,
    request: () => json(alertRule()),
  },
  'GET /api/v1/alert-rules/[id]': { access: 'signed-in', minRole: 'viewer', object: 'alertRule' },
  'PATCH /api/v1/alert-rules/[id]': {
    access: 'signed-in',
    minRole: 'operator',
    staffOnly: true,
    object: 'alertRule',
    request: () => json({ enabled: false }),
  },
  'DELETE /api/v1/alert-rules/[id]': {
    access: 'signed-in',
    minRole: 'operator',
    staffOnly: true,
    object: 'alertRule',
    allowedUses: 'spare',
  },
  'GET /api/v1/alerts': { access: 'signed-in', minRole: 'viewer' },
  'GET /api/v1/alerts/count': { access: 'signed-in', minRole: 'viewer' },
  'GET /api/v1/alerts/[id]': { access: 'signed-in', minRole: 'viewer', object: 'alert' },
  'POST /api/v1/alerts/[id]/ack': {
    access: 'signed-in',
    minRole: 'operator',
    object: 'alert',
    request: () => json({ note: 'matrix' }),
  },
  'GET /api/v1/alert-silences': { access: 'signed-in', minRole: 'viewer', staffOnly: true },
  'POST /api/v1/alert-silences': {
    access: 'signed-in',
    minRole: 'operator',
    staffOnly: true,
    request: () => json({ endsAt: inAnHour() }),
  },
  'PATCH /api/v1/alert-silences/[id]': {
    access: 'signed-in',
    minRole: 'operator',
    staffOnly: true,
    object: 'silence',
    request: () => json({ endsAt: inAnHour() }),
  },
  'DELETE /api/v1/alert-silences/[id]': {
    access: 'signed-in',
    minRole: 'operator',
    staffOnly: true,
    object: 'silence',
    allowedUses: 'spare',
  },
  'GET /api/v1/notification-targets': { access: 'signed-in', minRole: 'admin', staffOnly: true },
  'POST /api/v1/notification-targets': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    request: () => json({ name: 'matrix hook', kind: 'webhook', address: 'http://127.0.0.1:9/hook' }),
  },
  'PATCH /api/v1/notification-targets/[id]': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    object: 'target',
    request: () => json({ enabled: false }),
  },
  'DELETE /api/v1/notification-targets/[id]': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    object: 'target',
    allowedUses: 'spare',
  },
  'GET /api/v1/webhooks': { access: 'signed-in', minRole: 'admin', staffOnly: true },
  'POST /api/v1/webhooks': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    request: () => json({ name: 'matrix events', url: 'http://127.0.0.1:9/events' }),
  },
  'PATCH /api/v1/webhooks/[id]': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    object: 'webhook',
    request: () => json({ enabled: false }),
  },
  'DELETE /api/v1/webhooks/[id]': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    object: 'webhook',
    allowedUses: 'spare',
  },
  'GET /api/v1/webhooks/[id]/deliveries': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    object: 'webhook',
  },
  'POST /api/v1/webhooks/[id]/test': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    object: 'webhook',
  },
  'POST /api/auth/login': {
    access: 'public',
    why: 'signs in: the credentials are the input (throttled, see login-throttle test)',
    anonymousStatus: 401,
    request: () => ({ ...json({ email: 'nobody@example.test', password: 'wrong-password-1' }) }),
  },
  'POST /api/auth/logout': {
    access: 'public',
    why: "ends the caller's own session, if any",
    anonymousStatus: 204,
  },
  'GET /api/auth/me': { access: 'signed-in', minRole: 'viewer' },
  'POST /api/auth/login/two-factor': {
    access: 'public',
    why: "the sign-in's second step: the challenge cookie from the password step and a code are the input (throttled, see two-factor test)",
    anonymousStatus: 401,
    request: () => json({ code: '123456' }),
  },
  'GET /api/auth/two-factor': {
    access: 'public',
    why: "the caller's own two-factor state: the session cookie is the credential (tokens have none)",
    anonymousStatus: 401,
  },
  'POST /api/auth/two-factor/enrol': {
    access: 'public',
    why: "starts the caller's own enrolment (session cookie only)",
    anonymousStatus: 401,
  },
  'POST /api/auth/two-factor/confirm': {
    access: 'public',
    why: "confirms the caller's own enrolment with a code (session cookie only)",
    anonymousStatus: 401,
    request: () => json({ code: '123456' }),
  },
  'POST /api/auth/two-factor/disable': {
    access: 'public',
    why: "turns the caller's own two-factor off: session cookie plus password or code",
    anonymousStatus: 401,
    request: () => json({ password: 'wrong-password-1' }),
  },
  'POST /api/auth/two-factor/recovery-codes': {
    access: 'public',
    why: "replaces the caller's own recovery codes: session cookie plus password or code",
    anonymousStatus: 401,
    request: () => json({ password: 'wrong-password-1' }),
  },
  'POST /api/auth/password': {
    access: 'public',
    why: "changes the caller's own password: needs the session cookie and the current password (tokens have no password)",
    anonymousStatus: 401,
    request: () => json({ currentPassword: 'wrong-password-1', newPassword: 'another-password-2' }),
  },
  'DELETE /api/[...path]': {
    access: 'public',
    why: 'unknown API path: the JSON 404 envelope',
    anonymousStatus: 404,
  },
  'GET /api/[...path]': {
    access: 'public',
    why: 'unknown API path: the JSON 404 envelope',
    anonymousStatus: 404,
  },
  'HEAD /api/[...path]': {
    access: 'public',
    why: 'unknown API path: the JSON 404 envelope',
    anonymousStatus: 404,
  },
  'PATCH /api/[...path]': {
    access: 'public',
    why: 'unknown API path: the JSON 404 envelope',
    anonymousStatus: 404,
  },
  'POST /api/[...path]': {
    access: 'public',
    why: 'unknown API path: the JSON 404 envelope',
    anonymousStatus: 404,
  },
  'PUT /api/[...path]': {
    access: 'public',
    why: 'unknown API path: the JSON 404 envelope',
    anonymousStatus: 404,
  },
  // The audit log spans every tenant's users and fleet-wide actions: staff admins only (lib/audit/list.ts).
  'GET /api/v1/audit': { access: 'signed-in', minRole: 'admin', staffOnly: true },
  'GET /api/v1/audit/export': { access: 'signed-in', minRole: 'admin', staffOnly: true },
  'GET /api/health': { access: 'public', why: 'liveness probe, no data', anonymousStatus: 200 },
  'GET /api/openapi.json': {
    access: 'public',
    why: 'describes the interface (OpenAPI), holds no data; code generators fetch it anonymously',
    anonymousStatus: 200,
  },
  'GET /api/v1/allocation/plans': { access: 'signed-in', minRole: 'viewer', staffOnly: true },
  'POST /api/v1/allocation/plans': {
    access: 'signed-in',
    minRole: 'operator',
    staffOnly: true,
    request: (f) => json({ siteIds: [f.ids.site.a], horizonH: 2, overrides: { hashpriceUsdPerPhDay: 50 } }),
  },
  'GET /api/v1/allocation/plans/[id]': {
    access: 'signed-in',
    minRole: 'viewer',
    staffOnly: true,
    object: 'allocationPlan',
  },
  'POST /api/v1/allocation/plans/[id]/apply': {
    access: 'signed-in',
    minRole: 'operator',
    staffOnly: true,
    object: 'allocationPlan',
    allowedUses: 'spare',
  },
  'GET /api/v1/allocation/auto': { access: 'signed-in', minRole: 'viewer', staffOnly: true },
  'PUT /api/v1/allocation/auto': {
    access: 'signed-in',
    minRole: 'operator',
    staffOnly: true,
    request: (f) => json({ siteId: f.ids.site.a, maxSwitchPct: 25 }),
  },
  'GET /api/v1/allocation/decisions': { access: 'signed-in', minRole: 'viewer', staffOnly: true },
  'GET /api/v1/allocation/decisions/[id]': {
    access: 'signed-in',
    minRole: 'viewer',
    staffOnly: true,
    object: 'allocationDecision',
  },
  'GET /api/v1/assignments': { access: 'signed-in', minRole: 'viewer' },
  'POST /api/v1/assignments': {
    access: 'signed-in',
    minRole: 'operator',
    request: (f) => json({ deviceIds: [f.ids.device.a], workload: { kind: 'curtail' } }),
  },
  'GET /api/v1/device-models': { access: 'signed-in', minRole: 'viewer' },
  'GET /api/v1/devices': { access: 'signed-in', minRole: 'viewer' },
  'POST /api/v1/devices': {
    access: 'signed-in',
    minRole: 'operator',
    request: (f) => json({ name: 'matrix-new', serial: serial(), siteId: f.ids.site.a, modelId: f.modelId }),
  },
  'GET /api/v1/devices/[id]': { access: 'signed-in', minRole: 'viewer', object: 'device' },
  'PATCH /api/v1/devices/[id]': {
    access: 'signed-in',
    minRole: 'operator',
    object: 'device',
    request: () => json({ name: 'matrix-renamed' }),
  },
  'DELETE /api/v1/devices/[id]': {
    access: 'signed-in',
    minRole: 'operator',
    object: 'device',
    allowedUses: 'spare',
  },
  'GET /api/v1/devices/[id]/actions': { access: 'signed-in', minRole: 'viewer', object: 'device' },
  'POST /api/v1/devices/[id]/actions': {
    access: 'signed-in',
    minRole: 'operator',
    object: 'device',
    request: () => json({ action: 'pause' }),
  },
  'POST /api/v1/devices/[id]/refresh': { access: 'signed-in', minRole: 'operator', object: 'device' },
  'PUT /api/v1/devices/[id]/credentials': {
    access: 'signed-in',
    minRole: 'operator',
    object: 'device',
    request: () => json({ password: 'matrix-password' }),
  },
  'DELETE /api/v1/devices/[id]/credentials': { access: 'signed-in', minRole: 'operator', object: 'device' },
  'POST /api/v1/devices/refresh': {
    access: 'signed-in',
    minRole: 'operator',
    request: (f) => json({ deviceIds: [f.ids.device.a] }),
  },
  'GET /api/v1/actions': { access: 'signed-in', minRole: 'viewer' },
  'POST /api/v1/actions': {
    access: 'signed-in',
    minRole: 'operator',
    request: (f) => json({ deviceIds: [f.ids.device.a], action: 'reboot' }),
  },
  'GET /api/v1/actions/[id]': { access: 'signed-in', minRole: 'viewer', object: 'action' },
  'GET /api/v1/action-batches/[id]': { access: 'signed-in', minRole: 'viewer', object: 'batch' },
  'GET /api/v1/devices/[id]/assignments': { access: 'signed-in', minRole: 'viewer', object: 'device' },
  'GET /api/v1/devices/[id]/metrics': {
    access: 'signed-in',
    minRole: 'viewer',
    object: 'device',
    request: () => ({ query: 'range=1h' }),
  },
  'GET /api/v1/devices/[id]/status-history': {
    access: 'signed-in',
    minRole: 'viewer',
    object: 'device',
    request: () => ({ query: 'range=24h' }),
  },
  'POST /api/v1/devices/move-tenant': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    request: (f) => json({ deviceIds: [f.ids.device.a], tenantId: f.tenantA }),
  },
  'POST /api/v1/devices/import': {
    access: 'signed-in',
    minRole: 'operator',
    request: () => csv(`name,serial,site,model\nmx-csv,${serial()},Alpha,Bitmain Antminer S21\n`),
  },
  'GET /api/v1/discovery': { access: 'signed-in', minRole: 'viewer' },
  'POST /api/v1/discovery': {
    access: 'signed-in',
    minRole: 'operator',
    // One closed loopback port: the background scan ends at once and finds nothing.
    request: () => json({ cidr: '127.0.0.1/32', ports: [1] }),
  },
  'GET /api/v1/discovery/[id]': { access: 'signed-in', minRole: 'viewer', object: 'scan' },
  'POST /api/v1/discovery/[id]/add': {
    access: 'signed-in',
    minRole: 'operator',
    object: 'scan',
    request: (f) => json({ siteId: f.ids.site.a, items: [{ host: '127.0.0.2', port: 80 }] }),
  },
  'GET /api/v1/economics/devices/[id]': { access: 'signed-in', minRole: 'viewer', object: 'device' },
  'GET /api/v1/economics/hashprice': {
    access: 'signed-in',
    minRole: 'viewer',
    request: () => ({ query: 'difficulty=1e14&btcUsd=100000&feesBtcPerBlock=0.1' }),
  },
  'GET /api/v1/economics/projection': {
    access: 'signed-in',
    minRole: 'viewer',
    request: () => ({ query: 'days=30' }),
  },
  'GET /api/v1/economics/summary': { access: 'signed-in', minRole: 'viewer' },
  'GET /api/v1/fleet/attention': { access: 'signed-in', minRole: 'viewer' },
  'GET /api/v1/fleet/metrics': {
    access: 'signed-in',
    minRole: 'viewer',
    request: () => ({ query: 'range=1h' }),
  },
  'GET /api/v1/fleet/summary': { access: 'signed-in', minRole: 'viewer' },
  'GET /api/v1/jobs': { access: 'signed-in', minRole: 'viewer' },
  'POST /api/v1/jobs': { access: 'signed-in', minRole: 'operator', request: () => json(job()) },
  'GET /api/v1/jobs/[id]': { access: 'signed-in', minRole: 'viewer', object: 'job' },
  'PATCH /api/v1/jobs/[id]': {
    access: 'signed-in',
    minRole: 'operator',
    object: 'job',
    request: () => json({ name: 'matrix job renamed' }),
  },
  'POST /api/v1/jobs/[id]/events': {
    access: 'public',
    why: "the executor's HMAC signature over timestamp and body is the credential",
    anonymousStatus: 401,
    request: (f) => ({ params: { id: String(f.ids.job.a) }, ...json({ status: 'running' }) }),
  },
  'POST /api/v1/jobs/[id]/transitions': {
    access: 'signed-in',
    minRole: 'operator',
    object: 'job',
    allowedUses: 'spare',
    request: () => json({ to: 'cancelled' }),
  },
  'POST /api/v1/market/gpu-rates/import': {
    access: 'signed-in',
    minRole: 'operator',
    staffOnly: true,
    request: () => csv('gpu_model,usd_per_gpu_h\nh100-sxm,2.5\n'),
  },
  'GET /api/v1/market/gpu-rates': { access: 'signed-in', minRole: 'viewer' },
  'PUT /api/v1/market/gpu-rates': {
    access: 'signed-in',
    minRole: 'operator',
    staffOnly: true,
    request: () => json({ rows: [{ gpuModel: 'h100-sxm', usdPerGpuH: 2.5 }] }),
  },
  'GET /api/v1/market/history': {
    access: 'signed-in',
    minRole: 'viewer',
    request: () => ({ query: 'series=btc_usd&range=7d' }),
  },
  'GET /api/v1/market/latest': { access: 'signed-in', minRole: 'viewer' },
  'GET /api/v1/pools': { access: 'signed-in', minRole: 'viewer' },
  'POST /api/v1/pools': { access: 'signed-in', minRole: 'operator', request: () => json(pool()) },
  'GET /api/v1/pools/[id]': { access: 'signed-in', minRole: 'viewer', object: 'pool' },
  'PATCH /api/v1/pools/[id]': {
    access: 'signed-in',
    minRole: 'operator',
    object: 'pool',
    request: () => json({ feePct: 1.5 }),
  },
  'DELETE /api/v1/pools/[id]': {
    access: 'signed-in',
    minRole: 'operator',
    object: 'pool',
    allowedUses: 'spare',
  },
  'GET /api/v1/pools/mismatches': { access: 'signed-in', minRole: 'viewer' },
  'GET /api/v1/reports/[kind]': {
    access: 'signed-in',
    minRole: 'viewer',
    // Tenant scoping is inside the report (a client sees only its device-hours): reports.int.test.ts.
    request: () => ({ params: { kind: 'energy' }, query: 'from=2024-03-01&to=2024-03-31' }),
  },
  'GET /api/v1/rental-settings': { access: 'signed-in', minRole: 'viewer' },
  'PUT /api/v1/rental-settings': {
    access: 'signed-in',
    minRole: 'operator',
    staffOnly: true,
    request: () => json({ enabled: true }),
  },
  'GET /api/v1/settings/market': { access: 'signed-in', minRole: 'viewer', staffOnly: true },
  'GET /api/v1/settings/security': { access: 'signed-in', minRole: 'admin', staffOnly: true },
  'PUT /api/v1/settings/security': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    request: () => json({ requiredRoles: [] }),
  },
  'PUT /api/v1/settings/market': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    request: () => json({ network: 'sim' }),
  },
  'GET /api/v1/sites': { access: 'signed-in', minRole: 'viewer' },
  'POST /api/v1/sites': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    request: () =>
      json({ name: `Matrix ${serial()}`, timezone: 'UTC', powerCapacityKw: 10, fixedPriceUsdPerMwh: 40 }),
  },
  'GET /api/v1/sites/[id]/swarm': { access: 'signed-in', minRole: 'viewer', object: 'site' },
  'GET /api/v1/sites/[id]': { access: 'signed-in', minRole: 'viewer', object: 'site' },
  'PATCH /api/v1/sites/[id]': {
    access: 'signed-in',
    minRole: 'operator',
    staffOnly: true,
    object: 'site',
    request: () => json({ pue: 1.2 }),
  },
  'DELETE /api/v1/sites/[id]': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    object: 'site',
    allowedUses: 'spare',
  },
  'GET /api/v1/sites/[id]/heatmap': { access: 'signed-in', minRole: 'viewer', object: 'site' },
  'GET /api/v1/sites/[id]/metrics': {
    access: 'signed-in',
    minRole: 'viewer',
    object: 'site',
    request: () => ({ query: 'range=1h' }),
  },
  'GET /api/v1/sites/[id]/prices': {
    access: 'signed-in',
    minRole: 'viewer',
    object: 'site',
    request: () => ({ query: 'range=24h' }),
  },
  'POST /api/v1/sites/[id]/prices/import': {
    access: 'signed-in',
    minRole: 'operator',
    staffOnly: true,
    object: 'site',
    request: () => csv('timestamp,price\n2026-01-01T00:00:00Z,10\n2026-01-01T01:00:00Z,11\n'),
  },
  'POST /api/v1/sites/[id]/prices/preview': {
    access: 'signed-in',
    minRole: 'viewer',
    viewerWhy: 'computes the prices of an unsaved contract; stores nothing',
    staffOnly: true,
    object: 'site',
    request: () => json({ contractKind: 'fixed', fixedPriceUsdPerMwh: 10 }),
  },
  'GET /api/v1/sites/[id]/racks': { access: 'signed-in', minRole: 'viewer', object: 'site' },
  'POST /api/v1/sites/[id]/racks': {
    access: 'signed-in',
    minRole: 'operator',
    staffOnly: true,
    object: 'site',
    request: () => json({ name: `MX${serial()}`.slice(0, 20), rows: 1, columns: 1 }),
  },
  'GET /api/v1/simulator/history': { access: 'signed-in', minRole: 'viewer' },
  'POST /api/v1/telemetry': {
    access: 'signed-in',
    minRole: 'operator',
    request: (f) => json({ samples: [{ deviceId: f.ids.device.a, ts: Date.now(), powerW: 1000 }] }),
  },
  // Statements are per tenant: a client lists and downloads its own (the [id] of B's is a 404).
  'GET /api/v1/statements': { access: 'signed-in', minRole: 'viewer' },
  'POST /api/v1/statements': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    request: (f) => json({ tenantId: f.tenantA, month: '2024-03' }),
  },
  'GET /api/v1/statements/[id]': { access: 'signed-in', minRole: 'viewer', object: 'statement' },
  'GET /api/v1/tenants': { access: 'signed-in', minRole: 'viewer' },
  'POST /api/v1/tenants': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    request: () => json({ name: `Matrix tenant ${serial()}`, hostingRateUsdPerKwh: 0.07 }),
  },
  'GET /api/v1/tenants/[id]': { access: 'signed-in', minRole: 'viewer', object: 'tenant' },
  'PATCH /api/v1/tenants/[id]': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    object: 'tenant',
    request: () => json({ hostingRateUsdPerDeviceMonth: 45 }),
  },
  'GET /api/v1/users': { access: 'signed-in', minRole: 'admin', staffOnly: true },
  'POST /api/v1/users': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    request: () => json({ email: `${serial()}@matrix.test`, name: 'Matrix user', role: 'viewer' }),
  },
  'PATCH /api/v1/users/[id]': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    object: 'user',
    request: () => json({ name: 'Matrix renamed' }),
  },
  'DELETE /api/v1/users/[id]': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    object: 'user',
    allowedUses: 'spare',
  },
  'DELETE /api/v1/users/[id]/two-factor': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    object: 'user',
  },
  'GET /api/v1/sessions': {
    access: 'public',
    why: "the caller's own browser sessions: the session cookie is the credential (API tokens have none; see account test)",
    anonymousStatus: 401,
  },
  'DELETE /api/v1/sessions/[id]': {
    access: 'public',
    why: "ends one of the caller's own sessions (session cookie only; another user's id answers 404)",
    anonymousStatus: 401,
  },
  'POST /api/v1/sessions/revoke-others': {
    access: 'public',
    why: "ends the caller's other sessions (session cookie only)",
    anonymousStatus: 401,
  },
  'GET /api/v1/tokens': { access: 'signed-in', minRole: 'admin', staffOnly: true },
  'POST /api/v1/tokens': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    request: () => json({ name: 'matrix token', role: 'viewer' }),
  },
  'DELETE /api/v1/tokens/[id]': {
    access: 'signed-in',
    minRole: 'admin',
    staffOnly: true,
    object: 'token',
    allowedUses: 'spare',
  },
  'GET /metrics': { access: 'signed-in', minRole: 'viewer' },
};

export type PageRule = {
  /** A concrete URL for the pattern (ids from the e2e seed), visited anonymously and as a client. */
  sample: string;
  /** Sign-in page only: reachable without a session. */
  public?: true;
  /** Renders nothing: only redirects to this (guarded) page. */
  redirectOnly?: string;
  /** Staff only: a hosting client gets the not-found page (404). */
  staffOnly?: true;
  minRole?: Role;
};

export const PAGES: Record<string, PageRule> = {
  '/': { sample: '/', redirectOnly: '/fleet' },
  '/alerts': { sample: '/alerts' },
  '/allocation': { sample: '/allocation' },
  '/allocation/backtests': { sample: '/allocation/backtests' },
  '/devices': { sample: '/devices' },
  '/devices/[id]': { sample: '/devices/1' },
  '/devices/discovery': { sample: '/devices/discovery' },
  '/fleet': { sample: '/fleet' },
  '/home': { sample: '/home' },
  '/login': { sample: '/login', public: true },
  '/market': { sample: '/market' },
  '/reports': { sample: '/reports' },
  '/settings': { sample: '/settings' },
  '/settings/account': { sample: '/settings/account' },
  '/setup-two-factor': { sample: '/setup-two-factor' },
  '/settings/api': { sample: '/settings/api' },
  '/settings/audit': { sample: '/settings/audit', staffOnly: true, minRole: 'admin' },
  '/settings/market': { sample: '/settings/market', staffOnly: true },
  '/settings/tenants': { sample: '/settings/tenants', staffOnly: true, minRole: 'admin' },
  '/settings/tokens': { sample: '/settings/tokens', staffOnly: true, minRole: 'admin' },
  '/settings/webhooks': { sample: '/settings/webhooks', staffOnly: true, minRole: 'admin' },
  '/settings/users': { sample: '/settings/users', staffOnly: true, minRole: 'admin' },
  // Any other settings URL: the not-found page with HTTP 404 (e2e/not-found.spec.ts).
  '/settings/[...rest]': { sample: '/settings/no-such-page' },
  '/sites': { sample: '/sites' },
  '/sites/[id]': { sample: '/sites/1' },
  '/sites/[id]/swarm': { sample: '/sites/1/swarm' },
  '/workloads': { sample: '/workloads', redirectOnly: '/workloads/jobs' },
  '/workloads/board': { sample: '/workloads/board' },
  '/workloads/jobs': { sample: '/workloads/jobs' },
  '/workloads/jobs/[id]': { sample: '/workloads/jobs/1' },
  '/workloads/pools': { sample: '/workloads/pools' },
  '/workloads/rental': { sample: '/workloads/rental', staffOnly: true },
};

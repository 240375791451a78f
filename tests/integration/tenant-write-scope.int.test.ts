// A hosting client's operator may change its own machines only, in the sites and racks it already
// uses; every refused write must leave the database exactly as it was. The route table below is
// checked against app/ so a new mutating route cannot be added without a case here.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as actions from '@/app/api/v1/actions/route';
import * as agentClaim from '@/app/api/v1/agent/sites/[id]/actions/claim/route';
import * as agentResults from '@/app/api/v1/agent/sites/[id]/actions/results/route';
import * as agentPolls from '@/app/api/v1/agent/sites/[id]/polls/route';
import * as alertRule from '@/app/api/v1/alert-rules/[id]/route';
import * as alertRulePreview from '@/app/api/v1/alert-rules/preview/route';
import * as alertRules from '@/app/api/v1/alert-rules/route';
import * as alertSilence from '@/app/api/v1/alert-silences/[id]/route';
import * as alertSilences from '@/app/api/v1/alert-silences/route';
import * as alertAck from '@/app/api/v1/alerts/[id]/ack/route';
import * as allocationAuto from '@/app/api/v1/allocation/auto/route';
import * as allocationBacktest from '@/app/api/v1/allocation/backtests/[id]/route';
import * as allocationBacktests from '@/app/api/v1/allocation/backtests/route';
import * as allocationApply from '@/app/api/v1/allocation/plans/[id]/apply/route';
import * as allocationPlans from '@/app/api/v1/allocation/plans/route';
import * as assignments from '@/app/api/v1/assignments/route';
import * as deviceActions from '@/app/api/v1/devices/[id]/actions/route';
import * as deviceCredentials from '@/app/api/v1/devices/[id]/credentials/route';
import * as deviceRefresh from '@/app/api/v1/devices/[id]/refresh/route';
import * as device from '@/app/api/v1/devices/[id]/route';
import * as deviceImport from '@/app/api/v1/devices/import/route';
import * as deviceMove from '@/app/api/v1/devices/move-tenant/route';
import * as devicesRefresh from '@/app/api/v1/devices/refresh/route';
import * as devices from '@/app/api/v1/devices/route';
import * as discoveryAdd from '@/app/api/v1/discovery/[id]/add/route';
import * as discovery from '@/app/api/v1/discovery/route';
import * as job from '@/app/api/v1/jobs/[id]/route';
import * as jobTransitions from '@/app/api/v1/jobs/[id]/transitions/route';
import * as jobs from '@/app/api/v1/jobs/route';
import * as gpuRatesImport from '@/app/api/v1/market/gpu-rates/import/route';
import * as gpuRates from '@/app/api/v1/market/gpu-rates/route';
import * as notificationTarget from '@/app/api/v1/notification-targets/[id]/route';
import * as notificationTargets from '@/app/api/v1/notification-targets/route';
import * as pool from '@/app/api/v1/pools/[id]/route';
import * as pools from '@/app/api/v1/pools/route';
import * as rentalSettings from '@/app/api/v1/rental-settings/route';
import * as marketSettings from '@/app/api/v1/settings/market/route';
import * as securitySettings from '@/app/api/v1/settings/security/route';
import * as priceImport from '@/app/api/v1/sites/[id]/prices/import/route';
import * as pricePreview from '@/app/api/v1/sites/[id]/prices/preview/route';
import * as racks from '@/app/api/v1/sites/[id]/racks/route';
import * as site from '@/app/api/v1/sites/[id]/route';
import * as sites from '@/app/api/v1/sites/route';
import * as statements from '@/app/api/v1/statements/route';
import * as telemetry from '@/app/api/v1/telemetry/route';
import * as tenant from '@/app/api/v1/tenants/[id]/route';
import * as tenants from '@/app/api/v1/tenants/route';
import * as token from '@/app/api/v1/tokens/[id]/route';
import * as tokens from '@/app/api/v1/tokens/route';
import * as user from '@/app/api/v1/users/[id]/route';
import * as userTwoFactor from '@/app/api/v1/users/[id]/two-factor/route';
import * as users from '@/app/api/v1/users/route';
import * as webhook from '@/app/api/v1/webhooks/[id]/route';
import * as webhookTest from '@/app/api/v1/webhooks/[id]/test/route';
import * as webhooks from '@/app/api/v1/webhooks/route';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { queryRows, raw, sql } from '@/lib/db/raw';
import { createJob } from '@/lib/workloads/jobs';
import { createPool } from '@/lib/workloads/pools';
import { createAlertFixtures } from '../authz/alert-fixtures';
import { type CallOptions, call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

// Everything a write could touch (audit, sessions, throttling counters and a token's last use change
// on refusals by design).
const TABLES = [
  'tenant',
  'app_user',
  'device_tenant_move',
  'site',
  'rack',
  'device',
  'setting',
  'telemetry_sample',
  'energy_price',
  'gpu_rate',
  'pool_profile',
  'ai_job',
  'job_transition',
  'assignment',
  'device_workload',
  'gpu_rental_setting',
  'alert_rule',
  'alert',
  'alert_event',
  'alert_silence',
  'notification_target',
  'webhook_endpoint',
  'webhook_outbox',
  'device_action',
  'action_batch',
  'device_credential',
  'sim_device_control',
  'allocation_backtest',
  'backtest_upload',
  'tenant_statement',
  'notification_outbox',
];

async function snapshot(): Promise<string> {
  const parts: unknown[] = [
    await queryRows(sql`SELECT id, name, role, tenant_id, token_hash, revoked_at FROM api_token ORDER BY id`),
  ];
  for (const table of TABLES) parts.push(await queryRows(sql`SELECT * FROM ${raw(table)} ORDER BY 1`));
  return JSON.stringify(parts, (_k, v) => (typeof v === 'bigint' ? String(v) : v));
}

/** `app/api/...` paths and methods of every mutating route handler in the tree. */
function mutatingRoutes(): string[] {
  const found: string[] = [];
  const walk = (dir: string) => {
    for (const entry of readdirSync(dir, { withFileTypes: true })) {
      const full = path.join(dir, entry.name);
      if (entry.isDirectory()) walk(full);
      else if (entry.name === 'route.ts') {
        const text = readFileSync(full, 'utf8');
        for (const m of text.matchAll(/export const (POST|PUT|PATCH|DELETE)\b/g))
          found.push(`${m[1]} ${path.relative('app', path.dirname(full))}`);
      }
    }
  };
  walk('app');
  return found.sort();
}

// Routes without an actor to confine: sign-in and sign-out act on the caller's own session; job
// events are authenticated by the executor's HMAC signature, not by a user or token.
// The catch-all `api/[...path]` only answers 404 for paths no route claims.
const PUBLIC = [
  'POST api/auth/login',
  'POST api/auth/logout',
  'POST api/auth/login/two-factor',
  'POST api/v1/jobs/[id]/events',
  'DELETE api/[...path]',
  'PATCH api/[...path]',
  'POST api/[...path]',
  'PUT api/[...path]',
];

// Routes whose only write is a row owned by the caller itself or its own tenant, with nothing of
// another tenant named in the request: a hosting client's CSV of its own prices for its own
// backtests; the caller's own password and browser sessions (session cookie only; another user's
// session id answers 404, tested in account.int.test.ts); the caller's own two-factor (session
// cookie only, two-factor.int.test.ts).
const OWN_ONLY = [
  'POST api/v1/allocation/backtests/uploads',
  'POST api/auth/password',
  'DELETE api/v1/sessions/[id]',
  'POST api/v1/sessions/revoke-others',
  'POST api/auth/two-factor/enrol',
  'POST api/auth/two-factor/confirm',
  'POST api/auth/two-factor/disable',
  'POST api/auth/two-factor/recovery-codes',
];

describe.each(TEST_PROVIDERS)('tenant write scope on %s', (provider) => {
  let db: TestDb;
  let tenantOp: string;
  let ids: {
    tenantA: number;
    tenantB: number;
    siteA: number;
    siteB: number;
    rackA: number;
    rackB: number;
    modelId: number;
    devA: number;
    devB: number;
    devStaff: number;
    tokenId: number;
    tenantBUpload: number;
    staffBacktest: number;
    staffJob: number;
    staffPool: number;
    alerting: Awaited<ReturnType<typeof createAlertFixtures>>;
    staffUser: number;
    tenantScan: number;
    staffScan: number;
  };

  beforeAll(async () => {
    db = await createTestDb(provider);
    await tokenFor('admin');
    const a = await createSmallFleet(2, 'Alpha');
    const b = await createSmallFleet(1, 'Bravo');
    const prisma = getDb();
    const tenantA = await prisma.tenant.create({ data: { name: 'Client A' } });
    const tenantB = await prisma.tenant.create({ data: { name: 'Client B' } });
    const [devA, devStaff] = a.devices;
    const [devB] = b.devices;
    if (!devA || !devStaff || !devB) throw new Error('fixture');
    await prisma.device.update({ where: { id: devA.id }, data: { tenantId: tenantA.id } });
    await prisma.device.update({ where: { id: devB.id }, data: { tenantId: tenantB.id } });
    tenantOp = await tokenFor('operator', 'tenant-a-operator');
    await prisma.apiToken.updateMany({
      where: { name: 'tenant-a-operator' },
      data: { tenantId: tenantA.id },
    });
    const row = await prisma.apiToken.findFirstOrThrow({ where: { name: 'tenant-a-operator' } });
    const staffUser = await prisma.user.create({
      data: { email: 'staff@scope.test', name: 'Staff', role: 'admin', passwordHash: 'unused' },
    });
    const scan = (tenantId: number | null) =>
      prisma.discoveryScan.create({
        data: {
          cidr: '127.0.0.2/32',
          ports: '[80]',
          protocols: '["axeos"]',
          status: 'done',
          total: 1,
          probed: 1,
          tenantId,
          actorName: 'fixture',
          found: JSON.stringify([
            {
              host: '127.0.0.2',
              port: 80,
              protocol: 'axeos',
              vendor: 'Bitaxe',
              model: 'Bitaxe Gamma',
              firmware: null,
              mac: 'D8:3B:DA:00:00:99',
              serial: null,
              hostname: null,
              suggestedModelId: devA.modelId,
              error: null,
            },
          ]),
        },
      });
    const bUpload = await getDb().backtestUpload.create({
      data: {
        tenantId: tenantB.id,
        kind: 'electricity',
        name: 'b-prices.csv',
        rows: JSON.stringify([[Date.UTC(2024, 0, 1), 10]]),
        rowCount: 1,
        fromTs: BigInt(Date.UTC(2024, 0, 1)),
        toTs: BigInt(Date.UTC(2024, 0, 1, 1)),
        createdAt: BigInt(Date.now()),
      },
    });
    const staffBacktest = await getDb().allocationBacktest.create({
      data: {
        tenantId: null,
        status: 'queued',
        request: '{}',
        createdAt: BigInt(Date.now()),
        updatedAt: BigInt(Date.now()),
      },
    });
    ids = {
      tenantBUpload: bUpload.id,
      staffBacktest: staffBacktest.id,
      tenantScan: (await scan(tenantA.id)).id,
      staffScan: (await scan(null)).id,
      alerting: await createAlertFixtures(tenantA.id, tenantB.id, {
        a: devA.id,
        b: devB.id,
        spare: devStaff.id,
      }),
      staffUser: staffUser.id,
      tenantA: tenantA.id,
      tenantB: tenantB.id,
      siteA: a.site.id,
      siteB: b.site.id,
      rackA: a.rack.id,
      rackB: b.rack.id,
      modelId: devA.modelId,
      devA: devA.id,
      devB: devB.id,
      devStaff: devStaff.id,
      tokenId: row.id,
      staffJob: (
        await createJob(
          SYSTEM_ACTOR,
          {
            name: 'staff job',
            gpuCount: 1,
            expectedHours: 1,
            priceUsdPerGpuHour: 2,
            preemptible: true,
            multiNode: false,
            needsFirmPower: false,
          },
          Date.now(),
        )
      ).id,
      staffPool: (
        await createPool(SYSTEM_ACTOR, {
          name: 'staff pool',
          urls: ['stratum+tcp://pool.example:3333'],
          workerTemplate: '{serial}',
          feePct: 2,
          payoutScheme: 'fpps',
        })
      ).id,
    };
  });
  afterAll(async () => {
    await db.cleanup();
  });

  type Handler = (req: Request, ctx: { params: Promise<{ id: string }> }) => Promise<Response>;
  type Case = { status: number; route: string; name: string; handler: Handler; options: () => CallOptions };
  const newDevice = (extra: Record<string, unknown>) => ({
    name: 'tenant-new',
    serial: `T-${Math.random().toString(36).slice(2, 10)}`,
    siteId: ids.siteA,
    modelId: ids.modelId,
    ...extra,
  });
  const csv = (site: string, tenant: string) =>
    `name,serial,site,model,tenant\ncsv-1,CSV-${site}-${tenant.replace(/\W/g, '')},${site},Bitmain Antminer S21,${tenant}`;
  const patch = (id: () => number, body: () => Record<string, unknown>) => () => ({
    method: 'PATCH',
    params: { id: String(id()) },
    body: body(),
  });

  const onDevB = (method: string, body?: unknown) => () => ({
    method,
    params: { id: String(ids.devB) },
    ...(body === undefined ? {} : { body }),
  });
  const refused: Case[] = [
    {
      status: 404,
      route: 'POST api/v1/devices/[id]/actions',
      name: "an action on another tenant's device",
      handler: deviceActions.POST,
      options: onDevB('POST', { action: 'reboot' }),
    },
    {
      status: 404,
      route: 'POST api/v1/devices/[id]/refresh',
      name: "a refresh of another tenant's device",
      handler: deviceRefresh.POST,
      options: onDevB('POST'),
    },
    {
      status: 404,
      route: 'PUT api/v1/devices/[id]/credentials',
      name: "credentials of another tenant's device",
      handler: deviceCredentials.PUT,
      options: onDevB('PUT', { password: 'x' }),
    },
    {
      status: 404,
      route: 'DELETE api/v1/devices/[id]/credentials',
      name: "credentials of another tenant's device",
      handler: deviceCredentials.DELETE,
      options: onDevB('DELETE'),
    },
    {
      status: 404,
      route: 'POST api/v1/devices/refresh',
      name: "a refresh naming another tenant's device",
      handler: devicesRefresh.POST,
      options: () => ({ method: 'POST', body: { deviceIds: [ids.devA, ids.devB] } }),
    },
    {
      status: 404,
      route: 'POST api/v1/actions',
      name: "a bulk action naming another tenant's device",
      handler: actions.POST,
      options: () => ({ method: 'POST', body: { deviceIds: [ids.devA, ids.devB], action: 'pause' } }),
    },
    {
      status: 400,
      route: 'POST api/v1/actions',
      name: "a bulk action filtered to another tenant's site (matches none of its own)",
      handler: actions.POST,
      options: () => ({ method: 'POST', body: { filter: { siteId: ids.siteB }, action: 'pause' } }),
    },
    {
      status: 403,
      route: 'POST api/v1/devices',
      name: "another tenant's tenantId",
      handler: devices.POST,
      options: () => ({ method: 'POST', body: newDevice({ tenantId: ids.tenantB }) }),
    },
    {
      status: 403,
      route: 'POST api/v1/devices',
      name: 'no tenant (a staff machine)',
      handler: devices.POST,
      options: () => ({ method: 'POST', body: newDevice({ tenantId: null }) }),
    },
    {
      status: 400,
      route: 'POST api/v1/devices',
      name: 'a site the tenant does not use',
      handler: devices.POST,
      options: () => ({ method: 'POST', body: newDevice({ siteId: ids.siteB }) }),
    },
    {
      status: 400,
      route: 'POST api/v1/devices',
      name: "another site's rack",
      handler: devices.POST,
      options: () => ({ method: 'POST', body: newDevice({ siteId: ids.siteB, rackId: ids.rackB }) }),
    },
    {
      status: 422,
      route: 'POST api/v1/devices/import',
      name: "a row with another tenant's name",
      handler: deviceImport.POST,
      options: () => ({ method: 'POST', rawBody: csv('Alpha', 'Client B'), contentType: 'text/csv' }),
    },
    {
      status: 422,
      route: 'POST api/v1/devices/import',
      name: 'a row in a site the tenant does not use',
      handler: deviceImport.POST,
      options: () => ({ method: 'POST', rawBody: csv('Bravo', ''), contentType: 'text/csv' }),
    },
    {
      status: 403,
      route: 'PATCH api/v1/devices/[id]',
      name: 'give own device to another tenant',
      handler: device.PATCH,
      options: patch(
        () => ids.devA,
        () => ({ tenantId: ids.tenantB }),
      ),
    },
    {
      status: 403,
      route: 'PATCH api/v1/devices/[id]',
      name: 'give own device to the staff',
      handler: device.PATCH,
      options: patch(
        () => ids.devA,
        () => ({ tenantId: null }),
      ),
    },
    {
      status: 400,
      route: 'PATCH api/v1/devices/[id]',
      name: 'move own device to a foreign site and rack',
      handler: device.PATCH,
      options: patch(
        () => ids.devA,
        () => ({ siteId: ids.siteB, rackId: ids.rackB, slotRow: 4, slotColumn: 20 }),
      ),
    },
    {
      status: 404,
      route: 'PATCH api/v1/devices/[id]',
      name: "another tenant's device",
      handler: device.PATCH,
      options: patch(
        () => ids.devB,
        () => ({ name: 'stolen' }),
      ),
    },
    {
      status: 404,
      route: 'PATCH api/v1/devices/[id]',
      name: 'a staff device',
      handler: device.PATCH,
      options: patch(
        () => ids.devStaff,
        () => ({ tenantId: ids.tenantA }),
      ),
    },
    {
      status: 404,
      route: 'DELETE api/v1/devices/[id]',
      name: "another tenant's device",
      handler: device.DELETE,
      options: () => ({ method: 'DELETE', params: { id: String(ids.devB) } }),
    },
    {
      status: 403,
      route: 'POST api/v1/sites',
      name: 'a new site',
      handler: sites.POST,
      options: () => ({
        method: 'POST',
        body: { name: 'Tenant Site', timezone: 'UTC', powerCapacityKw: 1, fixedPriceUsdPerMwh: 1 },
      }),
    },
    {
      status: 403,
      route: 'PATCH api/v1/sites/[id]',
      name: 'its own site',
      handler: site.PATCH,
      options: patch(
        () => ids.siteA,
        () => ({ pue: 1.3 }),
      ),
    },
    {
      status: 403,
      route: 'DELETE api/v1/sites/[id]',
      name: 'a site',
      handler: site.DELETE,
      options: () => ({ method: 'DELETE', params: { id: String(ids.siteB) } }),
    },
    {
      status: 403,
      route: 'POST api/v1/sites/[id]/racks',
      name: 'a rack in its own site',
      handler: racks.POST,
      options: () => ({
        method: 'POST',
        params: { id: String(ids.siteA) },
        body: { name: 'T1', rows: 1, columns: 1 },
      }),
    },
    {
      status: 403,
      route: 'POST api/v1/sites/[id]/prices/import',
      name: "prices of its site's contract",
      handler: priceImport.POST,
      options: () => ({
        method: 'POST',
        params: { id: String(ids.siteA) },
        rawBody: 'timestamp,price\n2026-01-01T00:00:00Z,10\n2026-01-01T01:00:00Z,11\n',
        contentType: 'text/csv',
      }),
    },
    {
      status: 403,
      route: 'POST api/v1/sites/[id]/prices/preview',
      name: 'a contract preview',
      handler: pricePreview.POST,
      options: () => ({
        method: 'POST',
        params: { id: String(ids.siteA) },
        body: { contractKind: 'fixed', fixedPriceUsdPerMwh: 10 },
      }),
    },
    {
      status: 403,
      route: 'PUT api/v1/settings/market',
      name: 'market settings',
      handler: marketSettings.PUT,
      options: () => ({ method: 'PUT', body: { network: 'sim' } }),
    },
    {
      status: 403,
      route: 'PUT api/v1/settings/security',
      name: 'the two-factor requirement',
      handler: securitySettings.PUT,
      options: () => ({ method: 'PUT', body: { requiredRoles: [] } }),
    },
    {
      status: 403,
      route: 'PUT api/v1/market/gpu-rates',
      name: 'the GPU rate table',
      handler: gpuRates.PUT,
      options: () => ({ method: 'PUT', body: { rows: [{ gpuModel: 'h100-sxm', usdPerGpuH: 9 }] } }),
    },
    {
      status: 403,
      route: 'POST api/v1/market/gpu-rates/import',
      name: 'a GPU rate CSV',
      handler: gpuRatesImport.POST,
      options: () => ({
        method: 'POST',
        rawBody: 'gpu_model,usd_per_gpu_h\nh100-sxm,9\n',
        contentType: 'text/csv',
      }),
    },
    {
      status: 403,
      route: 'POST api/v1/tokens',
      name: 'an API token',
      handler: tokens.POST,
      options: () => ({ method: 'POST', body: { name: 'sneaky', role: 'admin' } }),
    },
    {
      status: 403,
      route: 'DELETE api/v1/tokens/[id]',
      name: 'its own token',
      handler: token.DELETE,
      options: () => ({ method: 'DELETE', params: { id: String(ids.tokenId) } }),
    },
    {
      status: 400,
      route: 'POST api/v1/telemetry',
      name: "samples for another tenant's device",
      handler: telemetry.POST,
      options: () => ({
        method: 'POST',
        body: { samples: [{ deviceId: ids.devB, ts: Date.now(), powerW: 1 }] },
      }),
    },
    {
      status: 403,
      route: 'POST api/v1/jobs',
      name: 'a job for another tenant',
      handler: jobs.POST,
      options: () => ({
        method: 'POST',
        body: {
          name: 'x',
          tenantId: ids.tenantB,
          gpuCount: 1,
          expectedHours: 1,
          priceUsdPerGpuHour: 1,
          preemptible: true,
          multiNode: false,
        },
      }),
    },
    {
      status: 404,
      route: 'PATCH api/v1/jobs/[id]',
      name: 'a staff job',
      handler: job.PATCH,
      options: patch(
        () => ids.staffJob,
        () => ({ name: 'taken' }),
      ),
    },
    {
      status: 404,
      route: 'POST api/v1/jobs/[id]/transitions',
      name: 'a staff job',
      handler: jobTransitions.POST,
      options: () => ({ method: 'POST', params: { id: String(ids.staffJob) }, body: { to: 'cancelled' } }),
    },
    {
      status: 403,
      route: 'POST api/v1/pools',
      name: 'a pool for another tenant',
      handler: pools.POST,
      options: () => ({
        method: 'POST',
        body: {
          name: 'p',
          urls: ['stratum+tcp://p.example:3333'],
          workerTemplate: 'w',
          feePct: 1,
          payoutScheme: 'fpps',
          tenantId: ids.tenantB,
        },
      }),
    },
    {
      status: 404,
      route: 'PATCH api/v1/pools/[id]',
      name: 'a staff pool',
      handler: pool.PATCH,
      options: patch(
        () => ids.staffPool,
        () => ({ feePct: 0 }),
      ),
    },
    {
      status: 404,
      route: 'DELETE api/v1/pools/[id]',
      name: 'a staff pool',
      handler: pool.DELETE,
      options: () => ({ method: 'DELETE', params: { id: String(ids.staffPool) } }),
    },
    {
      // Per-device results: the foreign device is refused as unknown, the answer itself is 200.
      status: 200,
      route: 'POST api/v1/assignments',
      name: "another tenant's device",
      handler: assignments.POST,
      options: () => ({ method: 'POST', body: { deviceIds: [ids.devB], workload: { kind: 'curtail' } } }),
    },
    {
      status: 403,
      route: 'POST api/v1/devices/move-tenant',
      name: "pull another tenant's device into its own",
      handler: deviceMove.POST,
      options: () => ({ method: 'POST', body: { deviceIds: [ids.devB], tenantId: ids.tenantA } }),
    },
    {
      status: 403,
      route: 'POST api/v1/statements',
      name: 'its own statement generated on demand',
      handler: statements.POST,
      options: () => ({ method: 'POST', body: { tenantId: ids.tenantA, month: '2024-03' } }),
    },
    {
      status: 403,
      route: 'POST api/v1/tenants',
      name: 'a new tenant',
      handler: tenants.POST,
      options: () => ({ method: 'POST', body: { name: 'Shadow client' } }),
    },
    {
      status: 403,
      route: 'PATCH api/v1/tenants/[id]',
      name: 'its own hosting rate',
      handler: tenant.PATCH,
      options: patch(
        () => ids.tenantA,
        () => ({ hostingRateUsdPerKwh: 0 }),
      ),
    },
    {
      status: 403,
      route: 'POST api/v1/users',
      name: 'a user in another tenant',
      handler: users.POST,
      options: () => ({
        method: 'POST',
        body: { email: 'spy@example.test', name: 'spy', role: 'admin', tenantId: ids.tenantB },
      }),
    },
    {
      status: 403,
      route: 'PATCH api/v1/users/[id]',
      name: 'promote a staff user',
      handler: user.PATCH,
      options: patch(
        () => ids.staffUser,
        () => ({ tenantId: ids.tenantA }),
      ),
    },
    {
      status: 403,
      route: 'DELETE api/v1/users/[id]',
      name: 'a staff user',
      handler: user.DELETE,
      options: () => ({ method: 'DELETE', params: { id: String(ids.staffUser) } }),
    },
    {
      status: 403,
      route: 'DELETE api/v1/users/[id]/two-factor',
      name: "a staff user's two-factor",
      handler: userTwoFactor.DELETE,
      options: () => ({ method: 'DELETE', params: { id: String(ids.staffUser) } }),
    },
    {
      status: 403,
      route: 'POST api/v1/alert-rules',
      name: 'an alert rule, even one scoped to its own tenant',
      handler: alertRules.POST,
      options: () => ({
        method: 'POST',
        body: {
          name: 'r',
          metric: 'powerW',
          op: '>',
          threshold: 1,
          forS: 0,
          severity: 'info',
          scope: { tenantId: ids.tenantA },
        },
      }),
    },
    {
      status: 403,
      route: 'POST api/v1/alert-rules/preview',
      name: "a rule's dry run over the fleet",
      handler: alertRulePreview.POST,
      options: () => ({
        method: 'POST',
        body: { name: 'r', metric: 'powerW', op: '>', threshold: 1, forS: 0, severity: 'info' },
      }),
    },
    {
      status: 403,
      route: 'PATCH api/v1/alert-rules/[id]',
      name: 'its own tenant-scoped alert rule',
      handler: alertRule.PATCH,
      options: () => ({
        method: 'PATCH',
        params: { id: String(ids.alerting.alertRule.a) },
        body: { enabled: false },
      }),
    },
    {
      status: 403,
      route: 'DELETE api/v1/alert-rules/[id]',
      name: 'a staff alert rule',
      handler: alertRule.DELETE,
      options: () => ({ method: 'DELETE', params: { id: String(ids.alerting.alertRule.spare) } }),
    },
    {
      status: 404,
      route: 'POST api/v1/alerts/[id]/ack',
      name: "another tenant's alert",
      handler: alertAck.POST,
      options: () => ({
        method: 'POST',
        params: { id: String(ids.alerting.alert.b) },
        body: { note: 'mine now' },
      }),
    },
    {
      status: 403,
      route: 'POST api/v1/alert-silences',
      name: 'a silence of its own devices',
      handler: alertSilences.POST,
      options: () => ({
        method: 'POST',
        body: { scope: { deviceIds: [ids.devA] }, endsAt: new Date(Date.now() + 3_600_000).toISOString() },
      }),
    },
    {
      status: 403,
      route: 'PATCH api/v1/alert-silences/[id]',
      name: 'a silence',
      handler: alertSilence.PATCH,
      options: () => ({
        method: 'PATCH',
        params: { id: String(ids.alerting.silence.a) },
        body: { endsAt: new Date(Date.now() + 7_200_000).toISOString() },
      }),
    },
    {
      status: 403,
      route: 'DELETE api/v1/alert-silences/[id]',
      name: 'a silence',
      handler: alertSilence.DELETE,
      options: () => ({ method: 'DELETE', params: { id: String(ids.alerting.silence.a) } }),
    },
    {
      status: 403,
      route: 'POST api/v1/notification-targets',
      name: 'a notification target',
      handler: notificationTargets.POST,
      options: () => ({
        method: 'POST',
        body: { name: 'n', kind: 'webhook', address: 'http://127.0.0.1:9/x' },
      }),
    },
    {
      status: 403,
      route: 'DELETE api/v1/notification-targets/[id]',
      name: 'a notification target',
      handler: notificationTarget.DELETE,
      options: () => ({ method: 'DELETE', params: { id: String(ids.alerting.target.a) } }),
    },
    {
      status: 403,
      route: 'PATCH api/v1/notification-targets/[id]',
      name: 'a notification target',
      handler: notificationTarget.PATCH,
      options: () => ({
        method: 'PATCH',
        params: { id: String(ids.alerting.target.a) },
        body: { address: 'http://127.0.0.1:9/mine' },
      }),
    },
    {
      status: 404,
      route: 'POST api/v1/agent/sites/[id]/actions/claim',
      name: "actions of another tenant's site",
      handler: agentClaim.POST,
      options: () => ({ method: 'POST', params: { id: String(ids.siteB) }, body: { agent: 'intruder' } }),
    },
    {
      status: 404,
      route: 'POST api/v1/agent/sites/[id]/actions/results',
      name: "action results for another tenant's site",
      handler: agentResults.POST,
      options: () => ({
        method: 'POST',
        params: { id: String(ids.siteB) },
        body: {
          agent: 'intruder',
          results: [{ id: 1, at: Date.now(), outcome: { kind: 'sent', message: 'x' } }],
        },
      }),
    },
    {
      status: 404,
      route: 'POST api/v1/agent/sites/[id]/polls',
      name: "poll outcomes for another tenant's site",
      handler: agentPolls.POST,
      options: () => ({
        method: 'POST',
        params: { id: String(ids.siteB) },
        body: { agent: 'intruder', outcomes: [{ deviceId: ids.devB, ok: true, at: Date.now() }] },
      }),
    },
    {
      status: 403,
      route: 'POST api/v1/allocation/plans',
      name: "a plan of the provider's sites",
      handler: allocationPlans.POST,
      options: () => ({ method: 'POST', body: { siteIds: [ids.siteA] } }),
    },
    {
      status: 403,
      route: 'POST api/v1/allocation/plans/[id]/apply',
      name: 'applying a plan',
      handler: allocationApply.POST,
      options: () => ({ method: 'POST', params: { id: '1' } }),
    },
    {
      status: 403,
      route: 'PUT api/v1/allocation/auto',
      name: "automatic mode of the provider's sites",
      handler: allocationAuto.PUT,
      options: () => ({ method: 'PUT', body: { siteId: ids.siteA, maxSwitchPct: 25 } }),
    },
    {
      status: 403,
      route: 'POST api/v1/webhooks',
      name: 'an event webhook',
      handler: webhooks.POST,
      options: () => ({ method: 'POST', body: { name: 'w', url: 'http://127.0.0.1:9/events' } }),
    },
    {
      status: 403,
      route: 'PATCH api/v1/webhooks/[id]',
      name: 'an event webhook',
      handler: webhook.PATCH,
      options: () => ({
        method: 'PATCH',
        params: { id: String(ids.alerting.webhook.a) },
        body: { enabled: false },
      }),
    },
    {
      status: 403,
      route: 'DELETE api/v1/webhooks/[id]',
      name: 'an event webhook',
      handler: webhook.DELETE,
      options: () => ({ method: 'DELETE', params: { id: String(ids.alerting.webhook.a) } }),
    },
    {
      status: 403,
      route: 'POST api/v1/webhooks/[id]/test',
      name: 'an event webhook',
      handler: webhookTest.POST,
      options: () => ({ method: 'POST', params: { id: String(ids.alerting.webhook.a) } }),
    },
    {
      status: 404,
      route: 'POST api/v1/allocation/backtests',
      name: "a backtest on another tenant's uploaded prices",
      handler: allocationBacktests.POST,
      options: () => ({
        method: 'POST',
        body: {
          from: '2024-01-01T00:00:00Z',
          to: '2024-01-01T01:00:00Z',
          policies: [{ kind: 'always-mine' }],
          electricity: { csvUploadId: ids.tenantBUpload },
        },
      }),
    },
    {
      status: 404,
      route: 'DELETE api/v1/allocation/backtests/[id]',
      name: "the staff's backtest",
      handler: allocationBacktest.DELETE,
      options: () => ({ method: 'DELETE', params: { id: String(ids.staffBacktest) } }),
    },
    {
      status: 403,
      route: 'PUT api/v1/rental-settings',
      name: 'GPU rental settings',
      handler: rentalSettings.PUT,
      options: () => ({ method: 'PUT', body: { enabled: true } }),
    },
  ];

  refused.push(
    {
      status: 403,
      route: 'POST api/v1/discovery',
      name: 'a public range (admin staff only)',
      handler: discovery.POST,
      options: () => ({ method: 'POST', body: { cidr: '8.8.8.0/24', allowPublic: true } }),
    },
    {
      status: 400,
      route: 'POST api/v1/discovery/[id]/add',
      name: 'found devices into a site the tenant does not use',
      handler: discoveryAdd.POST,
      options: () => ({
        method: 'POST',
        params: { id: String(ids.tenantScan) },
        body: { siteId: ids.siteB, items: [{ host: '127.0.0.2', port: 80 }] },
      }),
    },
    {
      status: 404,
      route: 'POST api/v1/discovery/[id]/add',
      name: "the staff's scan",
      handler: discoveryAdd.POST,
      options: () => ({
        method: 'POST',
        params: { id: String(ids.staffScan) },
        body: { siteId: ids.siteA, items: [{ host: '127.0.0.2', port: 80 }] },
      }),
    },
  );

  it('covers every mutating route of the app', () => {
    const covered = new Set([...refused.map((c) => c.route), ...PUBLIC, ...OWN_ONLY]);
    expect(mutatingRoutes().filter((r) => !covered.has(r))).toEqual([]);
  });

  it.each(refused.map((c) => [c.route, c.name, c] as const))(
    '%s refuses %s and writes nothing',
    async (_r, _n, c) => {
      const before = await snapshot();
      const res = await call(c.handler, { ...c.options(), token: tenantOp });
      expect(res.status, JSON.stringify(res.json)).toBe(c.status);
      expect(await snapshot()).toBe(before);
    },
  );

  it('lets the tenant add found devices of its own scan to its own site, as its own', async () => {
    const res = await call(discoveryAdd.POST, {
      method: 'POST',
      token: tenantOp,
      params: { id: String(ids.tenantScan) },
      body: { siteId: ids.siteA, items: [{ host: '127.0.0.2', port: 80 }] },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const created = await getDb().device.findUniqueOrThrow({ where: { id: res.json.created[0].deviceId } });
    expect(created).toMatchObject({
      tenantId: ids.tenantA,
      siteId: ids.siteA,
      macAddress: 'D8:3B:DA:00:00:99',
    });
    await getDb().device.delete({ where: { id: created.id } });
  });

  it('a refused device write names the field and does not say 404', async () => {
    const res = await call(devices.POST, {
      method: 'POST',
      token: tenantOp,
      body: newDevice({ tenantId: ids.tenantB }),
    });
    expect(res.status).toBe(403);
    expect(res.json.error.details).toEqual([expect.objectContaining({ path: 'tenantId' })]);
  });

  it('lets the tenant create, import, change and delete its own devices in its own sites and racks', async () => {
    const created = await call(devices.POST, {
      method: 'POST',
      token: tenantOp,
      body: newDevice({ rackId: ids.rackA, slotRow: 4, slotColumn: 19 }),
    });
    expect(created.status, JSON.stringify(created.json)).toBe(201);
    expect(created.json).toMatchObject({ tenantId: ids.tenantA, siteId: ids.siteA, rackId: ids.rackA });

    const explicit = await call(devices.POST, {
      method: 'POST',
      token: tenantOp,
      body: newDevice({ tenantId: ids.tenantA }),
    });
    expect(explicit.status).toBe(201);

    const imported = await call(deviceImport.POST, {
      method: 'POST',
      token: tenantOp,
      rawBody: `${csv('Alpha', '')}\ncsv-2,CSV-OWN-2,Alpha,Bitmain Antminer S21,Client A`,
      contentType: 'text/csv',
    });
    expect(imported.status, JSON.stringify(imported.json)).toBe(201);
    const rows = await getDb().device.findMany({ where: { serial: { startsWith: 'CSV-' } } });
    expect(rows.map((r) => r.tenantId)).toEqual([ids.tenantA, ids.tenantA]);

    const renamed = await call(device.PATCH, {
      method: 'PATCH',
      token: tenantOp,
      params: { id: String(ids.devA) },
      body: { name: 'mine', rackId: ids.rackA, slotRow: 3, slotColumn: 1 },
    });
    expect(renamed.status, JSON.stringify(renamed.json)).toBe(200);
    expect(renamed.json).toMatchObject({ name: 'mine', tenantId: ids.tenantA });

    const deleted = await call(device.DELETE, {
      method: 'DELETE',
      token: tenantOp,
      params: { id: String(explicit.json.id) },
    });
    expect(deleted.status).toBe(204);
  });
});

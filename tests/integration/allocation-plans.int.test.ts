// Plans API end to end on the demo seed (SQLite and PostgreSQL): a dry run in the contract's shape,
// overrides that change the plan (a very high $/MWh curtails), apply → the devices' assignments
// change and the earlier plan is superseded, validation answers 400, hosting clients 403, and the
// automatic tick writes a decision that can be explained by re-running its inputs.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as autoRoute from '@/app/api/v1/allocation/auto/route';
import * as decisionRoute from '@/app/api/v1/allocation/decisions/[id]/route';
import * as decisionsRoute from '@/app/api/v1/allocation/decisions/route';
import * as applyRoute from '@/app/api/v1/allocation/plans/[id]/apply/route';
import * as planRoute from '@/app/api/v1/allocation/plans/[id]/route';
import * as plansRoute from '@/app/api/v1/allocation/plans/route';
import { applyPlan } from '@/lib/allocation/plans/apply';
import { runAllocationTick } from '@/lib/allocation/plans/auto';
import { createPlan } from '@/lib/allocation/plans/plans';
import { replan } from '@/lib/allocation/replan';
import { PlanRequest } from '@/lib/allocation/request';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { refreshElectricity } from '@/lib/market/refresh/refresh-electricity';
import { refreshBtcUsd, refreshGpuRates, refreshNetwork } from '@/lib/market/refresh/refresh-feeds';
import { seedDemoFleet } from '@/lib/sim/seed-demo';
import { createWebhook, deleteWebhook } from '@/lib/webhooks/endpoints';
import { assignWorkload } from '@/lib/workloads/assignments';
import { call, tokenFor } from '../helpers/api';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';
import { tenantToken } from '../helpers/workload-fleet';

const quiet = { log: { warn: () => {} } };

describe.each(TEST_PROVIDERS)('allocation plans API (%s)', (provider) => {
  let db: TestDb;
  let viewer: string;
  let operator: string;
  let tenant: string;
  let siteIds: number[];
  const now = Date.now();

  beforeAll(async () => {
    db = await createTestDb(provider);
    await seedDemoFleet(getDb(), 1);
    await getDb().device.updateMany({ data: { status: 'online' } });
    await refreshNetwork(now);
    await refreshBtcUsd(now);
    await refreshGpuRates(now);
    await refreshElectricity(now, { force: true, ...quiet });
    viewer = await tokenFor('viewer');
    operator = await tokenFor('operator');
    tenant = (await tenantToken('operator', 'Plan Client')).token;
    siteIds = (await getDb().site.findMany({ orderBy: { id: 'asc' } })).map((s) => s.id);
  }, 180_000);
  afterAll(async () => {
    await db.cleanup();
  });

  const post = (token: string, body?: unknown) =>
    call(plansRoute.POST, { method: 'POST', path: '/api/v1/allocation/plans', token, body });

  it('a dry run answers the contract: per site and hour the split, per device the decision and reason', async () => {
    const res = await post(operator);
    expect(res.status, JSON.stringify(res.json).slice(0, 500)).toBe(201);
    const plan = res.json;
    expect(plan).toMatchObject({ status: 'draft', horizonH: 24, intervalMin: 60, solver: 'heuristic' });
    // The heuristic's plan states how far from optimal it is at most (lib/allocation/bound.ts).
    expect(plan.gapBound).toBe('fractional');
    expect(plan.gapPct).toBeGreaterThanOrEqual(0);
    expect(typeof plan.id).toBe('number');
    expect(Date.parse(plan.createdAt)).toBeGreaterThan(0);
    expect(plan.inputs.instance.sites).toHaveLength(siteIds.length);
    expect(plan.sites).toHaveLength(siteIds.length);
    for (const s of plan.sites) {
      expect(s.hours).toHaveLength(24);
      for (const k of ['ts', 'priceUsdPerMwh', 'miningKw', 'aiKw', 'curtailedKw', 'idleKw'])
        expect(s.hours[0]).toHaveProperty(k);
      for (const h of s.hours)
        expect(h.miningKw + h.aiKw + h.maintenanceKw).toBeLessThanOrEqual(s.capacityKw + 1e-6);
      expect(typeof s.expectedProfitUsd).toBe('number');
      expect(s).toHaveProperty('currentProfitUsd');
      expect(s).toHaveProperty('mineAllProfitUsd');
    }
    const devices = await getDb().device.count();
    expect(plan.devices).toHaveLength(devices);
    for (const d of plan.devices.slice(0, 50)) {
      expect(['mine', 'curtail', 'job', 'rent', 'idle', 'off']).toContain(d.decision);
      expect(typeof d.changed).toBe('boolean');
      expect(d.reason.length).toBeGreaterThan(5);
    }
    // The browser what-if reproduces the stored plan from the returned inputs.
    const again = replan(plan.inputs).plan;
    expect(again.expectedProfitUsd).toBe(plan.expectedProfitUsd);

    const listed = await call(plansRoute.GET, { path: '/api/v1/allocation/plans', token: viewer });
    expect(listed.status).toBe(200);
    expect(listed.json.data[0]).toMatchObject({ id: plan.id, status: 'draft' });
    expect(listed.json.data[0].inputs).toBeUndefined();
    const one = await call(planRoute.GET, { token: viewer, params: { id: String(plan.id) } });
    expect(one.status).toBe(200);
    expect(one.json.devices).toEqual(plan.devices);
  }, 120_000);

  it('refuses viewers, hosting clients and invalid requests with the error envelope', async () => {
    expect((await post(viewer)).status).toBe(403);
    expect((await post(tenant)).status).toBe(403);
    expect((await call(plansRoute.GET, { path: '/api/v1/allocation/plans', token: tenant })).status).toBe(
      403,
    );
    const bad = await post(operator, { horizonH: 0 });
    expect(bad.status).toBe(400);
    expect(bad.json.error.code).toBeTruthy();
    const unknownSite = await post(operator, { siteIds: [999_999] });
    expect(unknownSite.status).toBe(400);
    expect(unknownSite.json.error.message).toMatch(/999999/);
    const badOverride = await post(operator, {
      siteIds: [siteIds[0]],
      overrides: { priceUsdPerMwh: { [siteIds[1]!]: 5 } },
    });
    expect(badOverride.status).toBe(400);
    expect(badOverride.json.error.details[0].path).toMatch(/priceUsdPerMwh/);
    expect((await post(operator, { overrides: { nonsense: 1 } })).status).toBe(400);
    const missing = await call(planRoute.GET, { token: viewer, params: { id: '999999' } });
    expect(missing.status).toBe(404);
  });

  it('a very high $/MWh curtails every miner; apply turns it into curtail assignments', async () => {
    const dear = Object.fromEntries(siteIds.map((id) => [String(id), 20_000]));
    const res = await post(operator, {
      overrides: { priceUsdPerMwh: dear, hashpriceUsdPerPhDay: 50 },
      constraints: { guardrails: false, holdTimes: false },
    });
    expect(res.status, JSON.stringify(res.json).slice(0, 500)).toBe(201);
    const miners = res.json.devices.filter(
      (d: { decision: string }) => d.decision !== 'idle' && d.decision !== 'rent' && d.decision !== 'job',
    );
    expect(miners.length).toBeGreaterThan(100);
    expect(miners.every((d: { decision: string }) => d.decision === 'curtail' || d.decision === 'off')).toBe(
      true,
    );
    for (const s of res.json.sites) expect(s.hours[0].miningKw).toBe(0);

    // With the guardrails on, at most 20 % of a site's devices switch in the first interval.
    const guarded = await post(operator, { overrides: { priceUsdPerMwh: dear, hashpriceUsdPerPhDay: 50 } });
    for (const s of guarded.json.sites) {
      const here = guarded.json.devices.filter((d: { siteId: number }) => d.siteId === s.siteId);
      // On/off switches only (a lower power target is not a switch).
      const switched = here.filter(
        (d: { changed: boolean; decision: string }) =>
          d.changed && (d.decision === 'curtail' || d.decision === 'off'),
      );
      expect(switched.length, `site ${s.siteId}`).toBeLessThanOrEqual(Math.floor(here.length * 0.2) + 1);
    }

    const hook = await createWebhook(SYSTEM_ACTOR, {
      name: 'plans',
      url: 'http://127.0.0.1:9/plans',
      events: ['plan.applied'],
      enabled: true,
    });
    const apply = await call(applyRoute.POST, {
      method: 'POST',
      token: operator,
      params: { id: String(res.json.id) },
    });
    expect(apply.status, JSON.stringify(apply.json).slice(0, 500)).toBe(200);
    // The apply and its `plan.applied` event were committed together.
    const events = await getDb().webhookOutbox.findMany({ where: { endpointId: hook.id } });
    expect(events.map((e) => e.eventType)).toEqual(['plan.applied']);
    expect(JSON.parse(events[0]!.payload).data).toMatchObject({
      planId: res.json.id,
      applied: apply.json.applied,
      refused: apply.json.refused,
      siteIds,
    });
    await deleteWebhook(SYSTEM_ACTOR, hook.id);
    expect(apply.json.applied).toBeGreaterThan(100);
    expect(apply.json.failed).toBe(0);
    const applied = apply.json.devices.filter((d: { status: string }) => d.status === 'applied');
    const sample = applied.slice(0, 20).map((d: { deviceId: number }) => d.deviceId);
    const workloads = await getDb().deviceWorkload.findMany({ where: { deviceId: { in: sample } } });
    expect(workloads.map((w) => w.kind)).toEqual(sample.map(() => 'curtail'));
    const history = await getDb().assignment.findFirst({ where: { deviceId: sample[0], toTs: null } });
    expect(history).toMatchObject({ kind: 'curtail', source: 'plan' });
    expect(history!.reason).toMatch(new RegExp(`allocation plan #${res.json.id}`));

    // Remote actions: one pause batch for the curtailed miners (lib/actions executes it).
    const curtailedNow = apply.json.devices.filter(
      (d: { status: string; decision: string }) =>
        d.status === 'applied' && (d.decision === 'curtail' || d.decision === 'off'),
    ).length;
    expect(apply.json.remoteActions.errors).toEqual([]);
    const pauses = apply.json.remoteActions.batches.filter((b: { action: string }) => b.action === 'pause');
    expect(pauses.reduce((a: number, b: { total: number }) => a + b.total, 0)).toBe(curtailedNow);
    expect(apply.json.remoteActions.errors).toEqual([]);
    expect(await getDb().deviceAction.count({ where: { action: 'pause', deviceId: { in: sample } } })).toBe(
      sample.length,
    );

    const again = await call(applyRoute.POST, {
      method: 'POST',
      token: operator,
      params: { id: String(res.json.id) },
    });
    expect(again.status).toBe(409);
    expect(
      (await call(applyRoute.POST, { method: 'POST', token: viewer, params: { id: String(res.json.id) } }))
        .status,
    ).toBe(403);

    // A cheap-power plan resumes mining on the site's pool and supersedes the curtail plan.
    const cheap = Object.fromEntries(siteIds.map((id) => [String(id), 1]));
    const resume = await post(operator, {
      overrides: { priceUsdPerMwh: cheap, hashpriceUsdPerPhDay: 80 },
      constraints: { guardrails: false, holdTimes: false },
    });
    expect(
      resume.json.devices.filter((d: { decision: string }) => d.decision === 'mine').length,
    ).toBeGreaterThan(100);
    const applied2 = await call(applyRoute.POST, {
      method: 'POST',
      token: operator,
      params: { id: String(resume.json.id) },
    });
    expect(applied2.status).toBe(200);
    expect(applied2.json.supersededPlanIds).toContain(res.json.id);
    const first = await call(planRoute.GET, { token: viewer, params: { id: String(res.json.id) } });
    expect(first.json.status).toBe('superseded');
    expect(applied2.json.remoteActions.batches.map((b: { action: string }) => b.action)).toContain('resume');
    const back = await getDb().deviceWorkload.findMany({ where: { deviceId: { in: sample } } });
    expect(back.every((w) => w.kind === 'pool')).toBe(true);
  }, 180_000);

  it("on the seeded demo (pools from the seed) apply confirms the mine decisions on each device's pool", async () => {
    // Curtail everything first, then a cheap-power plan turns the miners back on: every mine decision
    // finds a pool (the device's last one, or its site's / rack's coverage) and none is refused.
    const dear = Object.fromEntries(siteIds.map((id) => [String(id), 20_000]));
    const cheap = Object.fromEntries(siteIds.map((id) => [String(id), 1]));
    const off = { guardrails: false, holdTimes: false };
    const curtail = await createPlan(
      SYSTEM_ACTOR,
      PlanRequest.parse({ overrides: { priceUsdPerMwh: dear, hashpriceUsdPerPhDay: 50 }, constraints: off }),
      Date.now(),
    );
    expect((await applyPlan(SYSTEM_ACTOR, curtail.id, Date.now())).failed).toBe(0);
    const mine = await createPlan(
      SYSTEM_ACTOR,
      PlanRequest.parse({ overrides: { priceUsdPerMwh: cheap, hashpriceUsdPerPhDay: 80 }, constraints: off }),
      Date.now(),
    );
    const decided = mine.devices.filter((d) => d.decision === 'mine' && d.changed && !d.maintenance);
    expect(decided.length).toBeGreaterThan(1000);
    const res = await applyPlan(SYSTEM_ACTOR, mine.id, Date.now());
    const mineStatuses = res.devices.filter((d) => d.decision === 'mine');
    expect(mineStatuses.filter((d) => d.status === 'refused')).toEqual([]);
    expect(mineStatuses.filter((d) => d.status === 'applied').length).toBe(decided.length);
    const ids = decided.slice(0, 300).map((d) => d.deviceId);
    const workloads = await getDb().deviceWorkload.findMany({ where: { deviceId: { in: ids } } });
    const seededPools = new Set((await getDb().poolProfile.findMany()).map((p) => p.id));
    expect(workloads).toHaveLength(ids.length);
    for (const w of workloads) {
      expect(w.kind).toBe('pool');
      expect(seededPools.has(w.poolId!)).toBe(true);
    }
    // The bulk write keeps the history consistent: one open row per device, the workload's own.
    const open = await getDb().assignment.findMany({ where: { deviceId: { in: ids }, toTs: null } });
    expect(open).toHaveLength(ids.length);
    const byDevice = new Map(workloads.map((w) => [w.deviceId, w.assignmentId]));
    for (const a of open) {
      expect(byDevice.get(a.deviceId)).toBe(a.id);
      expect(a).toMatchObject({ kind: 'pool', source: 'plan' });
      const want = decided.find((d) => d.deviceId === a.deviceId)!;
      expect(a.powerTargetW).toBe(want.powerTargetW ?? null);
    }
  }, 180_000);

  it('a mine decision with no pool anywhere is refused with its reason; a concurrent assignment keeps the history consistent', async () => {
    const site = siteIds[0]!;
    const curtailAll = async () =>
      createPlan(
        SYSTEM_ACTOR,
        PlanRequest.parse({
          siteIds: [site],
          overrides: { priceUsdPerMwh: { [site]: 20_000 }, hashpriceUsdPerPhDay: 50 },
          constraints: { guardrails: false, holdTimes: false },
        }),
        Date.now(),
      );
    await applyPlan(SYSTEM_ACTOR, (await curtailAll()).id, Date.now());
    const mine = await createPlan(
      SYSTEM_ACTOR,
      PlanRequest.parse({
        siteIds: [site],
        overrides: { priceUsdPerMwh: { [site]: 1 }, hashpriceUsdPerPhDay: 80 },
        constraints: { guardrails: false, holdTimes: false },
      }),
      Date.now(),
    );
    const miners = mine.devices.filter((d) => d.decision === 'mine' && d.changed && !d.maintenance);
    expect(miners.length).toBeGreaterThan(10);
    // Device A: no pool history, no coverage anywhere → refused with the reason.
    const a = miners[0]!;
    await getDb().assignment.updateMany({
      where: { deviceId: a.deviceId, kind: 'pool' },
      data: { kind: 'idle', poolId: null },
    });
    const rack = (await getDb().device.findUniqueOrThrow({ where: { id: a.deviceId } })).rackId;
    await getDb().poolCoverage.deleteMany({
      where: { OR: [{ scope: 'site', scopeId: site }, ...(rack ? [{ scope: 'rack', scopeId: rack }] : [])] },
    });
    // Device B: assigned by someone else while the apply runs. Whichever wins, the history stays
    // consistent: one open assignment, the one the workload row points at, of the workload's kind.
    const b = miners[1]!;
    const [res] = await Promise.all([
      applyPlan(SYSTEM_ACTOR, mine.id, Date.now()),
      assignWorkload(SYSTEM_ACTOR, { deviceIds: [b.deviceId], workload: { kind: 'idle' } }, Date.now()).catch(
        (e: Error) => e,
      ),
    ]);
    const st = (id: number) => res.devices.find((d) => d.deviceId === id)!;
    expect(st(a.deviceId)).toMatchObject({
      status: 'refused',
      reason: expect.stringMatching(/no pool to mine on/),
    });
    const wb = await getDb().deviceWorkload.findUniqueOrThrow({ where: { deviceId: b.deviceId } });
    const openB = await getDb().assignment.findMany({ where: { deviceId: b.deviceId, toTs: null } });
    expect(openB).toHaveLength(1);
    expect(openB[0]!.id).toBe(wb.assignmentId);
    expect(openB[0]!.kind).toBe(wb.kind);
    if (st(b.deviceId).status === 'failed') expect(wb.kind).toBe('idle');
    // The others mined on their last pool regardless.
    const others = miners.slice(2).map((d) => st(d.deviceId).status);
    expect(others.filter((s) => s === 'applied').length).toBe(others.length);
  }, 180_000);

  it('automatic mode: settings, a tick that plans and applies, a decision that can be explained', async () => {
    const site = siteIds[0]!;
    const put = await call(autoRoute.PUT, {
      method: 'PUT',
      token: operator,
      body: { siteId: site, autoEnabled: true, maxSwitchPct: 10, quietHours: [3, 1] },
    });
    expect(put.status, JSON.stringify(put.json)).toBe(200);
    expect(put.json).toMatchObject({ siteId: site, autoEnabled: true, intervalMin: 15, quietHours: [1, 3] });
    expect((await call(autoRoute.PUT, { method: 'PUT', token: viewer, body: { siteId: site } })).status).toBe(
      403,
    );
    expect(
      (await call(autoRoute.PUT, { method: 'PUT', token: operator, body: { siteId: 999_999 } })).status,
    ).toBe(400);
    const got = await call(autoRoute.GET, { token: viewer });
    expect(got.json.sites.find((s: { siteId: number }) => s.siteId === site).autoEnabled).toBe(true);

    const tick = await runAllocationTick(Date.now());
    expect(tick.error).toBeNull();
    expect(tick.planned).toEqual([site]);
    // Not due again within its interval.
    expect((await runAllocationTick(Date.now())).planned).toEqual([]);

    const list = await call(decisionsRoute.GET, {
      path: `/api/v1/allocation/decisions?siteId=${site}&mode=auto`,
      token: viewer,
    });
    expect(list.status).toBe(200);
    expect(list.json.data.length).toBe(1);
    const d = list.json.data[0];
    expect(d).toMatchObject({ siteId: site, mode: 'auto', planId: tick.planId });
    expect(['applied', 'no-change', 'partial']).toContain(d.outcome);
    const plan = await getDb().allocationPlan.findUniqueOrThrow({ where: { id: tick.planId! } });
    expect(plan).toMatchObject({ source: 'auto', status: 'applied' });

    const explained = await call(decisionRoute.GET, { token: viewer, params: { id: String(d.id) } });
    expect(explained.status).toBe(200);
    expect(explained.json.rerun.sameDecisions).toBe(true);
    expect(explained.json.plan.site.siteId).toBe(site);
    expect(explained.json.plan.devices.length).toBeGreaterThan(0);
    expect(explained.json.plan.basis.hashpriceUsdPerPhDay).toBeGreaterThan(0);
  }, 180_000);
});

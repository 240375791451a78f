// Automatic rule actions end to end on SQLite and PostgreSQL against loopback fake miners: a
// price rule curtails (remote pause where a collector reaches the device, a "rule" assignment
// everywhere) and resumes when the price falls; a dead-hashboard rule reboots under its rate
// limit, confirmed by telemetry; devices in maintenance are left alone; two instances acting at
// once stay inside the limit; the 24 h preview lists what the rule would have done.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as previewRoute from '@/app/api/v1/alert-rules/preview/route';
import * as rulesRoute from '@/app/api/v1/alert-rules/route';
import * as alertRoute from '@/app/api/v1/alerts/[id]/route';
import * as refreshRoute from '@/app/api/v1/devices/[id]/refresh/route';
import { runActionsTick } from '@/lib/actions/executor';
import { runRuleActions } from '@/lib/alerts/auto/run';
import { ruleFromRow } from '@/lib/alerts/rules';
import { runAlertsTick } from '@/lib/alerts/tick';
import type { AlertState } from '@/lib/alerts/types';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { Collector } from '@/lib/collectors/scheduler/collector';
import { getDb } from '@/lib/db/client';
import { queryRows, sql } from '@/lib/db/raw';
import { resetEnvCache } from '@/lib/env';
import { recordProviderOk } from '@/lib/market/refresh/provider-status';
import { storeNetworkPoints } from '@/lib/market/store';
import { startCgminerFake } from '@/lib/sim/wire/cgminer-fake';
import { type MinerState, newMinerState } from '@/lib/sim/wire/miner-state';
import { refreshLatest } from '@/lib/telemetry/latest';
import { assignWorkload } from '@/lib/workloads/assignments';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

describe.each(TEST_PROVIDERS)('automatic rule actions on %s', (provider) => {
  let db: TestDb;
  let operator: string;
  let fleet: Awaited<ReturnType<typeof createSmallFleet>>;
  let collector: Collector;
  const closers: (() => Promise<void>)[] = [];
  const states: MinerState[] = [];
  /** d[0..2]: cgminer fakes on loopback; d[3]: push, no collector; d[4]: in maintenance (a fake too). */
  let d: number[] = [];
  let xpId = 0;
  const saved = process.env.SWITCHYARD_SIMULATOR;

  const createRule = async (body: Record<string, unknown>) => {
    const res = await call(rulesRoute.POST, { method: 'POST', token: operator, body });
    expect(res.status, JSON.stringify(res.json)).toBe(201);
    return res.json as { id: number; action: unknown };
  };
  const ruleActions = (ruleId: number) =>
    queryRows(sql`SELECT * FROM rule_action WHERE rule_id = ${ruleId} ORDER BY id`);
  async function pollAll() {
    for (const id of [d[0], d[1], d[2], d[4]] as number[]) {
      const r = await call(refreshRoute.POST, {
        method: 'POST',
        token: operator,
        params: { id: String(id) },
      });
      expect(r.status).toBe(200);
    }
    await collector.tick(Date.now());
    await refreshLatest();
  }
  const setPushLatest = (deviceId: number, hashrateThs: number, ts = Date.now()) => {
    const data = { ts: BigInt(ts), hashrateThs, powerW: 3500, chipTempC: 70 };
    return getDb().deviceLatest.upsert({ where: { deviceId }, create: { deviceId, ...data }, update: data });
  };
  const setPrice = (usdPerMwh: number) =>
    getDb().site.update({ where: { id: fleet.site.id }, data: { fixedPriceUsdPerMwh: usdPerMwh } });

  beforeAll(async () => {
    process.env.SWITCHYARD_SIMULATOR = 'off';
    resetEnvCache();
    db = await createTestDb(provider);
    fleet = await createSmallFleet(5, 'Auto');
    d = fleet.devices.map((x) => x.id);
    operator = await tokenFor('operator');
    const t0 = Date.now();
    for (const i of [0, 1, 2, 4]) {
      const state = newMinerState(i + 1, 200, 3500, t0);
      states[i] = state;
      const fake = await startCgminerFake({ variant: 'braiins', state });
      closers.push(fake.close);
      await getDb().device.update({ where: { id: d[i]! }, data: { host: '127.0.0.1', port: fake.port } });
    }
    await getDb().device.update({ where: { id: d[3]! }, data: { protocol: 'push' } });
    // A more efficient model at the same site (breakeven near $160/MWh): once the S21s are
    // curtailed, it must not become the site's breakeven and clear the alert (an on/off storm).
    const xp = await getDb().deviceModel.create({
      data: {
        vendor: 'Bitmain',
        model: 'Antminer S21 XP',
        class: 'asic',
        nominalHashrateThs: 270,
        nominalPowerW: 3645,
        maxTempC: 90,
      },
    });
    const efficient = await getDb().device.create({
      data: {
        name: 'Auto-XP',
        serial: 'Auto-XP',
        siteId: fleet.site.id,
        modelId: xp.id,
        protocol: 'push',
        status: 'online',
      },
    });
    xpId = efficient.id;
    // What the status job would say of miners that report.
    await getDb().device.updateMany({ where: { id: { in: d } }, data: { status: 'online' } });
    await assignWorkload(SYSTEM_ACTOR, { deviceIds: [d[4]!], workload: { kind: 'maintenance' } }, t0);
    // The market of 2024-12-23: an S21 (200 TH/s, 3.5 kW, PUE 1.05 at a fixed-price site) breaks even near $124/MWh.
    await storeNetworkPoints(
      [
        { series: 'difficulty', ts: t0, value: 108.52e12, provider: 'sim' },
        { series: 'btc_usd', ts: t0, value: 93_450, provider: 'sim' },
        { series: 'fees_btc_per_block', ts: t0, value: 0.0931, provider: 'sim' },
        { series: 'block_height', ts: t0, value: 875_000, provider: 'sim' },
      ],
      t0,
    );
    await recordProviderOk('network', 'sim', t0);
    await recordProviderOk('btc_usd', 'sim', t0);
    collector = new Collector({ intervalMs: 30_000, concurrency: 8, timeoutMs: 2_000, sharded: false });
    await collector.tick(Date.now());
    await pollAll();
    await setPushLatest(d[3]!, 200);
    await getDb().deviceLatest.create({
      data: { deviceId: xpId, ts: BigInt(Date.now()), hashrateThs: 270, powerW: 3645 },
    });
  });
  afterAll(async () => {
    for (const close of closers) await close();
    await db.cleanup();
    process.env.SWITCHYARD_SIMULATOR = saved;
    resetEnvCache();
  });

  it('curtails on price (remote pause + rule assignment), holds without flapping, resumes when the price falls', async () => {
    const rule = await createRule({
      name: 'Curtail above breakeven',
      metric: 'sitePriceVsBreakevenUsdPerMwh',
      op: '>',
      threshold: 0,
      clearThreshold: -5,
      forS: 0,
      severity: 'warning',
      scope: { siteId: fleet.site.id },
      action: { kind: 'curtail', maxDevicesPerHour: 10 },
    });
    expect(rule.action).toEqual({ kind: 'curtail', maxDevicesPerHour: 10 });
    await setPrice(140);
    const fired = await runAlertsTick(Date.now());
    expect(fired.actions).toEqual({ requested: 4, rateLimited: 0, skipped: 0, failed: 0 });
    const rows = await ruleActions(rule.id);
    expect(rows.map((r) => [Number(r.device_id), r.kind, r.outcome, r.via])).toEqual([
      [d[0], 'curtail', 'requested', 'remote_action'],
      [d[1], 'curtail', 'requested', 'remote_action'],
      [d[2], 'curtail', 'requested', 'remote_action'],
      [d[3], 'curtail', 'requested', 'assignment'],
    ]);
    const values = JSON.parse(String(rows[0]!.fired_values));
    expect(values).toMatchObject({ metric: 'sitePriceVsBreakevenUsdPerMwh', op: '>', threshold: 0 });
    expect(values.value).toBeCloseTo(140 - 123.88, 0);
    // The S21 in maintenance is not on the site's running list, the S21 XP is not the least efficient: untouched.
    expect(rows.some((r) => Number(r.device_id) === d[4] || Number(r.device_id) === xpId)).toBe(false);

    expect(await runActionsTick(Date.now(), { instanceId: 'x' })).toMatchObject({ sent: 3 });
    expect([states[0]!.paused, states[1]!.paused, states[2]!.paused, states[4]!.paused]).toEqual([
      true,
      true,
      true,
      false,
    ]);
    await pollAll();
    expect(await runActionsTick(Date.now(), { instanceId: 'x' })).toMatchObject({ confirmed: 3 });
    const workloads = await getDb().deviceWorkload.findMany({ where: { deviceId: { in: [d[0]!, d[3]!] } } });
    expect(workloads.map((w) => w.kind)).toEqual(['curtail', 'curtail']);
    const assignment = await getDb().assignment.findFirst({ where: { deviceId: d[3]!, toTs: null } });
    expect(assignment).toMatchObject({
      kind: 'curtail',
      source: 'rule',
      actorName: expect.stringContaining('rule:'),
    });

    // Next tick: the curtailed S21s still set the site's breakeven (not the XP's $160), so the
    // alert holds and nothing repeats.
    expect((await runAlertsTick(Date.now())).actions).toEqual({
      requested: 0,
      rateLimited: 0,
      skipped: 0,
      failed: 0,
    });
    const alertId = Number(rows[0]!.alert_id);
    const open = await getDb().alert.findUnique({ where: { id: alertId } });
    expect(open!.status).toBe('firing');

    await setPrice(40);
    const resolved = await runAlertsTick(Date.now());
    expect(resolved.actions.requested).toBe(4);
    expect((await getDb().alert.findUnique({ where: { id: alertId } }))!.status).toBe('resolved');
    expect(await runActionsTick(Date.now(), { instanceId: 'x' })).toMatchObject({ sent: 3 });
    expect([states[0]!.paused, states[1]!.paused, states[2]!.paused]).toEqual([false, false, false]);
    await pollAll();
    expect(await runActionsTick(Date.now(), { instanceId: 'x' })).toMatchObject({ confirmed: 3 });
    expect(await getDb().deviceWorkload.findUnique({ where: { deviceId: d[3]! } })).toBeNull();
    const after = await ruleActions(rule.id);
    expect(after.filter((r) => r.kind === 'resume').map((r) => Number(r.device_id))).toEqual([
      d[0],
      d[1],
      d[2],
      d[3],
    ]);

    // The alert's timeline shows what the rule did.
    const detail = await call(alertRoute.GET, { token: operator, params: { id: String(alertId) } });
    expect(detail.json.ruleActions.map((a: { kind: string }) => a.kind)).toEqual([
      ...Array(4).fill('curtail'),
      ...Array(4).fill('resume'),
    ]);
    expect(detail.json.ruleActions[0]).toMatchObject({
      outcome: 'requested',
      action: { status: 'confirmed' },
    });
    const audit = await getDb().auditEvent.findMany({ where: { action: 'alert_rule.action.curtail' } });
    expect(audit).toHaveLength(4);
    expect(JSON.parse(String(audit[0]!.details))).toMatchObject({ ruleId: rule.id, alertId });
    await getDb().alertRule.update({ where: { id: rule.id }, data: { enabled: false } });
  });

  it('reboots dead hashboards under the rate limit, confirmed by telemetry; leaves maintenance alone', async () => {
    const rule = await createRule({
      name: 'Dead hashboard',
      metric: 'hashratePctOfNominal',
      op: '<',
      threshold: 50,
      forS: 0,
      severity: 'critical',
      scope: { deviceIds: [d[0], d[1], d[4]] },
      action: { kind: 'reboot', maxDevicesPerHour: 1 },
    });
    for (const i of [0, 1, 4]) states[i]!.nominalThs = 40;
    await pollAll();
    const t = Date.now();
    expect((await runAlertsTick(t)).actions).toEqual({ requested: 1, rateLimited: 1, skipped: 0, failed: 0 });
    let rows = await ruleActions(rule.id);
    expect(rows.map((r) => [Number(r.device_id), r.kind, r.outcome])).toEqual([
      [d[0], 'reboot', 'requested'],
      [d[1], 'reboot', 'rate_limited'],
    ]);
    expect(await runActionsTick(Date.now(), { instanceId: 'x' })).toMatchObject({ sent: 1 });
    expect(states[0]!.restarts).toBe(1);
    await pollAll();
    expect(await runActionsTick(Date.now(), { instanceId: 'x' })).toMatchObject({ confirmed: 1 });
    const action = await getDb().deviceAction.findUnique({ where: { id: Number(rows[0]!.action_id) } });
    expect(action).toMatchObject({
      action: 'reboot',
      status: 'confirmed',
      requestedBy: expect.stringContaining('rule:'),
    });

    // Still inside the hour: nothing more (and the limit is recorded once, not every tick).
    expect((await runAlertsTick(Date.now())).actions).toEqual({
      requested: 0,
      rateLimited: 0,
      skipped: 0,
      failed: 0,
    });
    // An hour on, the held-back device gets its reboot.
    const later = t + 3_601_000;
    for (const id of [d[0]!, d[1]!]) await setPushLatest(id, 80, later);
    expect((await runAlertsTick(later)).actions).toMatchObject({ requested: 1 });
    rows = await ruleActions(rule.id);
    expect(rows.filter((r) => r.outcome === 'requested').map((r) => Number(r.device_id))).toEqual([
      d[0],
      d[1],
    ]);
    expect(states[4]!.restarts).toBe(0);
    await getDb().alertRule.update({ where: { id: rule.id }, data: { enabled: false } });
  });

  it('two instances acting at once stay inside the rate limit (counted from the database)', async () => {
    const rule = await createRule({
      name: 'Race',
      metric: 'hashratePctOfNominal',
      op: '<',
      threshold: 50,
      forS: 0,
      severity: 'info',
      scope: { deviceIds: [d[0], d[1], d[2]] },
      action: { kind: 'reboot', maxDevicesPerHour: 2 },
    });
    const row = await getDb().alertRule.findUniqueOrThrow({ where: { id: rule.id } });
    const alert: AlertState & { id: number } = {
      id: 900_001,
      ruleId: rule.id,
      groupKey: `r${rule.id}`,
      status: 'firing',
      severity: 'info',
      firedAt: Date.now(),
      resolvedAt: null,
      members: [d[0]!, d[1]!, d[2]!].map((id) => ({
        subjectKey: `d:${id}`,
        deviceIds: [id],
        firedAt: Date.now(),
        clearedAt: null,
        value: 20,
      })),
    };
    const now = Date.now();
    const [a, b] = await Promise.all([
      runRuleActions(now, [ruleFromRow(row)], [alert], []),
      runRuleActions(now, [ruleFromRow(row)], [alert], []),
    ]);
    expect(a.requested + b.requested).toBe(2);
    const requested = (await ruleActions(rule.id)).filter((r) => r.outcome === 'requested');
    expect(requested).toHaveLength(2);
    await getDb().alertRule.delete({ where: { id: rule.id } });
  });

  it('previews what the rule would have done over 24 h, with the rate limit', async () => {
    const to = Math.floor(Date.now() / 300_000) * 300_000;
    const from = to - 24 * 3_600_000;
    // Three hours of one dead hashboard each on d[0] and d[1], two hours apart; d[2] healthy.
    const rows = [];
    for (let b = from; b < to; b += 300_000) {
      for (const [i, id] of [d[0]!, d[1]!, d[2]!].entries()) {
        const hour = (b - from) / 3_600_000;
        const dead = (i === 0 && hour >= 2 && hour < 5) || (i === 1 && hour >= 2.5 && hour < 6);
        rows.push({
          deviceId: id,
          bucket: BigInt(b),
          samples: 10,
          hashrateThs: dead ? 60 : 200,
          powerWX10: 35_000,
        });
      }
    }
    await getDb().telemetryRollup5m.createMany({ data: rows });
    const res = await call(previewRoute.POST, {
      method: 'POST',
      token: operator,
      body: {
        name: 'preview',
        metric: 'hashratePctOfNominal',
        op: '<',
        threshold: 50,
        forS: 600,
        severity: 'warning',
        scope: { deviceIds: [d[0], d[1], d[2]] },
        action: { kind: 'reboot', maxDevicesPerHour: 1 },
      },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    const actions = res.json.actions;
    expect(actions).toMatchObject({
      kind: 'reboot',
      maxDevicesPerHour: 1,
      requested: 2,
      rateLimited: 1,
      devicesActedOn: 2,
    });
    const log = actions.log.map((l: { deviceId: number; outcome: string; at: string }) => [
      l.deviceId,
      l.outcome,
      (Date.parse(l.at) - from) / 60_000,
    ]);
    // d[0] fires at 2 h + 10 min; d[1] at 2 h 40 min, held back, rebooted an hour after d[0].
    expect(log).toEqual([
      [d[0], 'requested', 135],
      [d[1], 'rate_limited', 165],
      [d[1], 'requested', 195],
    ]);
    expect(actions.log[0].deviceName).toBe('Auto-A0');
  });

  it('previews a price rule over 24 h of market history: curtail in the peak hours, resume after', async () => {
    const market = await createSmallFleet(2, 'Market');
    const to = Math.floor(Date.now() / 300_000) * 300_000;
    const from = to - 24 * 3_600_000;
    // A two-hour peak at $200/MWh (above the S21's ~$124 breakeven) that does not straddle the window's start.
    let peak = (new Date(from).getUTCHours() + 3) % 24;
    if (peak === 23) peak = 0;
    const days = [1, 2, 3, 4, 5, 6, 7];
    const bands = [
      ...(peak > 0 ? [{ days, fromHour: 0, toHour: peak, priceUsdPerMwh: 40 }] : []),
      { days, fromHour: peak, toHour: peak + 2, priceUsdPerMwh: 200 },
      ...(peak + 2 < 24 ? [{ days, fromHour: peak + 2, toHour: 24, priceUsdPerMwh: 40 }] : []),
    ];
    await getDb().site.update({
      where: { id: market.site.id },
      data: { contractKind: 'tou', touSchedule: JSON.stringify(bands) },
    });
    await storeNetworkPoints(
      [
        { series: 'difficulty', ts: from - 1_800_000, value: 108.52e12, provider: 'sim' },
        { series: 'btc_usd', ts: from - 1_800_000, value: 93_450, provider: 'sim' },
        { series: 'fees_btc_per_block', ts: from - 1_800_000, value: 0.0931, provider: 'sim' },
      ],
      Date.now(),
    );
    const rows = [];
    for (let b = from; b < to; b += 300_000)
      for (const dev of market.devices)
        rows.push({ deviceId: dev.id, bucket: BigInt(b), samples: 10, hashrateThs: 200, powerWX10: 35_000 });
    await getDb().telemetryRollup5m.createMany({ data: rows });
    const res = await call(previewRoute.POST, {
      method: 'POST',
      token: operator,
      body: {
        name: 'price preview',
        metric: 'sitePriceVsBreakevenUsdPerMwh',
        op: '>',
        threshold: 0,
        forS: 0,
        severity: 'warning',
        scope: { siteId: market.site.id },
        action: { kind: 'curtail', maxDevicesPerHour: 10 },
      },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.alerts).toHaveLength(1);
    const [alert] = res.json.alerts;
    const peakStart =
      from + ((peak - new Date(from).getUTCHours() + 24) % 24) * 3_600_000 - (from % 3_600_000);
    // Each step reads the price at its end: the step ending at the peak's start already sees $200.
    expect(Date.parse(alert.firedAt)).toBe(peakStart);
    expect(Date.parse(alert.resolvedAt)).toBe(peakStart + 2 * 3_600_000);
    expect(alert.deviceIds).toEqual(market.devices.map((x) => x.id));
    expect(res.json.actions).toMatchObject({ kind: 'curtail', requested: 4, devicesActedOn: 2 });
    expect(res.json.actions.log.map((l: { kind: string; at: string }) => [l.kind, Date.parse(l.at)])).toEqual(
      [
        ['curtail', peakStart],
        ['curtail', peakStart],
        ['resume', peakStart + 2 * 3_600_000],
        ['resume', peakStart + 2 * 3_600_000],
      ],
    );

    const hashprice = await call(previewRoute.POST, {
      method: 'POST',
      token: operator,
      body: { name: 'hp', metric: 'hashpriceUsdPerPhDay', op: '<', threshold: 60, forS: 0, severity: 'info' },
    });
    expect(hashprice.status, JSON.stringify(hashprice.json)).toBe(200);
    // $55.75/PH/day all day: one alert from the first step, never resolved.
    expect(hashprice.json.alerts).toEqual([
      { firedAt: new Date(from + 300_000).toISOString(), resolvedAt: null, deviceIds: [] },
    ]);
  });
});

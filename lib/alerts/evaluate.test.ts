import { describe, expect, it } from 'vitest';
import { evaluateTick } from './evaluate';
import type { AlertEvent, AlertState, Condition, Rule, Silence, Subject } from './types';

const T0 = Date.UTC(2026, 0, 1);

const rule = (over: Partial<Rule> = {}): Rule => ({
  id: 1,
  name: 'hot',
  metric: 'chipTempC',
  op: '>',
  threshold: 90,
  forS: 0,
  severity: 'warning',
  scope: {},
  enabled: true,
  ...over,
});

const device = (id: number, values: Subject['values'], over: Partial<Subject> = {}): Subject => ({
  key: `d:${id}`,
  kind: 'device',
  deviceIds: [id],
  siteId: 1,
  rackId: 10,
  modelId: 100,
  class: 'asic',
  tenantId: null,
  modelMaxTempC: 85,
  intentional: false,
  values,
  ...over,
});

/** Runs ticks in order, carrying conditions and alerts like the stored job does. */
function simulate(
  rules: Rule[],
  ticks: { t: number; subjects: Subject[] }[],
  silences: Silence[] = [],
): { alerts: AlertState[]; events: (AlertEvent & { id: number })[] } {
  let conditions: Condition[] = [];
  const alerts: AlertState[] = [];
  const events: (AlertEvent & { id: number })[] = [];
  for (const { t, subjects } of ticks) {
    const out = evaluateTick({ now: T0 + t * 1000, rules, subjects, conditions, alerts, silences });
    conditions = out.conditions;
    const ids = out.alerts.map((a) => {
      if (a.id === null) {
        const id = alerts.length + 1;
        alerts.push({ ...a, id });
        return id;
      }
      alerts[a.id - 1] = a;
      return a.id;
    });
    for (const e of out.events) events.push({ ...e, id: ids[e.alert] as number });
  }
  return { alerts, events };
}

/** One device's chip temperature over time, one tick per entry at 30 s spacing. */
const series = (values: (number | null)[], over: Partial<Subject> = {}) =>
  values.map((v, i) => ({ t: i * 30, subjects: [device(1, { chipTempC: v }, over)] }));

const kinds = (r: ReturnType<typeof simulate>) => r.events.map((e) => `${e.kind}@${(e.ts - T0) / 1000}`);

describe('evaluateTick over time series', () => {
  it.each([
    {
      name: 'holds shorter than forS: no alert',
      rule: { forS: 120 },
      values: [95, 95, 95, 80, 95, 95],
      expect: [],
    },
    {
      name: 'holds for forS: fires once',
      rule: { forS: 60 },
      values: [95, 95, 95, 95],
      expect: ['fired@60'],
    },
    { name: 'forS 0 fires on the first tick', rule: {}, values: [95], expect: ['fired@0'] },
    { name: 'below threshold never fires', rule: {}, values: [80, 90, 89], expect: [] },
    {
      name: 'missing data neither starts nor clears',
      rule: {},
      values: [null, 95, null, null],
      expect: ['fired@30'],
    },
    {
      name: 'flapping around the threshold with hysteresis: one alert, never resolved',
      rule: { clearThreshold: 80 },
      values: [95, 88, 95, 85, 92, 81, 96],
      expect: ['fired@0'],
    },
    {
      name: 'hysteresis: resolves only below the clear threshold',
      rule: { clearThreshold: 80 },
      values: [95, 85, 82, 79],
      expect: ['fired@0', 'cleared@90', 'resolved@90'],
    },
    {
      name: 'without a clear threshold the fire threshold clears',
      rule: {},
      values: [95, 90],
      expect: ['fired@0', 'cleared@30', 'resolved@30'],
    },
    {
      name: 'flapping across the clear threshold inside the cooldown re-opens the same alert',
      rule: { cooldownS: 300 },
      values: [95, 80, 95, 80, 95],
      expect: [
        'fired@0',
        'cleared@30',
        'resolved@30',
        'reopened@60',
        'cleared@90',
        'resolved@90',
        'reopened@120',
      ],
    },
    {
      name: 'after the cooldown a new alert fires',
      rule: { cooldownS: 30 },
      values: [95, 80, 80, 95],
      expect: ['fired@0', 'cleared@30', 'resolved@30', 'fired@90'],
    },
  ])('$name', ({ rule: over, values, expect: expected }) => {
    const r = simulate([rule(over)], series(values));
    expect(kinds(r)).toEqual(expected);
  });

  it('flapping with a cooldown stays one alert id', () => {
    const r = simulate([rule({ cooldownS: 300 })], series([95, 80, 95, 80, 95, 80, 95]));
    expect(r.alerts).toHaveLength(1);
    expect(new Set(r.events.map((e) => e.id))).toEqual(new Set([1]));
  });

  it('model limit: threshold is an offset from the model maximum', () => {
    const limit = rule({ threshold: 0, relativeTo: 'modelMaxTempC' });
    expect(kinds(simulate([limit], series([84, 86], { modelMaxTempC: 85 })))).toEqual(['fired@30']);
    expect(kinds(simulate([limit], series([86], { modelMaxTempC: null })))).toEqual([]);
  });

  it('groups a rack outage into one alert listing every device', () => {
    const offline = rule({ metric: 'lastSeenAgeS', threshold: 600, forS: 0 });
    const rack = (age: number, n: number) =>
      Array.from({ length: 40 }, (_, i) => device(i + 1, { lastSeenAgeS: i < n ? age : 5 }));
    const r = simulate(
      [offline],
      [
        { t: 0, subjects: rack(700, 30) },
        { t: 30, subjects: rack(730, 40) },
        { t: 60, subjects: rack(5, 0) },
      ],
    );
    expect(r.alerts).toHaveLength(1);
    expect(r.alerts[0]?.members.flatMap((m) => m.deviceIds).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 40 }, (_, i) => i + 1),
    );
    expect(r.events.filter((e) => e.kind === 'fired')).toHaveLength(1);
    expect(r.events.filter((e) => e.kind === 'joined' && e.ts === T0 + 30_000)).toHaveLength(10);
    expect(r.alerts[0]?.status).toBe('resolved');
  });

  it('separate sites are separate alerts', () => {
    const r = simulate(
      [rule()],
      [{ t: 0, subjects: [device(1, { chipTempC: 95 }), device(2, { chipTempC: 95 }, { siteId: 2 })] }],
    );
    expect(r.alerts.map((a) => a.groupKey)).toEqual(['1:site:1', '1:site:2']);
  });

  it('a silence suppresses the alert while it lasts; a still-holding condition fires after it', () => {
    const silence: Silence = {
      id: 1,
      ruleId: null,
      scope: { rackId: 10 },
      startsAt: T0,
      endsAt: T0 + 60_000,
    };
    const r = simulate([rule()], series([95, 95, 95]), [silence]);
    expect(kinds(r)).toEqual(['fired@60']);
  });

  it('a silence for another rule or another rack does not apply', () => {
    const other: Silence[] = [
      { id: 1, ruleId: 2, scope: {}, startsAt: T0, endsAt: T0 + 3600_000 },
      { id: 2, ruleId: null, scope: { rackId: 11 }, startsAt: T0, endsAt: T0 + 3600_000 },
    ];
    expect(kinds(simulate([rule()], series([95]), other))).toEqual(['fired@0']);
  });

  it.each([
    { metric: 'hashratePctOfNominal' as const, op: '<' as const, threshold: 80, value: 0, fires: false },
    { metric: 'lastSeenAgeS' as const, op: '>' as const, threshold: 600, value: 900, fires: false },
    { metric: 'status' as const, op: '==' as const, threshold: 'offline', value: 'offline', fires: false },
    { metric: 'chipTempC' as const, op: '>' as const, threshold: 90, value: 95, fires: true },
  ])('a device curtailed on purpose: $metric fires=$fires', ({ fires, value, ...over }) => {
    const r = simulate([rule(over)], series([null], { intentional: true, values: { [over.metric]: value } }));
    expect(r.alerts.length > 0).toBe(fires);
  });

  it('an alert resolves when its device is curtailed on purpose', () => {
    const low = rule({ metric: 'hashratePctOfNominal', op: '<', threshold: 80 });
    const r = simulate(
      [low],
      [
        { t: 0, subjects: [device(1, { hashratePctOfNominal: 10 })] },
        { t: 30, subjects: [device(1, { hashratePctOfNominal: 0 }, { intentional: true })] },
      ],
    );
    expect(kinds(r)).toEqual(['fired@0', 'cleared@30', 'resolved@30']);
  });

  it('disabling the rule or removing the device resolves its alert', () => {
    const ticks = [
      { t: 0, subjects: [device(1, { chipTempC: 95 })] },
      { t: 30, subjects: [] },
    ];
    expect(kinds(simulate([rule()], ticks))).toEqual(['fired@0', 'cleared@30', 'resolved@30']);
  });

  it('an acknowledged alert stays acknowledged when another device joins, and resolves', () => {
    const first = evaluateTick({
      now: T0,
      rules: [rule()],
      subjects: [device(1, { chipTempC: 95 })],
      conditions: [],
      alerts: [],
      silences: [],
    });
    const acked = { ...(first.alerts[0] as AlertState), id: 7, status: 'acknowledged' as const };
    const second = evaluateTick({
      now: T0 + 30_000,
      rules: [rule()],
      subjects: [device(1, { chipTempC: 95 }), device(2, { chipTempC: 99 })],
      conditions: first.conditions,
      alerts: [acked],
      silences: [],
    });
    expect(second.alerts[0]?.status).toBe('acknowledged');
    expect(second.events.map((e) => e.kind)).toEqual(['joined']);
  });

  it('a site alert follows the devices that currently match while it fires, keeping who left', () => {
    const priceRule = rule({ metric: 'sitePriceVsBreakevenUsdPerMwh', threshold: 0 });
    const site = (deviceIds: number[], v = 20): Subject => ({
      ...device(0, { sitePriceVsBreakevenUsdPerMwh: v }),
      key: 's:1',
      kind: 'site',
      deviceIds,
      rackId: null,
      modelId: null,
      class: null,
    });
    const r = simulate(
      [priceRule],
      [
        { t: 0, subjects: [site([1, 2])] },
        { t: 30, subjects: [site([1, 2])] },
        // Device 2 stops running (no longer the least efficient running model's), 3 starts.
        { t: 60, subjects: [site([1, 3])] },
        // An empty list is not followed: the alert keeps its last devices.
        { t: 90, subjects: [site([])] },
        // 2 comes back.
        { t: 120, subjects: [site([1, 2, 3])] },
        { t: 150, subjects: [site([1, 2, 3], -5)] },
      ],
    );
    expect(r.alerts).toHaveLength(1);
    expect(
      r.events.map((e) => `${e.kind}${e.subjectKey ? ` ${e.subjectKey}` : ''}@${(e.ts - T0) / 1000}`),
    ).toEqual([
      'fired s:1@0',
      'device_left d:2@60',
      'device_joined d:3@60',
      'device_joined d:2@120',
      'cleared s:1@150',
      'resolved@150',
    ]);
    const [member] = r.alerts[0]!.members;
    expect(member).toMatchObject({
      deviceIds: [1, 2, 3],
      firedAt: T0,
      clearedAt: T0 + 150_000,
      deviceFiredAt: { 2: T0 + 120_000, 3: T0 + 60_000 },
      // 2's first span was replaced when it re-joined (the events keep it).
      departed: [],
    });
  });

  it('a device that leaves a firing site alert keeps its span as history', () => {
    const priceRule = rule({ metric: 'sitePriceVsBreakevenUsdPerMwh', threshold: 0 });
    const site = (deviceIds: number[]): Subject => ({
      ...device(0, { sitePriceVsBreakevenUsdPerMwh: 20 }),
      key: 's:1',
      kind: 'site',
      deviceIds,
    });
    const r = simulate(
      [priceRule],
      [
        { t: 0, subjects: [site([1, 2])] },
        { t: 30, subjects: [site([1])] },
      ],
    );
    expect(r.alerts[0]!.members[0]).toMatchObject({
      deviceIds: [1],
      clearedAt: null,
      departed: [{ deviceId: 2, firedAt: T0, clearedAt: T0 + 30_000 }],
    });
    expect(r.alerts[0]!.status).toBe('firing');
  });

  it('scope: site, rack, model, class, tenant and device ids narrow the subjects', () => {
    const subjects = [
      device(1, { chipTempC: 95 }),
      device(2, { chipTempC: 95 }, { rackId: 11, tenantId: 5 }),
      device(3, { chipTempC: 95 }, { class: 'gpu', modelId: 101 }),
    ];
    const ids = (scope: Rule['scope']) =>
      simulate([rule({ scope })], [{ t: 0, subjects }]).alerts.flatMap((a) =>
        a.members.flatMap((m) => m.deviceIds),
      );
    expect(ids({})).toEqual([1, 2, 3]);
    expect(ids({ rackId: 11 })).toEqual([2]);
    expect(ids({ tenantId: 5 })).toEqual([2]);
    expect(ids({ class: 'gpu' })).toEqual([3]);
    expect(ids({ modelId: 100, deviceIds: [1, 3] })).toEqual([1]);
    expect(ids({ siteId: 2 })).toEqual([]);
  });

  it('severity comes from the rule', () => {
    expect(simulate([rule({ severity: 'critical' })], series([95])).alerts[0]?.severity).toBe('critical');
  });
});

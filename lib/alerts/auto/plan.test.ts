import { describe, expect, it } from 'vitest';
import type { AlertState, RuleActionSpec } from '../types';
import { type DeviceFacts, planResumes, planTriggers, type Want } from './plan';
import { ActionSimulator } from './simulate';

const dev = (id: number, over: Partial<DeviceFacts> = {}): DeviceFacts => ({
  id,
  remote: true,
  intentional: false,
  currentAssignmentId: null,
  ...over,
});
const devices = (...list: DeviceFacts[]) => new Map(list.map((d) => [d.id, d]));
const want = (alertId: number, deviceId: number): Want => ({
  alertId,
  deviceId,
  subjectKey: `d:${deviceId}`,
  value: 1,
});
const reboot: RuleActionSpec = { kind: 'reboot', maxDevicesPerHour: 2 };

describe('planTriggers', () => {
  it.each([
    {
      name: 'acts on each listed device up to the rate limit, then records the rest as rate-limited',
      wants: [want(1, 1), want(1, 2), want(1, 3)],
      acted: [],
      expected: [
        [1, 'requested'],
        [2, 'requested'],
        [3, 'rate_limited'],
      ],
    },
    {
      name: 'devices acted on in the last hour count towards the limit',
      wants: [want(1, 1), want(1, 2)],
      acted: [7, 8],
      expected: [
        [1, 'rate_limited'],
        [2, 'rate_limited'],
      ],
    },
    {
      name: 'a device already acted on this hour does not take a second slot',
      wants: [want(2, 7), want(2, 3)],
      acted: [7],
      expected: [
        [3, 'requested'],
        [7, 'requested'],
      ],
    },
  ])('$name', ({ wants, acted, expected }) => {
    const out = planTriggers({
      spec: reboot,
      wants,
      prior: [],
      actedLastHour: new Set(acted),
      devices: devices(dev(1), dev(2), dev(3), dev(7)),
    });
    expect(out.map((d) => [d.deviceId, d.outcome])).toEqual(expected);
  });

  it('leaves curtailed-on-purpose devices alone and skips what has no way to reach the device', () => {
    const out = planTriggers({
      spec: reboot,
      wants: [want(1, 1), want(1, 2), want(1, 3)],
      prior: [],
      actedLastHour: new Set(),
      devices: devices(dev(1, { intentional: true }), dev(2, { remote: false }), dev(3)),
    });
    expect(out.map((d) => [d.deviceId, d.outcome, d.via])).toEqual([
      [1, 'skipped', null],
      [2, 'skipped', null],
      [3, 'requested', 'remote_action'],
    ]);
    expect(out[1]!.reason).toMatch(/no collector/);
  });

  it('curtails a device without a collector through an assignment', () => {
    const out = planTriggers({
      spec: { kind: 'curtail', maxDevicesPerHour: 5 },
      wants: [want(1, 2)],
      prior: [],
      actedLastHour: new Set(),
      devices: devices(dev(2, { remote: false })),
    });
    expect(out).toMatchObject([{ outcome: 'requested', via: 'assignment', kind: 'curtail' }]);
  });

  it('does not act twice for one alert, and records a rate limit once but retries it', () => {
    const prior = [
      { alertId: 1, deviceId: 1, kind: 'reboot' as const, outcome: 'requested' as const, assignmentId: null },
      {
        alertId: 1,
        deviceId: 2,
        kind: 'reboot' as const,
        outcome: 'rate_limited' as const,
        assignmentId: null,
      },
    ];
    const base = { spec: reboot, wants: [want(1, 1), want(1, 2)], prior, devices: devices(dev(1), dev(2)) };
    expect(planTriggers({ ...base, actedLastHour: new Set([1, 9]) })).toEqual([]);
    expect(planTriggers({ ...base, actedLastHour: new Set([1]) })).toMatchObject([
      { deviceId: 2, outcome: 'requested' },
    ]);
  });
});

describe('planResumes', () => {
  const curtailed = [
    { alertId: 1, deviceId: 1, kind: 'curtail' as const, outcome: 'requested' as const, assignmentId: 10 },
    { alertId: 1, deviceId: 2, kind: 'curtail' as const, outcome: 'requested' as const, assignmentId: 11 },
  ];
  it('resumes what the alert no longer lists, unless someone changed its workload since', () => {
    const out = planResumes({
      curtailed,
      stillWanted: new Set(),
      devices: devices(dev(1, { currentAssignmentId: 10 }), dev(2, { currentAssignmentId: 99 })),
    });
    expect(out.map((d) => [d.deviceId, d.kind, d.outcome])).toEqual([
      [1, 'resume', 'requested'],
      [2, 'resume', 'skipped'],
    ]);
  });
  it('keeps devices curtailed while the alert still lists them', () => {
    expect(
      planResumes({
        curtailed,
        stillWanted: new Set(['1:1', '1:2']),
        devices: devices(dev(1, { currentAssignmentId: 10 }), dev(2, { currentAssignmentId: 11 })),
      }),
    ).toEqual([]);
  });
});

describe('ActionSimulator', () => {
  const alert = (deviceIds: number[], resolved = false): AlertState => ({
    id: 1,
    ruleId: 0,
    groupKey: 'g',
    status: resolved ? 'resolved' : 'firing',
    severity: 'warning',
    firedAt: 0,
    resolvedAt: resolved ? 1 : null,
    members: deviceIds.map((d) => ({
      subjectKey: `d:${d}`,
      deviceIds: [d],
      firedAt: 0,
      clearedAt: null,
      value: 1,
    })),
  });
  it('applies the rolling hour: a third device waits until the first slot is an hour old', () => {
    const sim = new ActionSimulator(reboot, new Map([1, 2, 3].map((id) => [id, { remote: true }])));
    const step = 300_000;
    sim.step(0, [alert([1, 2, 3])]);
    for (let t = step; t <= 3_600_000; t += step) sim.step(t, [alert([1, 2, 3])]);
    const requested = sim.log.filter((l) => l.outcome === 'requested');
    expect(requested.map((l) => [l.deviceId, l.at])).toEqual([
      [1, 0],
      [2, 0],
      [3, 3_600_000],
    ]);
    expect(sim.log.filter((l) => l.outcome === 'rate_limited')).toHaveLength(1);
  });
  it('curtails while firing and resumes when resolved', () => {
    const sim = new ActionSimulator(
      { kind: 'curtail', maxDevicesPerHour: 10 },
      new Map([[1, { remote: false }]]),
    );
    sim.step(0, [alert([1])]);
    sim.step(300_000, [alert([1])]);
    sim.step(600_000, [alert([1], true)]);
    expect(sim.log.map((l) => [l.at, l.kind, l.outcome, l.via])).toEqual([
      [0, 'curtail', 'requested', 'assignment'],
      [600_000, 'resume', 'requested', 'assignment'],
    ]);
  });
});

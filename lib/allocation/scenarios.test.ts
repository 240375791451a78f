import { describe, expect, it } from 'vitest';
import { checkPlan } from './check-plan';
import { toPlanView } from './plan-view';
import { buildModel } from './prepare';
import { planHeuristic } from './solve';
import { DGX_H100, input, job, miners, S19J_PRO, S21, servers, site } from './testing/fixtures';
import type { AllocationInput } from './types';

// Hand-checked figures (hashprice $50/PH/day, pool fee 0, PUE 1):
// S21 at 3,500 W / 200 TH/s earns 200 × $0.05 = $10/day on 84 kWh/day → breakeven $119.05/MWh.
// Its 60 % profile (2,100 W, 200 × 0.6^(1/1.6) = 145.3 TH/s) breaks even at $144.2/MWh.
const flat = (price: number, hours = 4) => new Array<number>(hours).fill(price);

function decide(inp: AllocationInput) {
  const result = planHeuristic(inp);
  expect(checkPlan(result.model, result.plan)).toEqual([]);
  return { result, view: toPlanView(result) };
}

describe('allocation scenarios', () => {
  it('mines below the breakeven and curtails above it, with the numbers in the reason', () => {
    const below = decide(
      input({
        sites: [site('SE3', flat(100))],
        devices: miners('a', 'SE3', S21, 1),
        minerModels: [{ ...S21, profiles: [S21.profiles[3]!], nominalIndex: 0 }],
      }),
    );
    expect(below.view.devices[0]).toMatchObject({ decision: 'mine', changed: false, powerTargetW: 3500 });
    expect(below.view.devices[0]!.reason).toBe(
      "mine at 3500 W: SE3 $100/MWh is below this S21's breakeven $119/MWh at hashprice $50.0/PH/day",
    );
    const above = decide(
      input({
        sites: [site('SE3', flat(182))],
        devices: miners('a', 'SE3', S21, 1),
        minerModels: [{ ...S21, profiles: [S21.profiles[3]!], nominalIndex: 0 }],
      }),
    );
    expect(above.view.devices[0]).toMatchObject({ decision: 'curtail', changed: true });
    expect(above.view.devices[0]!.reason).toBe(
      "curtail: SE3 $182/MWh is above this S21's breakeven $119/MWh at hashprice $50.0/PH/day",
    );
  });

  it('chooses the lower power profile when it is profitable and full power is not', () => {
    const { view } = decide(input({ sites: [site('SE3', flat(130))], devices: miners('a', 'SE3', S21, 1) }));
    expect(view.devices[0]).toMatchObject({ decision: 'mine', powerTargetW: 2100 });
    expect(view.devices[0]!.reason).toContain('breaks even at $144/MWh here and $119/MWh at full power');
  });

  it('gives a binding cap to the device that earns most per kW', () => {
    const { view } = decide(
      input({
        sites: [site('s', flat(40), { capacityKw: 3.6 })],
        devices: [
          ...miners('old', 's', S19J_PRO, 1),
          ...miners('new', 's', S21, 1, { kind: 'off', sinceMin: 600 }),
        ],
      }),
    );
    const byId = new Map(view.devices.map((d) => [d.deviceId, d]));
    expect(byId.get('new0')).toMatchObject({ decision: 'mine', changed: true });
    expect(byId.get('old0')).toMatchObject({ decision: 'curtail', changed: true });
    expect(byId.get('old0')!.reason).toContain('cap at s is used by work worth more per kW');
  });

  it('keeps a device on through a one-hour spike that does not pay for two switches', () => {
    // Spike hour at $200: full power loses 3.5 × (200 − 119) / 1000 = $0.28, the 60 % profile
    // 2.1 × (200 − 144) / 1000 = $0.12; two switches cost $2.
    const prices = [50, 200, 50, 50];
    const hysteresis = (cost: number) => ({
      asic: { minOnMin: 0, minOffMin: 0, switchCostUsd: cost },
      micro: { minOnMin: 0, minOffMin: 0, switchCostUsd: 0 },
    });
    const kept = decide(
      input({ sites: [site('s', prices)], devices: miners('a', 's', S21, 1), hysteresis: hysteresis(1) }),
    );
    expect(kept.result.plan.miners[0]!.profileByInterval).toEqual([4, 0, 4, 4]);
    const free = decide(
      input({ sites: [site('s', prices)], devices: miners('a', 's', S21, 1), hysteresis: hysteresis(0) }),
    );
    expect(free.result.plan.miners[0]!.profileByInterval).toEqual([4, -1, 4, 4]);
    // A 3-hour minimum off time makes the spike cost two more hours of margin: stays on too.
    const held = decide(
      input({
        sites: [site('s', prices)],
        devices: miners('a', 's', S21, 1),
        hysteresis: {
          asic: { minOnMin: 0, minOffMin: 180, switchCostUsd: 0 },
          micro: { minOnMin: 0, minOffMin: 0, switchCostUsd: 0 },
        },
      }),
    );
    expect(held.result.plan.miners[0]!.profileByInterval[1]).toBe(0);
  });

  it('explains a job that fits nowhere and places one that fits', () => {
    const { view } = decide(
      input({
        sites: [site('s', flat(40))],
        devices: servers('g', 's', DGX_H100, 2),
        jobs: [job('big', { gpuCount: 16 }), job('ok', { gpuCount: 8 })],
      }),
    );
    expect(view.jobs.find((j) => j.jobId === 'big')).toMatchObject({
      decision: 'wait',
      reason: 'fits nowhere: it needs 16 GPUs on one server and the largest h100 server has 8',
    });
    expect(view.jobs.find((j) => j.jobId === 'ok')).toMatchObject({ decision: 'run', deviceIds: ['g0'] });
  });

  it('runs jobs that need firm power only at firm-power sites', () => {
    const base = {
      devices: [...servers('soft', 'soft', DGX_H100, 1), ...servers('firm', 'firm', DGX_H100, 1)],
      jobs: [job('sla', { needsFirmPower: true })],
    };
    const both = decide(
      input({ ...base, sites: [site('soft', flat(20), { firmPower: false }), site('firm', flat(80))] }),
    );
    expect(both.view.jobs[0]).toMatchObject({ decision: 'run', deviceIds: ['firm0'] });
    const none = decide(
      input({
        devices: servers('soft', 'soft', DGX_H100, 1),
        jobs: base.jobs,
        sites: [site('soft', flat(20), { firmPower: false })],
      }),
    );
    expect(none.view.jobs[0]!.reason).toBe(
      'fits nowhere: it needs firm power and no firm-power site has h100 GPUs',
    );
  });

  it('never touches maintenance devices but counts their power against the cap', () => {
    const devices = [...miners('a', 's', S21, 2, { kind: 'off', sinceMin: 600 })];
    devices.push({
      deviceId: 'm',
      siteId: 's',
      modelId: 's21',
      state: { kind: 'mine', powerW: 3500, sinceMin: 5 },
      maintenance: true,
    });
    const { result, view } = decide(input({ sites: [site('s', flat(40), { capacityKw: 7.5 })], devices }));
    expect(result.plan.miners.map((m) => m.deviceId)).not.toContain('m');
    expect(view.devices.find((d) => d.deviceId === 'm')).toMatchObject({
      decision: 'mine',
      changed: false,
      reason: 'maintenance: not touched',
    });
    expect(view.devices.filter((d) => d.decision === 'mine' && d.deviceId !== 'm')).toHaveLength(1);
    expect(view.sites[0]!.hours[0]!.maintenanceKw).toBe(3.5);
  });

  it('switches at most the guardrail share of a site per interval', () => {
    const { result } = decide(
      input({ sites: [site('s', flat(300, 6), { maxSwitchPct: 10 })], devices: miners('a', 's', S21, 20) }),
    );
    const on = (t: number) => result.plan.miners.filter((m) => m.profileByInterval[t]! >= 0).length;
    expect([0, 1, 2, 3, 4, 5].map(on)).toEqual([18, 16, 14, 12, 10, 8]);
  });

  it('holds no switch in quiet intervals', () => {
    const { result } = decide(
      input({
        sites: [site('s', [300, 300, 300], { quietIntervals: [0, 1] })],
        devices: miners('a', 's', S21, 3),
      }),
    );
    expect(result.plan.miners.map((m) => m.profileByInterval[1]! >= 0)).toEqual([true, true, true]);
    expect(result.plan.miners.map((m) => m.profileByInterval[2])).toEqual([-1, -1, -1]);
  });
});

describe('checkPlan', () => {
  it('reports a cap overrun, a broken hold time and a moved running job', () => {
    const inp = input({
      sites: [site('s', flat(40, 2), { capacityKw: 5 })],
      devices: [
        ...miners('a', 's', S21, 2, { kind: 'mine', powerW: 3500, sinceMin: 10 }),
        ...servers('g', 's', DGX_H100, 2),
      ],
      jobs: [job('run', { running: [{ deviceId: 'g0', gpus: 8 }] })],
      hysteresis: {
        asic: { minOnMin: 60, minOffMin: 0, switchCostUsd: 0 },
        micro: { minOnMin: 0, minOffMin: 0, switchCostUsd: 0 },
      },
    });
    const model = buildModel(inp);
    const violations = checkPlan(model, {
      miners: [
        { deviceId: 'a0', profileByInterval: [3, 3] },
        { deviceId: 'a1', profileByInterval: [-1, 3] },
      ],
      gpus: [
        { deviceId: 'g0', rentedByInterval: [0, 0] },
        { deviceId: 'g1', rentedByInterval: [0, 0] },
      ],
      placements: [{ jobId: 'run', allocations: [{ deviceId: 'g1', gpus: 8 }] }],
    });
    expect(violations.some((v) => v.includes('over cap'))).toBe(true);
    expect(violations.some((v) => v.includes('switched after 10 min, hold is 60 min'))).toBe(true);
    expect(violations).toContain('running job run was moved');
  });
});

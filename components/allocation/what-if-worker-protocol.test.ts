import { describe, expect, it } from 'vitest';
import { input, miners, S21, site } from '@/lib/allocation/testing/fixtures';
import { planInputs } from '@/lib/allocation/testing/plan-inputs';
import { NO_WHAT_IF } from './what-if';
import { createWhatIfHandler } from './what-if-worker-protocol';

const S21_FULL = { ...S21, profiles: [S21.profiles[3]!], nominalIndex: 0 };
// S21 at full power breaks even at $119.05/MWh with hashprice $50/PH/day: at $150/MWh it curtails.
const inputs = planInputs(
  input({ sites: [site('1', [150, 150])], minerModels: [S21_FULL], devices: miners('1', '1', S21_FULL, 3) }),
);

describe('what-if worker protocol', () => {
  it('answers only the newest of the requests that queued up while it was busy', () => {
    const h = createWhatIfHandler();
    h.receive({ type: 'inputs', key: 1, inputs });
    expect(
      h.receive({ type: 'replan', id: 1, key: 1, whatIf: { ...NO_WHAT_IF, hashpriceUsdPerPhDay: 10 } }),
    ).toBe(true);
    h.receive({ type: 'replan', id: 2, key: 1, whatIf: { ...NO_WHAT_IF, hashpriceUsdPerPhDay: 100 } });
    expect(h.pendingId).toBe(2);
    const a = h.run();
    expect(a?.type).toBe('plan');
    if (a?.type !== 'plan') throw new Error('no plan');
    expect(a.id).toBe(2);
    // at $100/PH/day the S21s mine (breakeven ≈ $238/MWh)
    expect(a.view.sites[0]!.hours[0]!.miningKw).toBeCloseTo(10.5, 6);
    expect(a.ms).toBeGreaterThanOrEqual(0);
    // nothing left: the superseded request is never answered
    expect(h.run()).toBeNull();
  });

  it('a request for inputs it does not hold is an error, not a stale plan', () => {
    const h = createWhatIfHandler();
    h.receive({ type: 'inputs', key: 1, inputs });
    h.receive({ type: 'inputs', key: 2, inputs });
    h.receive({ type: 'replan', id: 5, key: 1, whatIf: { ...NO_WHAT_IF, hashpriceUsdPerPhDay: 10 } });
    expect(h.run()).toMatchObject({ type: 'error', id: 5 });
  });
});

describe('what-if worker warm-up', () => {
  it('re-plans the inputs once when they arrive, and the next request still gets its own answer', () => {
    let calls = 0;
    const h = createWhatIfHandler(() => {
      calls++;
      return 0;
    });
    h.warmUp(); // nothing loaded: nothing to do
    expect(calls).toBe(0);
    h.receive({ type: 'inputs', key: 1, inputs });
    h.warmUp();
    expect(calls).toBe(2); // replanWhatIf reads the clock twice
    h.warmUp(); // only once per inputs
    expect(calls).toBe(2);
    expect(h.run()).toBeNull();
    h.receive({ type: 'replan', id: 1, key: 1, whatIf: { ...NO_WHAT_IF, hashpriceUsdPerPhDay: 10 } });
    expect(h.run()).toMatchObject({ type: 'plan', id: 1 });
  });
});

import type { AllocationInput } from '@/lib/allocation/types';
import type { AllocationPlanBody, AllocationPlanInputs } from '@/lib/api-client/types';
import { NO_WHAT_IF, replanWhatIf, type WhatIf } from './what-if';

/**
 * Messages between the Allocation page and its what-if Web Worker (what-if.worker.ts). The plan's
 * inputs snapshot goes over once per plan (`key`); each slider move then sends only the what-if.
 * The worker keeps just the newest request: a burst of moves that arrives while it is busy is
 * answered once, for the last one (the page also drops any answer older than its newest request).
 */
export type WhatIfRequest =
  | { type: 'inputs'; key: number; inputs: AllocationPlanInputs }
  | { type: 'replan'; id: number; key: number; whatIf: WhatIf };

export type WhatIfResponse =
  | { type: 'plan'; id: number; view: AllocationPlanBody; input: AllocationInput; ms: number }
  | { type: 'error'; id: number; message: string };

/**
 * The worker's state machine, without the worker: `receive` takes each message, `run` answers the
 * newest pending request (the worker schedules it as its own task, so messages queued during a
 * re-plan are read — and superseded — first). Returns null when nothing is pending.
 */
export function createWhatIfHandler(now: () => number = () => performance.now()) {
  const inputs = new Map<number, AllocationPlanInputs>();
  let pending: Extract<WhatIfRequest, { type: 'replan' }> | null = null;
  let warm = false;
  return {
    /**
     * One re-plan of the newest inputs without overrides, its answer discarded: compiles the engine
     * in this worker before the first slider move needs it (the first run is several times slower).
     */
    warmUp(): void {
      if (warm) return;
      warm = true;
      const [snapshot] = inputs.values();
      if (!snapshot) return;
      try {
        replanWhatIf(snapshot, NO_WHAT_IF, now);
      } catch {
        // the real request reports any error
      }
    },
    receive(msg: WhatIfRequest): boolean {
      if (msg.type === 'inputs') {
        inputs.clear();
        inputs.set(msg.key, msg.inputs);
        warm = false;
        return false;
      }
      pending = msg;
      return true;
    },
    get pendingId(): number | null {
      return pending?.id ?? null;
    },
    run(): WhatIfResponse | null {
      const req = pending;
      pending = null;
      if (!req) return null;
      const snapshot = inputs.get(req.key);
      if (!snapshot) return { type: 'error', id: req.id, message: 'what-if: the plan inputs are not loaded' };
      try {
        const r = replanWhatIf(snapshot, req.whatIf, now);
        return { type: 'plan', id: req.id, view: r.view, input: r.input, ms: r.ms };
      } catch (e) {
        return { type: 'error', id: req.id, message: e instanceof Error ? e.message : String(e) };
      }
    },
  };
}

import { collectDevice, type DeviceSession, type PollTarget } from './clients/collect';
import type { CollectResult } from './clients/types';

export type PollOutcome = { target: PollTarget; result: CollectResult; durationMs: number };

export type PollOptions = {
  concurrency: number;
  timeoutMs: number;
  now: () => number;
  sessions: Map<number, DeviceSession>;
  onOutcome?: (outcome: PollOutcome) => void;
};

/**
 * The one poll loop of Switchyard: the in-process collector and the site agent both call it, so a
 * device answers the same way whoever polls it.
 *
 * Polls every target once with at most `concurrency` devices in flight. A slow or dead device
 * costs its own timeout and one slot, never the cycle: the others keep flowing.
 */
export async function pollCycle(targets: PollTarget[], opts: PollOptions): Promise<PollOutcome[]> {
  const outcomes: PollOutcome[] = new Array(targets.length);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const i = next++;
      const target = targets[i]!;
      // A changed endpoint is a different device as far as firmware detection goes.
      const endpoint = `${target.protocol}:${target.host}:${target.port}`;
      let session = opts.sessions.get(target.id);
      if (session?.endpoint !== endpoint) {
        session = { endpoint };
        opts.sessions.set(target.id, session);
      }
      const started = performance.now();
      let result: CollectResult;
      try {
        result = await collectDevice(target, session, opts.timeoutMs, opts.now());
      } catch (err) {
        result = {
          ok: false,
          error: { kind: 'network', message: err instanceof Error ? err.message : String(err) },
        };
      }
      const outcome = { target, result, durationMs: performance.now() - started };
      outcomes[i] = outcome;
      opts.onOutcome?.(outcome);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, Math.min(opts.concurrency, targets.length)) }, worker));
  return outcomes;
}

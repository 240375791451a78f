// Event-loop watch: one server process does the HTTP edge and the background jobs on one thread, so
// a job that computes for seconds without yielding stalls every request (keep-alive sockets are then
// closed under clients, SQLite waits time out). The watch measures the loop's delay for /metrics
// and logs each stall with the jobs that were running, so the culprit has a name.
import { type IntervalHistogram, monitorEventLoopDelay } from 'node:perf_hooks';
import { processGlobal } from '../process-global';

const TICK_MS = 250;
/** A timer this late means the loop did nothing else for that long. */
export const STALL_MS = 1_000;

/** What this process is doing: background jobs and API requests by name, and what ended since the last tick. */
type Activities = { running: Map<string, number>; endedAt: Set<string> };
const activities = processGlobal<Activities>('switchyardActivities');
const registry = () => activities.getOrCreate(() => ({ running: new Map(), endedAt: new Set() }));

/** Marks `name` (a job, or `GET /api/v1/…`) as running until the returned function is called. */
export function beginActivity(name: string): () => void {
  const { running, endedAt } = registry();
  running.set(name, (running.get(name) ?? 0) + 1);
  return () => {
    const left = (running.get(name) ?? 1) - 1;
    if (left > 0) running.set(name, left);
    else running.delete(name);
    if (current.get()) endedAt.add(name);
  };
}

/** Activities running now or ended since the watch's previous tick. */
function recentActivities(): string[] {
  const { running, endedAt } = registry();
  return [...new Set([...running.keys(), ...endedAt.keys()])];
}

type Watch = { histogram: IntervalHistogram; stalls: number; timer: NodeJS.Timeout };
const current = processGlobal<Watch>('switchyardLoopWatch');

export function startLoopWatch(log: (line: string) => void = console.log) {
  if (current.get()) return;
  const histogram = monitorEventLoopDelay({ resolution: 20 });
  histogram.enable();
  let last = performance.now();
  const watch: Watch = { histogram, stalls: 0, timer: undefined as unknown as NodeJS.Timeout };
  watch.timer = setInterval(() => {
    const now = performance.now();
    const lateMs = now - last - TICK_MS;
    last = now;
    if (lateMs >= STALL_MS) {
      watch.stalls++;
      // What ran at any point since the tick before the stall: the culprit is among them (a job can
      // block and then finish in the same turn, before this timer gets to run).
      const names = recentActivities();
      log(
        `[loop] event loop blocked for ${Math.round(lateMs)} ms (running: ${names.join(', ') || 'nothing tracked'})`,
      );
    }
    // Only what ends from now on can be named in the next stall.
    registry().endedAt.clear();
  }, TICK_MS);
  watch.timer.unref();
  current.set(watch);
}

export function stopLoopWatch() {
  const watch = current.get();
  if (!watch) return;
  clearInterval(watch.timer);
  watch.histogram.disable();
  current.set(undefined);
}

export type LoopStats = { p50S: number; p99S: number; maxS: number; stalls: number };

/** Delay figures since the watch started (seconds), or null when it does not run in this process. */
export function loopStats(): LoopStats | null {
  const watch = current.get();
  if (!watch) return null;
  const h = watch.histogram;
  const s = (ns: number) => (Number.isFinite(ns) ? ns / 1e9 : 0);
  return { p50S: s(h.percentile(50)), p99S: s(h.percentile(99)), maxS: s(h.max), stalls: watch.stalls };
}

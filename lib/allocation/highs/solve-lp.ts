import { Worker } from 'node:worker_threads';
import highsLoader from 'highs';
import type { LpOptions, LpSolution } from '../exact';
import { type RawLpSolution, runHighs } from './run-highs.mjs';

/**
 * HiGHS (WebAssembly) behind the LpSolver contract, for server code only (the pure engine never
 * imports this). `solve()` blocks its thread until HiGHS stops, so requests use the worker: one
 * long-lived thread keeps the compiled module warm (the first load is slow) and solves one model at
 * a time; a solve that overruns its time limit by far terminates the thread.
 */

const toSolution = (raw: RawLpSolution): LpSolution => ({ ...raw, values: new Map(raw.values) });

let inProcess: ReturnType<typeof highsLoader> | null = null;

/** Same solve on the calling thread: tests, benchmarks and scripts. */
export async function solveLpInProcess(lp: string, options: LpOptions): Promise<LpSolution> {
  inProcess ??= highsLoader();
  return toSolution(runHighs(await inProcess, lp, options));
}

type Pending = { resolve: (s: LpSolution) => void; reject: (e: Error) => void; timer: NodeJS.Timeout };
let worker: Worker | null = null;
let nextId = 1;
const pending = new Map<number, Pending>();

function failAll(error: Error) {
  for (const p of pending.values()) {
    clearTimeout(p.timer);
    p.reject(error);
  }
  pending.clear();
  worker = null;
}

function getWorker(): Worker {
  if (worker) return worker;
  const w = new Worker(new URL('./worker.mjs', import.meta.url));
  w.on('message', (msg: { id: number; result?: RawLpSolution; error?: string }) => {
    const p = pending.get(msg.id);
    if (!p) return;
    pending.delete(msg.id);
    clearTimeout(p.timer);
    if (msg.result) p.resolve(toSolution(msg.result));
    else p.reject(new Error(`HiGHS failed: ${msg.error}`));
  });
  w.on('error', (error) => failAll(error));
  w.on('exit', (code) => failAll(new Error(`HiGHS worker exited with code ${code}`)));
  // Idle worker must not keep the process alive.
  w.unref();
  worker = w;
  return w;
}

export function solveLpInWorker(lp: string, options: LpOptions): Promise<LpSolution> {
  const w = getWorker();
  const id = nextId++;
  return new Promise((resolve, reject) => {
    // HiGHS honours time_limit itself; the margin covers loading the module and reading the LP.
    const timer = setTimeout(
      () => {
        void w.terminate();
        failAll(new Error(`HiGHS worker did not answer within ${options.timeLimitS + 30} s`));
      },
      (options.timeLimitS + 30) * 1000,
    );
    pending.set(id, { resolve, reject, timer });
    w.ref();
    w.postMessage({ id, lp, options });
  }).finally(() => {
    if (pending.size === 0) worker?.unref();
  }) as Promise<LpSolution>;
}

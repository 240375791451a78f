// lib/telemetry/store.ts storeSamples in this process: the storage path the API uses (raw rows,
// latest state, rollup marks) without HTTP, JSON parsing, auth or validation. Placed between the
// raw ceiling and the HTTP figure, it shows which layer costs what.
import { closeRawConnections } from '../../lib/db/raw';
import { resetEnvCache } from '../../lib/env';
import { storeSamples } from '../../lib/telemetry/store';
import type { Budget, RawResult } from './raw-ceiling';
import type { SampleFactory } from './samples';

export async function storePathRate(
  url: string,
  factory: SampleFactory,
  budget: Budget,
  concurrency: number,
): Promise<RawResult> {
  const previous = process.env.DATABASE_URL;
  process.env.DATABASE_URL = url;
  resetEnvCache();
  try {
    let next = 0;
    let rows = 0;
    let elapsedMs = 0;
    const end = performance.now() + budget.maxMs;
    const batches = Math.ceil(budget.rows / factory.batchSize);
    const worker = async () => {
      while (next < batches && performance.now() < end) {
        const samples = factory.samples(next++);
        const t0 = performance.now();
        const { accepted } = await storeSamples(samples);
        if (concurrency === 1) elapsedMs += performance.now() - t0;
        rows += accepted;
      }
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    // With one writer only the store calls are timed; concurrent writers share the wall clock.
    if (concurrency > 1) elapsedMs = performance.now() - start;
    return { rows, elapsedMs, rowsPerS: (rows / elapsedMs) * 1000 };
  } finally {
    await closeRawConnections();
    if (previous === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = previous;
    resetEnvCache();
  }
}

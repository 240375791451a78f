// Process-local ingest counters for /metrics. Counters reset when the process restarts, which
// Prometheus' rate() handles; one slot per process because Next bundles route handlers separately.
import { processGlobal } from '../process-global';

export type IngestCounters = { batches: number; accepted: number; duplicates: number; rejected: number };

const slot = processGlobal<IngestCounters>('switchyardIngestCounters');

function counters(): IngestCounters {
  return slot.getOrCreate(() => ({ batches: 0, accepted: 0, duplicates: 0, rejected: 0 }));
}

export function countIngest(result: { accepted: number; duplicates: number; rejected: number }): void {
  const c = counters();
  c.batches += 1;
  c.accepted += result.accepted;
  c.duplicates += result.duplicates;
  c.rejected += result.rejected;
}

export function readIngestCounters(): Readonly<IngestCounters> {
  return { ...counters() };
}

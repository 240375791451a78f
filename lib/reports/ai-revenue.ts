// AI revenue per site per local day from the assignment history: job spans intersected with the
// job's running spans, rentals at the rate × utilisation (lib/workloads/accrual). Pure.
import { accrueJob, accrueRental, type TransitionPoint } from '../workloads/accrual';
import type { LocalDay } from './days';
import type { AssignmentSpan } from './load-hours';

export function aiRevenueBySiteDay(args: {
  spans: readonly AssignmentSpan[];
  siteOf: (deviceId: number) => number | undefined;
  inScope: (deviceId: number, tsMs: number) => boolean;
  daysBySite: ReadonlyMap<number, LocalDay[]>;
  transitions: ReadonlyMap<number, TransitionPoint[]>;
  nowMs: number;
}): Map<string, number> {
  const out = new Map<string, number>();
  for (const s of args.spans) {
    if (s.kind !== 'job' && s.kind !== 'rent') continue;
    const siteId = args.siteOf(s.deviceId);
    if (siteId === undefined) continue;
    for (const day of args.daysBySite.get(siteId) ?? []) {
      const from = Math.max(s.fromTs, day.startMs);
      const to = Math.min(s.toTs ?? args.nowMs, day.endMs, args.nowMs);
      if (to <= from || !args.inScope(s.deviceId, (from + to) / 2)) continue;
      const work = [
        {
          fromTs: from,
          toTs: to,
          gpus: s.gpus,
          rateUsdPerGpuHour: s.rateUsdPerGpuHour,
          utilisationPct: s.utilisationPct,
        },
      ];
      const accrual =
        s.kind === 'job'
          ? accrueJob(work, args.transitions.get(s.jobId ?? -1) ?? [], args.nowMs)
          : accrueRental(work, { fromTs: from, toTs: to }, args.nowMs);
      const key = `${siteId}|${day.date}`;
      out.set(key, (out.get(key) ?? 0) + accrual.revenueUsd);
    }
  }
  return out;
}

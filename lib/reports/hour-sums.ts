// The energy and revenue reports' input, summed in the database: device-hours of the 1h tier that
// share site, tenant, work and pool fee, added up per hour. Both reports are linear in power and
// hashrate, so a sum gives the same figures as one row per device-hour — 720 rows per group for a
// month instead of 900,000 rows for a 1,200-device fleet, which took seconds of JS and GC on the
// one thread that also serves HTTP and runs the jobs.
//
// Each device's range is cut where its tenant (device_tenant_move) or its assignment span changes;
// within a segment the device-hour attributes are those of lib/reports/load-hours.ts (read at the
// hour's middle). Segments go to the database in batches bounded by their hour count, and the event
// loop gets a turn between batches (better-sqlite3 is synchronous).
import { join, queryRows, type Sql, sql } from '../db/raw';
import { getEnv } from '../env';
import type { HourSum, Work } from './facts';
import { type AssignmentSpan, inScopeAt, loadPoolFees, workOf } from './load-hours';
import type { ReportScope } from './scope';

const HOUR_MS = 3_600_000;
const HALF_HOUR_MS = HOUR_MS / 2;
/**
 * How much one statement sums. SQLite runs it synchronously on the server's thread: ≤ 60k
 * device-hours (≈ 20–40 ms). PostgreSQL runs it elsewhere, and its plan for a month of a table laid
 * out in time order is one (parallel) scan of the tier per statement: as few statements as the
 * parameter limit allows (4 parameters per segment).
 */
const BATCH = {
  sqlite: { hours: 60_000, segments: 400 },
  postgresql: { hours: Number.POSITIVE_INFINITY, segments: 4_000 },
};

type Group = { siteId: number; tenantId: number | null; work: Work; poolFeePct: number };
/** Buckets [fromBucket, toBucket) of one device, all in group `group`. */
type Segment = { deviceId: number; fromBucket: number; toBucket: number; group: number };

const yieldToLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function segmentsOf(
  scope: ReportScope,
  fromMs: number,
  toMs: number,
  assignments: readonly AssignmentSpan[],
  poolFees: ReadonlyMap<number, number>,
): { groups: Group[]; segments: Segment[] } {
  const spans = new Map<number, AssignmentSpan[]>();
  for (const a of assignments) {
    const list = spans.get(a.deviceId);
    if (list) list.push(a);
    else spans.set(a.deviceId, [a]);
  }
  const groups: Group[] = [];
  const groupIndex = new Map<string, number>();
  const segments: Segment[] = [];
  // Hour middles lie in [fromMs + 30 min, toMs + 30 min): cut that span where anything changes.
  const end = toMs + HOUR_MS;
  for (const [deviceId, device] of scope.devices) {
    const site = scope.sites.get(device.siteId);
    if (!site) continue;
    const own = spans.get(deviceId) ?? [];
    const cuts = new Set<number>([fromMs, end]);
    for (const s of own) {
      if (s.fromTs > fromMs && s.fromTs < end) cuts.add(s.fromTs);
      if (s.toTs !== null && s.toTs > fromMs && s.toTs < end) cuts.add(s.toTs);
    }
    for (const m of scope.moves.get(deviceId) ?? [])
      if (m.movedAt > fromMs && m.movedAt < end) cuts.add(m.movedAt);
    const sorted = [...cuts].sort((a, b) => a - b);
    for (let i = 0; i + 1 < sorted.length; i++) {
      const mid = sorted[i]!;
      const fromBucket = Math.max(fromMs, mid - HALF_HOUR_MS);
      const toBucket = Math.min(toMs, sorted[i + 1]! - HALF_HOUR_MS);
      if (fromBucket >= toBucket) continue;
      const tenantId = inScopeAt(scope, deviceId, mid);
      if (tenantId === false) continue;
      const span = own.find((s) => s.fromTs <= mid && (s.toTs === null || s.toTs > mid));
      const group: Group = {
        siteId: device.siteId,
        tenantId,
        work: workOf(span?.kind),
        poolFeePct: span?.poolId != null ? (poolFees.get(span.poolId) ?? site.poolFeePct) : site.poolFeePct,
      };
      const key = `${group.siteId}|${group.tenantId}|${group.work}|${group.poolFeePct}`;
      let index = groupIndex.get(key);
      if (index === undefined) {
        index = groups.push(group) - 1;
        groupIndex.set(key, index);
      }
      const last = segments.at(-1);
      if (last && last.deviceId === deviceId && last.group === index && last.toBucket === fromBucket)
        last.toBucket = toBucket;
      else segments.push({ deviceId, fromBucket, toBucket, group: index });
    }
  }
  return { groups, segments };
}

/** One statement: the rollup rows of `batch`, summed per group and hour. */
function batchQuery(batch: readonly Segment[]): Sql {
  // CAST: PostgreSQL types a bare parameter in VALUES as text.
  const values = batch.map(
    (s) =>
      sql`(CAST(${s.deviceId} AS BIGINT), CAST(${s.fromBucket} AS BIGINT), CAST(${s.toBucket} AS BIGINT), CAST(${s.group} AS BIGINT))`,
  );
  return sql`WITH seg(device_id, lo, hi, grp) AS (VALUES ${join(values)})
    SELECT seg.grp AS grp, r.bucket AS bucket, SUM(r.power_w_x10) AS power_x10, SUM(r.hashrate_ths) AS hashrate,
      COUNT(*) AS n
    FROM seg JOIN telemetry_rollup_1h r ON r.device_id = seg.device_id AND r.bucket >= seg.lo AND r.bucket < seg.hi
    GROUP BY seg.grp, r.bucket`;
}

/** Device-hours of the scope in [fromMs, toMs), summed per site, tenant, work, pool fee and hour. */
export async function loadHourSums(
  scope: ReportScope,
  fromMs: number,
  toMs: number,
  assignments: readonly AssignmentSpan[],
): Promise<HourSum[]> {
  const { groups, segments } = segmentsOf(scope, fromMs, toMs, assignments, await loadPoolFees());
  const limit = BATCH[getEnv().db.provider];
  const sums = new Map<string, HourSum>();
  let batch: Segment[] = [];
  let batchHours = 0;
  const flush = async () => {
    if (batch.length === 0) return;
    const rows = await queryRows(batchQuery(batch));
    batch = [];
    batchHours = 0;
    for (const r of rows) {
      const group = groups[Number(r.grp)]!;
      const hourMs = Number(r.bucket);
      const key = `${r.grp}|${hourMs}`;
      let sum = sums.get(key);
      if (!sum) {
        sum = { ...group, hourMs, powerW: 0, hashrateThs: 0, deviceHours: 0 };
        sums.set(key, sum);
      }
      // Power is stored as the hour's mean in fixed point (× 10); SUM skips nulls, as itKwh counts
      // a device-hour without power as 0 kWh.
      sum.powerW! += Number(r.power_x10 ?? 0) / 10;
      sum.hashrateThs! += Number(r.hashrate ?? 0);
      sum.deviceHours += Number(r.n);
    }
    await yieldToLoop();
  };
  for (const s of segments) {
    // A long segment is split so one statement never sums much more than `limit.hours` rows.
    for (let lo = s.fromBucket; lo < s.toBucket; ) {
      const room = Math.max(HOUR_MS, (limit.hours - batchHours) * HOUR_MS);
      const hi = Math.min(s.toBucket, lo + room);
      batch.push({ ...s, fromBucket: lo, toBucket: hi });
      batchHours += Math.ceil((hi - lo) / HOUR_MS);
      lo = hi;
      if (batchHours >= limit.hours || batch.length >= limit.segments) await flush();
    }
  }
  await flush();
  return [...sums.values()];
}

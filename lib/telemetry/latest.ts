// device_latest: the newest sample per device. Maintained from raw samples by a job every few
// seconds (and by each closed 1-minute rollup, which catches samples that arrive late), never
// per ingest batch: an upsert per batch would rewrite most pages of this table every time.
import { execute, raw, type Sql, sql } from '../db/raw';
import { NUMERIC_METRICS } from './metrics';

const COLUMNS = ['device_id', 'ts', ...NUMERIC_METRICS.map((m) => m.column), 'status', 'pool_url'];
const SELECT_COLUMNS = raw(COLUMNS.map((c) => `s.${c}`).join(', '));
const UPDATE = raw(
  COLUMNS.filter((c) => c !== 'device_id')
    .map((c) => `${c} = excluded.${c}`)
    .join(', '),
);

/** Upserts the newest sample per device among samples with from ≤ ts < to, if newer than stored. */
export function latestUpsertSql(from: number, to: number): Sql {
  // `WHERE 1 = 1` before ON CONFLICT: SQLite's parser needs a WHERE in INSERT … SELECT … ON CONFLICT.
  return sql`INSERT INTO device_latest (${raw(COLUMNS.join(', '))})
    SELECT ${SELECT_COLUMNS} FROM telemetry_sample s
    JOIN (SELECT device_id, MAX(ts) AS ts FROM telemetry_sample WHERE ts >= ${from} AND ts < ${to} GROUP BY device_id) m
      ON s.ts = m.ts AND s.device_id = m.device_id
    WHERE 1 = 1
    ON CONFLICT (device_id) DO UPDATE SET ${UPDATE} WHERE excluded.ts > device_latest.ts`;
}

/** Look-back of each refresh: covers a refresh interval plus agent clock skew and slow batches. */
const LOOKBACK_MS = 2 * 60_000;
/** Agents may run slightly ahead of the server clock (ingest accepts up to 5 min). */
const AHEAD_MS = 6 * 60_000;

export async function refreshLatest(now = Date.now()): Promise<number> {
  return execute(latestUpsertSql(now - LOOKBACK_MS, now + AHEAD_MS));
}

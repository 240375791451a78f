import { execute, queryOne, type Sql, sql } from '../db/raw';
import { getEnv } from '../env';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Rows deleted per transaction, so a large purge never holds the SQLite writer for long. */
const CHUNK_MS = 10 * 60_000;

async function purgeInChunks(table: Sql, column: Sql, cutoff: number, extra: Sql = sql``): Promise<number> {
  const oldest = await queryOne<{ t: number | null }>(
    sql`SELECT MIN(${column}) AS t FROM ${table} WHERE 1 = 1 ${extra}`,
  );
  if (oldest?.t == null) return 0;
  let deleted = 0;
  for (let upTo = Number(oldest.t) + CHUNK_MS; ; upTo += CHUNK_MS) {
    const limit = Math.min(upTo, cutoff);
    deleted += await execute(sql`DELETE FROM ${table} WHERE ${column} < ${limit} ${extra}`);
    if (limit >= cutoff) break;
  }
  return deleted;
}

/**
 * Drops data past its retention: raw samples and 1-minute rollups (default 48 h), 5-minute rollups (90 d), hourly
 * rollups only when configured. Raw data is never dropped before the rollup job has folded it
 * in: the cutoff stops at the oldest bucket still marked dirty.
 */
export async function applyRetention(now = Date.now()) {
  const env = getEnv();
  const dirty = await queryOne<{ b: number | null }>(sql`SELECT MIN(bucket) AS b FROM rollup_dirty`);
  const rawCutoff = Math.min(
    now - env.RETENTION_RAW_HOURS * HOUR,
    dirty?.b == null ? Number.POSITIVE_INFINITY : Number(dirty.b),
  );
  const fiveMinCutoff = now - env.RETENTION_5M_DAYS * DAY;
  const result = {
    raw: await purgeInChunks(sql`telemetry_sample`, sql`ts`, rawCutoff),
    rollup1m: await purgeInChunks(sql`telemetry_rollup_1m`, sql`bucket`, rawCutoff),
    rollup5m: await purgeInChunks(sql`telemetry_rollup_5m`, sql`bucket`, fiveMinCutoff),
    site1m: await purgeInChunks(sql`site_rollup`, sql`bucket`, rawCutoff, sql`AND tier = '1m'`),
    site5m: await purgeInChunks(sql`site_rollup`, sql`bucket`, fiveMinCutoff, sql`AND tier = '5m'`),
    rollup1h: 0,
    statusChanges: await execute(sql`DELETE FROM device_status_change WHERE ts < ${now - 400 * DAY}`),
  };
  if (env.RETENTION_1H_DAYS) {
    const cutoff = now - env.RETENTION_1H_DAYS * DAY;
    result.rollup1h = await purgeInChunks(sql`telemetry_rollup_1h`, sql`bucket`, cutoff);
    await purgeInChunks(sql`site_rollup`, sql`bucket`, cutoff, sql`AND tier = '1h'`);
  }
  return result;
}

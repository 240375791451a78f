import { isOneOf } from '../db/dialect';
import { execute, queryOne, queryRows, raw, type Sql, sql } from '../db/raw';
import { type Env, getEnv } from '../env';
import { oneMinuteRetentionMs } from './resolution';
import { DEVICE_TABLE } from './rollups';

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
/** Rows deleted per transaction, so a large purge never holds the SQLite writer for long. */
const CHUNK_MS = 10 * 60_000;
/** Devices per DELETE on the device-first rollup tables. */
const DEVICE_CHUNK = 250;

export type TierRetentionMs = { raw: number; '1m': number; '5m': number; '1h': number };

/** How long each tier keeps rows (Infinity = forever), from the environment. */
export function tierRetentionMs(env: Env = getEnv()): TierRetentionMs {
  const rawMs = env.RETENTION_RAW_HOURS * HOUR;
  return {
    raw: rawMs,
    '1m': oneMinuteRetentionMs(rawMs),
    '5m': env.RETENTION_5M_DAYS * DAY,
    '1h': env.RETENTION_1H_DAYS ? env.RETENTION_1H_DAYS * DAY : Number.POSITIVE_INFINITY,
  };
}

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

/** Device rollup rows older than `cutoff`, reached through the (device_id, bucket) key. */
async function purgeDeviceTier(table: string, deviceIds: number[], cutoff: number): Promise<number> {
  let deleted = 0;
  for (let i = 0; i < deviceIds.length; i += DEVICE_CHUNK) {
    const ids = deviceIds.slice(i, i + DEVICE_CHUNK);
    deleted += await execute(
      sql`DELETE FROM ${raw(table)} WHERE ${isOneOf(sql`device_id`, ids)} AND bucket < ${cutoff}`,
    );
  }
  return deleted;
}

/**
 * Drops data past its retention (tierRetentionMs): raw samples (default 48 h), 1-minute rollups
 * (24 h), 5-minute rollups (90 d), hourly rollups only when configured. Raw data and 1-minute
 * rollups are never dropped before the rollup job has folded the raw samples in: the cutoff
 * stops at the oldest bucket still marked dirty.
 */
export async function applyRetention(now = Date.now()) {
  const keep = tierRetentionMs();
  const dirty = await queryOne<{ b: number | null }>(sql`SELECT MIN(bucket) AS b FROM rollup_dirty`);
  const notBefore = dirty?.b == null ? Number.POSITIVE_INFINITY : Number(dirty.b);
  const rawCutoff = Math.min(now - keep.raw, notBefore);
  const oneMinCutoff = Math.min(now - keep['1m'], notBefore);
  const fiveMinCutoff = now - keep['5m'];
  const devices = (await queryRows<{ id: number }>(sql`SELECT id FROM device ORDER BY id`)).map((r) =>
    Number(r.id),
  );
  const result = {
    raw: await purgeInChunks(sql`telemetry_sample`, sql`ts`, rawCutoff),
    rollup1m: await purgeDeviceTier(DEVICE_TABLE['1m'], devices, oneMinCutoff),
    rollup5m: await purgeDeviceTier(DEVICE_TABLE['5m'], devices, fiveMinCutoff),
    site1m: await purgeInChunks(sql`site_rollup`, sql`bucket`, oneMinCutoff, sql`AND tier = '1m'`),
    site5m: await purgeInChunks(sql`site_rollup`, sql`bucket`, fiveMinCutoff, sql`AND tier = '5m'`),
    rollup1h: 0,
    statusChanges: await execute(sql`DELETE FROM device_status_change WHERE ts < ${now - 400 * DAY}`),
  };
  if (Number.isFinite(keep['1h'])) {
    const cutoff = now - keep['1h'];
    result.rollup1h = await purgeDeviceTier(DEVICE_TABLE['1h'], devices, cutoff);
    await purgeInChunks(sql`site_rollup`, sql`bucket`, cutoff, sql`AND tier = '1h'`);
  }
  return result;
}

// collector_state in SQL: which devices are due, claiming them (so two instances never poll the
// same device in one interval), and storing each poll's outcome. Times are epoch milliseconds.
import type pg from 'pg';
import {
  execute,
  join,
  queryRows,
  type Sql,
  serializeSqliteWrite,
  sql,
  withRawTransaction,
} from '../../db/raw';
import { getEnv } from '../../env';
import type { PolledProtocol } from '../clients/collect';
import type { PollStateFields } from './schedule';

export type DueDevice = {
  deviceId: number;
  siteId: number;
  protocol: PolledProtocol;
  host: string;
  port: number;
  dueAt: number;
  intervalMs: number;
  state: PollStateFields;
};

/** Devices the collector polls: a pollable protocol and an endpoint. */
const POLLED = sql`d.protocol <> 'push' AND d.host IS NOT NULL AND d.port IS NOT NULL`;

/**
 * Gives every newly polled device a state row (first poll spread over one interval by id) and
 * drops rows of devices that are gone or no longer polled.
 */
export async function syncStates(now: number, defaultIntervalMs: number): Promise<void> {
  await execute(sql`INSERT INTO collector_state (device_id, next_poll_at, consecutive_failures)
    SELECT d.id, CAST(${now} AS BIGINT) + (d.id * 7919) % ${defaultIntervalMs}, 0 FROM device d
    WHERE ${POLLED} AND NOT EXISTS (SELECT 1 FROM collector_state c WHERE c.device_id = d.id)`);
  await execute(
    sql`DELETE FROM collector_state WHERE device_id NOT IN (SELECT d.id FROM device d WHERE ${POLLED})`,
  );
}

function runWrite<T>(fn: () => Promise<T>): Promise<T> {
  return getEnv().db.provider === 'sqlite' ? serializeSqliteWrite(fn) : fn();
}

/**
 * Claims up to `limit` due devices of `siteIds` (all sites when null): their next_poll_at moves
 * to `claimUntil`, guarded by `next_poll_at <= now`, so of two instances racing for a device
 * exactly one gets it. A claimer that dies leaves the device due again at `claimUntil`.
 */
export async function claimDue(opts: {
  now: number;
  siteIds: number[] | null;
  limit: number;
  claimUntil: number;
  instanceId: string;
  defaultIntervalMs: number;
}): Promise<DueDevice[]> {
  if (opts.siteIds?.length === 0) return [];
  const sites: Sql = opts.siteIds ? sql`AND d.site_id IN (${join(opts.siteIds)})` : sql``;
  const rows = await queryRows(sql`
    SELECT c.device_id, c.next_poll_at, c.last_poll_at, c.last_ok_at, c.last_error, c.last_error_kind,
           c.last_error_at, c.consecutive_failures, d.site_id, d.protocol, d.host, d.port,
           COALESCE(s.collector_interval_s * 1000, ${opts.defaultIntervalMs}) AS interval_ms
    FROM collector_state c JOIN device d ON d.id = c.device_id JOIN site s ON s.id = d.site_id
    WHERE c.next_poll_at <= ${opts.now} AND ${POLLED} ${sites}
    ORDER BY c.next_poll_at LIMIT ${opts.limit}`);
  if (rows.length === 0) return [];
  const ids = rows.map((r) => Number(r.device_id));
  const claimed = await runWrite(() =>
    queryRows(sql`UPDATE collector_state SET next_poll_at = ${opts.claimUntil}, polled_by = ${opts.instanceId}
      WHERE device_id IN (${join(ids)}) AND next_poll_at <= ${opts.now} RETURNING device_id`),
  );
  const won = new Set(claimed.map((r) => Number(r.device_id)));
  return rows
    .filter((r) => won.has(Number(r.device_id)))
    .map((r) => ({
      deviceId: Number(r.device_id),
      siteId: Number(r.site_id),
      protocol: r.protocol as PolledProtocol,
      host: String(r.host),
      port: Number(r.port),
      dueAt: Number(r.next_poll_at),
      intervalMs: Number(r.interval_ms),
      state: {
        nextPollAt: Number(r.next_poll_at),
        lastPollAt: numOrNull(r.last_poll_at),
        lastOkAt: numOrNull(r.last_ok_at),
        lastError: (r.last_error as string | null) ?? null,
        lastErrorKind: (r.last_error_kind as string | null) ?? null,
        lastErrorAt: numOrNull(r.last_error_at),
        consecutiveFailures: Number(r.consecutive_failures),
      },
    }));
}

function numOrNull(v: unknown): number | null {
  return v == null ? null : Number(v);
}

/** What a good poll learnt about the device itself (kept until a later poll says otherwise). */
export type DeviceFacts = { firmware?: string; bestDiffSession?: number; bestDiffAllTime?: number };

/** Stores the outcomes of one cycle in one transaction. */
export async function storeStates(
  states: { deviceId: number; state: PollStateFields; facts?: DeviceFacts }[],
): Promise<void> {
  if (states.length === 0) return;
  await withRawTransaction(async (client?: pg.PoolClient) => {
    for (const { deviceId, state: s, facts: f } of states) {
      await execute(
        sql`UPDATE collector_state SET next_poll_at = ${s.nextPollAt}, last_poll_at = ${s.lastPollAt},
          last_ok_at = ${s.lastOkAt}, last_error = ${s.lastError}, last_error_kind = ${s.lastErrorKind},
          last_error_at = ${s.lastErrorAt}, consecutive_failures = ${s.consecutiveFailures},
          firmware = COALESCE(${f?.firmware ?? null}, firmware),
          best_diff_session = COALESCE(${f?.bestDiffSession ?? null}, best_diff_session),
          best_diff_all_time = COALESCE(${f?.bestDiffAllTime ?? null}, best_diff_all_time)
          WHERE device_id = ${deviceId}`,
        client,
      );
    }
  });
}

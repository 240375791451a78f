// Raw telemetry samples as CSV, streamed from the database with keyset pagination on the primary
// key (ts, device_id): each page is one indexed range scan, however deep into the export it is (a
// row-value comparison: SQLite and PostgreSQL both seek the primary key with it, where an OR of two
// terms scans). Pages are pulled only when the client has taken the previous one (backpressure),
// each is encoded to one string (telemetry-csv.ts), and nothing holds more than two pages.
import { createHash } from 'node:crypto';
import Database from 'better-sqlite3';
import { type Actor, requireRole } from '../auth/actor';
import { isOneOf, type PG_TYPES } from '../db/dialect';
import { getPgPool, getSqlite, queryRows, raw, type Sql, sql } from '../db/raw';
import { getEnv } from '../env';
import { deviceScopeSql } from '../inventory/scope';
import type { ReportFilters } from './scope';
import {
  encodeTelemetryJoinedPage,
  encodeTelemetryPage,
  newTelemetryCsvState,
  PG_NUMBERS_SQL,
  TELEMETRY_CSV_HEADER,
} from './telemetry-csv';

export { TELEMETRY_COLUMNS } from './telemetry-csv';

type Cursor = { ts: number; deviceId: number };
type PageSource = { page: (query: Sql) => Promise<unknown[][]>; close: () => void };

/**
 * SQLite: a connection of the export's own, with a small page cache. Scanning a million rows
 * through the shared connection would fill its 64 MB cache (resident memory that stays) and evict
 * what the dashboards keep hot. Each page is its own short read, so a slow download never pins a
 * WAL snapshot (which would stop checkpoints and grow the WAL).
 */
function sqliteSource(): PageSource {
  getSqlite(); // the shared connection creates the file's WAL and shm before this one opens it
  const db = new Database(getEnv().db.filePath!, { timeout: 10_000 });
  db.pragma('query_only = ON');
  db.pragma('cache_size = -4096');
  db.pragma('busy_timeout = 10000');
  const statements = new Map<string, Database.Statement>();
  return {
    page: async (query) => {
      let statement = statements.get(query.sql);
      if (!statement) {
        statement = db.prepare(query.sql).raw(true);
        statements.set(query.sql, statement);
      }
      return statement.all(...query.values) as unknown[][];
    },
    close: () => {
      if (db.open) db.close();
    },
  };
}

/** Every column as the text PostgreSQL sent: the encoder reads what it needs (telemetry-csv.ts). */
const PG_TEXT = { getTypeParser: () => (value: string) => value } as unknown as typeof PG_TYPES;

/**
 * PostgreSQL: a named prepared statement (planned once per pooled connection), rows as arrays of
 * the wire text, so no float is parsed only to be printed again, the four numbers in one field.
 */
function pgSource(): PageSource {
  return {
    page: async (query) => {
      const name = `telemetry-csv-${createHash('sha1').update(query.text).digest('hex').slice(0, 16)}`;
      const result = await getPgPool().query({
        name,
        text: query.text,
        values: query.values,
        rowMode: 'array',
        types: PG_TEXT,
      });
      return result.rows as unknown[][];
    },
    close: () => {},
  };
}

/**
 * The devices in scope, read once when the export starts: their `device_id,serial,` prefixes, and
 * the ids the page query filters on (null: every device, no filter). Joining `device` on every page
 * instead cost more than the page scan itself on PostgreSQL (each page looked up all the fleet's
 * devices again) and a third of the SQLite page time.
 */
async function loadDevices(actor: Actor, filters: ReportFilters) {
  const site = filters.siteId === undefined ? sql`` : sql`AND d.site_id = ${filters.siteId}`;
  const tenant = filters.tenantId === undefined ? sql`` : sql`AND d.tenant_id = ${filters.tenantId}`;
  const rows = await queryRows<{ id: number; serial: string }>(
    sql`SELECT d.id, d.serial FROM device d WHERE 1 = 1 ${deviceScopeSql(actor)} ${site} ${tenant}`,
  );
  const scoped = actor.tenantId !== null || filters.siteId !== undefined || filters.tenantId !== undefined;
  return {
    serials: new Map(rows.map((r) => [Number(r.id), r.serial])),
    ids: scoped ? rows.map((r) => Number(r.id)) : null,
  };
}

/** Serials of devices that appeared after the export started (unfiltered exports only). */
async function loadSerials(ids: number[]): Promise<Map<number, string>> {
  const rows = await queryRows<{ id: number; serial: string }>(
    sql`SELECT d.id, d.serial FROM device d WHERE ${isOneOf(sql`d.id`, ids)}`,
  );
  return new Map(rows.map((r) => [Number(r.id), r.serial]));
}

export function telemetryCsvStream(
  actor: Actor,
  filters: ReportFilters,
  fromMs: number,
  toMs: number,
  pageRows = 10_000,
): ReadableStream<Uint8Array> {
  requireRole(actor, 'viewer');
  const encoder = new TextEncoder();
  const state = newTelemetryCsvState();
  let source: PageSource | null = null;
  let devices: Awaited<ReturnType<typeof loadDevices>> | null = null;
  // PostgreSQL sends the four numbers as one text field (PG_NUMBERS_SQL).
  const joined = getEnv().db.provider === 'postgresql';

  /** The page after `cursor` as CSV text, and the cursor after it (null: that was the last page). */
  const fetchPage = async (cursor: Cursor | null): Promise<{ text: string; next: Cursor | null }> => {
    devices ??= await loadDevices(actor, filters);
    source ??= getEnv().db.provider === 'sqlite' ? sqliteSource() : pgSource();
    // After the first page the cursor alone is the lower bound. With `s.ts >= from` beside it,
    // SQLite seeks to `from` and filters its way to the cursor: every page rescans all the pages
    // before it (measured: 45 ms per page 300 pages deep, 2 ms without), quadratic in the export.
    const lower = cursor
      ? sql`(s.ts, s.device_id) > (${cursor.ts}, ${cursor.deviceId})`
      : sql`s.ts >= ${fromMs}`;
    const inScope = devices.ids ? sql`AND ${isOneOf(sql`s.device_id`, devices.ids)}` : sql``;
    const columns = joined
      ? raw(PG_NUMBERS_SQL)
      : sql`s.hashrate_ths, s.power_w, s.chip_temp_c, s.gpu_util_pct`;
    const rows = await source.page(
      sql`SELECT s.ts, s.device_id, ${columns}, s.status
        FROM telemetry_sample s WHERE ${lower} AND s.ts < ${toMs} ${inScope}
        ORDER BY s.ts, s.device_id LIMIT ${pageRows}`,
    );
    const serials = devices.serials;
    const unknown = [...new Set(rows.map((r) => Number(r[1])).filter((id) => !serials.has(id)))];
    if (unknown.length) for (const [id, serial] of await loadSerials(unknown)) serials.set(id, serial);
    const last = rows.at(-1);
    const next = rows.length === pageRows && last ? { ts: Number(last[0]), deviceId: Number(last[1]) } : null;
    const encode = joined ? encodeTelemetryJoinedPage : encodeTelemetryPage;
    return { text: encode(rows, serials, state), next };
  };

  type Page = { text: string; next: Cursor | null };
  let pending: Promise<Page> | null = null;
  let started = false;
  const prefetch = (cursor: Cursor): Promise<Page> => {
    const page = fetchPage(cursor);
    // Awaited by the next pull; a failure before then must not count as an unhandled rejection.
    page.catch(() => {});
    return page;
  };
  const finish = () => {
    source?.close();
    source = null;
  };
  return new ReadableStream<Uint8Array>(
    {
      start(controller) {
        controller.enqueue(encoder.encode(TELEMETRY_CSV_HEADER));
      },
      async pull(controller) {
        try {
          const page = await (started ? pending! : fetchPage(null));
          started = true;
          // Fetch the next page while this one goes out: the database and the socket overlap
          // (on PostgreSQL; better-sqlite3 is synchronous), and at most two pages are in memory.
          pending = page.next ? prefetch(page.next) : null;
          if (page.text) controller.enqueue(encoder.encode(page.text));
          if (!pending) {
            finish();
            controller.close();
          }
        } catch (error) {
          finish();
          throw error;
        }
      },
      cancel() {
        // The client went away: drop the page in flight.
        pending = null;
        finish();
      },
    },
    { highWaterMark: 1 },
  );
}

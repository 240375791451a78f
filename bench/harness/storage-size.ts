// On-disk size per telemetry table, measured by the database itself: SQLite's dbstat virtual
// table (pages of each B-tree, indexes attributed to their table) and PostgreSQL's
// pg_total_relation_size (heap, indexes and TOAST). Both count allocated pages, so the figures
// include the free space B-tree splits leave behind, which is what a disk pays for.
import type { BenchDb } from './bench-db';

export type TableSize = { table: string; bytes: number; rows: number };

export async function tableSizes(db: BenchDb, tables: string[]): Promise<Map<string, TableSize>> {
  const out = new Map<string, TableSize>();
  for (const table of tables) {
    const [count] = await db.query<{ n: number }>(`SELECT COUNT(*) AS n FROM ${table}`);
    out.set(table, { table, bytes: 0, rows: Number(count?.n ?? 0) });
  }
  if (db.provider === 'sqlite') {
    // aggregate = TRUE: one row per B-tree instead of one per page.
    const rows = await db.query<{ tbl: string; bytes: number }>(
      `SELECT m.tbl_name AS tbl, SUM(s.pgsize) AS bytes
         FROM dbstat s JOIN sqlite_schema m ON m.name = s.name
        WHERE s.aggregate = TRUE GROUP BY m.tbl_name`,
    );
    for (const r of rows) {
      const entry = out.get(r.tbl);
      if (entry) entry.bytes = Number(r.bytes);
    }
    return out;
  }
  await db.exec('CHECKPOINT');
  for (const table of tables) {
    const [r] = await db.query<{ bytes: number }>('SELECT pg_total_relation_size(?::regclass) AS bytes', [
      table,
    ]);
    out.get(table)!.bytes = Number(r?.bytes ?? 0);
  }
  return out;
}

/** Days covered by the rows of a time-keyed table (first to last bucket, inclusive). */
export async function coveredDays(db: BenchDb, table: string, column: string, stepMs: number, where = '') {
  const [r] = await db.query<{ lo: number | null; hi: number | null }>(
    `SELECT MIN(${column}) AS lo, MAX(${column}) AS hi FROM ${table} ${where}`,
  );
  if (r?.lo == null || r.hi == null) return 0;
  return (Number(r.hi) - Number(r.lo) + stepMs) / 86_400_000;
}

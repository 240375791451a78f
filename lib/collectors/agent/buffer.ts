// The site agent's on-disk buffer: one small SQLite file (better-sqlite3, WAL, synchronous=FULL so
// every append and every acknowledgement is fsync'd before it returns). A batch leaves the file
// only once the server has committed it, so a crash or restart at any point resends at worst what
// the server already has — and the server's ingest drops those as duplicates (same device, same ts).
// Disk use is bounded by the payload bytes kept; when a new batch does not fit, the oldest batches
// are dropped and counted (the counters live in the same file, updated in the same transaction).
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type BufferStats = {
  batches: number;
  samples: number;
  bytes: number;
  /** Samples dropped because the buffer was full, since the file was created. */
  droppedSamples: number;
  droppedBatches: number;
};

export type ActionJournalEntry = {
  id: number;
  startedAt: number;
  /** null: the agent stopped while sending (the device may or may not have got it). */
  endedAt: number | null;
  outcome: unknown;
};

export type PendingBatches = { ids: number[]; samples: Record<string, unknown>[] };

export class DiskBuffer {
  private readonly db: Database.Database;
  private readonly totals = { batches: 0, samples: 0, bytes: 0 };

  private constructor(
    file: string,
    private readonly maxBytes: number,
  ) {
    if (file !== ':memory:') mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    this.db = new Database(file, { timeout: 1_000 });
    // One agent per buffer: two would each think they own the backlog. The exclusive lock is taken
    // by the first write below and held until close (the OS drops it if the process dies).
    this.db.pragma('locking_mode = EXCLUSIVE');
    try {
      this.db.pragma('journal_mode = WAL');
      this.db.exec('BEGIN IMMEDIATE; COMMIT');
    } catch (error) {
      this.db.close();
      if ((error as { code?: string }).code === 'SQLITE_BUSY')
        throw new Error(`buffer ${file} is in use by another agent (one buffer file per agent)`);
      throw error;
    }
    this.db.pragma('synchronous = FULL');
    // Keep the write-ahead log small too: it counts against the disk the operator gave us.
    this.db.pragma('wal_autocheckpoint = 256');
    this.db.pragma('journal_size_limit = 1048576');
    this.db.exec(`
      CREATE TABLE IF NOT EXISTS batch (
        id INTEGER PRIMARY KEY AUTOINCREMENT, created_at INTEGER NOT NULL,
        samples INTEGER NOT NULL, bytes INTEGER NOT NULL, body TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS meta (key TEXT PRIMARY KEY, value TEXT NOT NULL);
      CREATE TABLE IF NOT EXISTS action_journal (
        id INTEGER PRIMARY KEY, started_at INTEGER NOT NULL, ended_at INTEGER, outcome TEXT);`);
    const row = this.db
      .prepare(
        'SELECT COUNT(*) AS n, COALESCE(SUM(samples), 0) AS s, COALESCE(SUM(bytes), 0) AS b FROM batch',
      )
      .get() as { n: number; s: number; b: number };
    Object.assign(this.totals, { batches: row.n, samples: row.s, bytes: row.b });
  }

  /** Opens (or creates) the buffer file; what a previous run left unsent is still there. */
  static open(file: string, opts: { maxBytes: number }): DiskBuffer {
    if (!(opts.maxBytes > 0)) throw new Error('the buffer needs a positive size limit');
    return new DiskBuffer(file, opts.maxBytes);
  }

  /**
   * Appends one batch durably. If it does not fit, the oldest batches are dropped first (and the
   * batch itself when it alone is larger than the limit). Returns how many samples were dropped.
   */
  append(samples: Record<string, unknown>[], now = Date.now()): { droppedSamples: number } {
    if (samples.length === 0) return { droppedSamples: 0 };
    const body = JSON.stringify(samples);
    const bytes = Buffer.byteLength(body);
    return this.db.transaction(() => {
      let dropped = { samples: 0, batches: 0 };
      if (bytes > this.maxBytes) {
        dropped = { samples: samples.length, batches: 1 };
      } else {
        const oldest = this.db.prepare('SELECT id, samples, bytes FROM batch ORDER BY id').all() as {
          id: number;
          samples: number;
          bytes: number;
        }[];
        let freed = 0;
        let lastId = 0;
        for (const b of oldest) {
          if (this.totals.bytes - freed + bytes <= this.maxBytes) break;
          freed += b.bytes;
          dropped.samples += b.samples;
          dropped.batches += 1;
          lastId = b.id;
        }
        if (lastId > 0) this.db.prepare('DELETE FROM batch WHERE id <= ?').run(lastId);
        this.db
          .prepare('INSERT INTO batch (created_at, samples, bytes, body) VALUES (?, ?, ?, ?)')
          .run(now, samples.length, bytes, body);
        this.totals.batches += 1 - dropped.batches;
        this.totals.samples += samples.length - dropped.samples;
        this.totals.bytes += bytes - freed;
      }
      if (dropped.samples > 0) {
        this.addCounter('dropped_samples', dropped.samples);
        this.addCounter('dropped_batches', dropped.batches);
      }
      return { droppedSamples: dropped.samples };
    })();
  }

  /** The oldest batches, as many as fit in `maxSamples` (at least one), without removing them. */
  peek(maxSamples: number): PendingBatches {
    const ids: number[] = [];
    const samples: Record<string, unknown>[] = [];
    const rows = this.db.prepare('SELECT id, samples, body FROM batch ORDER BY id').iterate() as Iterable<{
      id: number;
      samples: number;
      body: string;
    }>;
    for (const row of rows) {
      if (ids.length > 0 && samples.length + row.samples > maxSamples) break;
      ids.push(row.id);
      for (const s of JSON.parse(row.body) as Record<string, unknown>[]) samples.push(s);
    }
    return { ids, samples };
  }

  /** Removes batches the server has committed. Returns how many samples they held. */
  ack(ids: number[]): number {
    if (ids.length === 0) return 0;
    return this.db.transaction(() => {
      let samples = 0;
      const get = this.db.prepare('SELECT samples, bytes FROM batch WHERE id = ?');
      const del = this.db.prepare('DELETE FROM batch WHERE id = ?');
      for (const id of ids) {
        const row = get.get(id) as { samples: number; bytes: number } | undefined;
        if (!row) continue;
        del.run(id);
        samples += row.samples;
        this.totals.batches -= 1;
        this.totals.samples -= row.samples;
        this.totals.bytes -= row.bytes;
      }
      return samples;
    })();
  }

  stats(): BufferStats {
    return {
      ...this.totals,
      droppedSamples: Number(this.getMeta('dropped_samples') ?? 0),
      droppedBatches: Number(this.getMeta('dropped_batches') ?? 0),
    };
  }

  getMeta(key: string): string | null {
    const row = this.db.prepare('SELECT value FROM meta WHERE key = ?').get(key) as
      | { value: string }
      | undefined;
    return row?.value ?? null;
  }

  setMeta(key: string, value: string): void {
    this.db
      .prepare(
        'INSERT INTO meta (key, value) VALUES (?, ?) ON CONFLICT (key) DO UPDATE SET value = excluded.value',
      )
      .run(key, value);
  }

  /**
   * The remote-action journal: an action is written here (fsync'd) before the agent sends it, and
   * its outcome after, so a restart never sends an action twice and an outcome the server did not
   * take yet survives until it does. `undefined`: never started here.
   */
  actionEntry(id: number): ActionJournalEntry | undefined {
    const row = this.db.prepare('SELECT * FROM action_journal WHERE id = ?').get(id) as
      | { id: number; started_at: number; ended_at: number | null; outcome: string | null }
      | undefined;
    if (!row) return undefined;
    return {
      id: row.id,
      startedAt: row.started_at,
      endedAt: row.ended_at,
      outcome: row.outcome === null ? null : (JSON.parse(row.outcome) as unknown),
    };
  }

  startAction(id: number, now: number): void {
    this.db.prepare('INSERT OR IGNORE INTO action_journal (id, started_at) VALUES (?, ?)').run(id, now);
  }

  endAction(id: number, outcome: unknown, now: number): void {
    this.db
      .prepare('UPDATE action_journal SET ended_at = ?, outcome = ? WHERE id = ?')
      .run(now, JSON.stringify(outcome), id);
  }

  /** Every action started here whose outcome the server has not taken (ended or not). */
  unreportedActions(): ActionJournalEntry[] {
    const rows = this.db.prepare('SELECT id FROM action_journal ORDER BY id').all() as { id: number }[];
    return rows.map((r) => this.actionEntry(r.id)!);
  }

  forgetActions(ids: number[]): void {
    const del = this.db.prepare('DELETE FROM action_journal WHERE id = ?');
    this.db.transaction(() => {
      for (const id of ids) del.run(id);
    })();
  }

  private addCounter(key: string, n: number): void {
    this.setMeta(key, String(Number(this.getMeta(key) ?? 0) + n));
  }

  close(): void {
    this.db.close();
  }
}

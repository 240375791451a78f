// SQLite ingest on a worker thread. better-sqlite3 is synchronous: on the main thread every
// INSERT and every commit fsync stops HTTP parsing, JSON and validation, so the server tops out
// at one core (bench:ingest measured HTTP at 0.4 of the raw insert ceiling). The worker owns a
// second connection to the same file and runs each batch as one transaction; a batch arrives as
// flat rows (sample-rows.ts: one Float64Array, a cheap copy instead of a structured clone of
// 1,000 objects). Batches that arrive while the thread commits go into the next transaction together
// (group commit: one fsync for several batches). A batch's promise resolves after the COMMIT
// that holds it (synchronous=FULL), so 2xx still means durable. The thread writes only while it
// holds the process's raw write lock, so jobs on the main connection (rollups, latest state)
// queue in order instead of retrying on SQLite's busy handler, which sleeps up to 100 ms.
import { Worker } from 'node:worker_threads';
import type { SampleRows, SampleRowsData } from './sample-rows';

export type WriterStatements = {
  filePath: string;
  /** INSERT of one raw sample with `stride` placeholders. */
  insertSql: string;
  /** INSERT of one (tier, bucket) rollup mark. */
  markSql: string;
  stride: number;
};

// Plain JavaScript, run with `eval`: a file path would not survive Next's server bundling.
// `require` resolves from the working directory (the app root, where node_modules is).
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData.filePath, { timeout: 10000 });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 10000');
db.pragma('cache_size = -65536');
const insert = db.prepare(workerData.insertSql);
const mark = db.prepare(workerData.markSql);
const stride = workerData.stride;
const row = new Array(stride);
function insertPart(values, count, strings, oneMinuteFrom, oneMinute, fiveMinute) {
  let accepted = 0;
  for (let i = 0; i < count; i++) {
    const base = i * stride;
    for (let c = 0; c < stride - 2; c++) {
      const v = values[base + c];
      row[c] = v === v ? v : null;
    }
    const status = values[base + stride - 2];
    const pool = values[base + stride - 1];
    row[stride - 2] = status === status ? strings[status] : null;
    row[stride - 1] = pool === pool ? strings[pool] : null;
    accepted += insert.run(row).changes;
    const ts = row[1];
    if (ts >= oneMinuteFrom) oneMinute.add(ts - (((ts % 60000) + 60000) % 60000));
    fiveMinute.add(ts - (((ts % 300000) + 300000) % 300000));
  }
  return accepted;
}
// Several batches, one transaction: one commit (fsync) for all of them.
const run = db.transaction((parts, oneMinuteFrom) => {
  const oneMinute = new Set();
  const fiveMinute = new Set();
  const accepted = parts.map((p) =>
    insertPart(new Float64Array(p.buffer), p.count, p.strings, oneMinuteFrom, oneMinute, fiveMinute),
  );
  // Re-marking a bucket for a duplicate only costs a recompute: no need to filter them out.
  if (accepted.some((n) => n > 0)) {
    for (const b of oneMinute) mark.run('1m', b);
    for (const b of fiveMinute) mark.run('5m', b);
  }
  return accepted;
});
parentPort.on('message', (m) => {
  try {
    parentPort.postMessage({ id: m.id, accepted: run.immediate(m.parts, m.oneMinuteFrom) });
  } catch (error) {
    parentPort.postMessage({ id: m.id, error: { message: String(error && error.message), code: error && error.code } });
  }
});
`;

type Part = SampleRowsData;
type Queued = {
  part: Part;
  oneMinuteFrom: number;
  resolve: (accepted: number) => void;
  reject: (error: Error) => void;
};
type Reply = { id: number; accepted?: number[]; error?: { message: string; code?: string } };

/** A group commit holds at most this many rows (bounds one transaction's time and memory). */
const MAX_GROUP_ROWS = 20_000;
/** A writing session yields the write lock after this many commits, so queued jobs get a turn. */
const MAX_SESSION_COMMITS = 8;

export class SqliteWriter {
  private readonly worker: Worker;
  private readonly replies = new Map<number, (reply: Reply) => void>();
  private queue: Queued[] = [];
  private session: Promise<void> | undefined;
  private nextId = 0;
  private failure: Error | undefined;

  /**
   * `lock` runs a function while no other raw SQLite write runs in this process (lib/db/raw.ts
   * serializeSqliteWrite): batches then never wait on SQLite's busy handler, which sleeps.
   */
  constructor(
    private readonly statements: WriterStatements,
    private readonly lock: (fn: () => Promise<void>) => Promise<void>,
  ) {
    this.worker = new Worker(WORKER_SOURCE, { eval: true, workerData: statements });
    // Idle, the worker must not keep a script (backfill, tests) alive; busy, it must.
    this.worker.unref();
    this.worker.on('message', (reply: Reply) => {
      const settle = this.replies.get(reply.id);
      this.replies.delete(reply.id);
      settle?.(reply);
    });
    this.worker.on('error', (error) => this.fail(error));
    this.worker.on('exit', (code) => this.fail(new Error(`SQLite writer thread exited (code ${code})`)));
  }

  get filePath() {
    return this.statements.filePath;
  }

  get broken() {
    return this.failure !== undefined;
  }

  /**
   * Stores the batch; resolves with the rows inserted once the transaction holding it has
   * committed. Batches that arrive while the thread commits share the next transaction.
   */
  store(rows: SampleRows, oneMinuteFrom: number): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    const part = rows.data();
    return new Promise<number>((resolve, reject) => {
      this.queue.push({ part, oneMinuteFrom, resolve, reject });
      this.startSession();
    });
  }

  private startSession() {
    if (this.session || this.queue.length === 0) return;
    this.session = this.lock(() => this.drain()).finally(() => {
      this.session = undefined;
      // Batches left when the session yielded queue up again, behind the jobs that waited.
      this.startSession();
    });
  }

  private async drain() {
    for (let commits = 0; this.queue.length && commits < MAX_SESSION_COMMITS; commits++) {
      const group: Queued[] = [];
      let rows = 0;
      while (
        this.queue.length &&
        (group.length === 0 || rows + this.queue[0]!.part.count <= MAX_GROUP_ROWS)
      ) {
        const next = this.queue.shift()!;
        rows += next.part.count;
        group.push(next);
      }
      await this.commit(group);
    }
  }

  private async commit(group: Queued[]) {
    const reply = await this.send(
      group.map((q) => q.part),
      group[group.length - 1]!.oneMinuteFrom,
    );
    if (!reply.error) {
      for (const [i, q] of group.entries()) q.resolve(reply.accepted![i]!);
      return;
    }
    if (group.length === 1) {
      const error = new Error(reply.error.message) as Error & { code?: string };
      error.code = reply.error.code;
      group[0]!.reject(error);
      return;
    }
    // The whole group rolled back: commit its batches one by one so one bad batch fails alone.
    for (const q of group) await this.commit([q]);
  }

  private send(parts: Part[], oneMinuteFrom: number): Promise<Reply> {
    if (this.failure) return Promise.resolve({ id: -1, error: { message: this.failure.message } });
    const id = this.nextId++;
    return new Promise<Reply>((resolve) => {
      this.replies.set(id, (reply) => {
        if (this.replies.size === 0) this.worker.unref();
        resolve(reply);
      });
      if (this.replies.size === 1) this.worker.ref();
      // Copied, not transferred (~0.1 ms per 1,000 samples): a failed group is retried per batch.
      this.worker.postMessage({ id, parts, oneMinuteFrom });
    });
  }

  private fail(error: Error) {
    this.failure ??= error;
    for (const settle of this.replies.values()) settle({ id: -1, error: { message: error.message } });
    this.replies.clear();
    for (const q of this.queue.splice(0)) q.reject(error);
  }

  async close() {
    this.failure ??= new Error('SQLite writer closed');
    await this.worker.terminate();
  }
}

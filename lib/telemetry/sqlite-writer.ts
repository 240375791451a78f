// SQLite ingest on a worker thread. better-sqlite3 is synchronous: on the main thread every
// INSERT and every commit fsync stops HTTP parsing, JSON and validation, so the server tops out
// at one core (bench:ingest measured HTTP at 0.4 of the raw insert ceiling). The worker owns a
// second connection to the same file. A batch arrives as flat rows (sample-rows.ts: one
// Float64Array, transferred, not copied) and is posted the moment it is validated; the worker
// takes every batch waiting on its port into one transaction (group commit: one fsync for
// several batches) and starts the next one without a round trip through the event loop, which is
// busy with HTTP and JSON. A batch's promise resolves after the COMMIT that holds it
// (synchronous=FULL), so 2xx still means durable. The thread writes only inside a writing session
// that holds the process's raw write lock, so jobs on the main connection (rollups, latest state)
// queue in order instead of retrying on SQLite's busy handler, which sleeps up to 100 ms. Jobs
// whose set-based SQL takes long (rollups recompute thousands of rows per bucket) send their
// statements here too (`execute`), so that work does not stall the event loop either.
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

/** A transaction takes waiting batches until it holds this many rows (bounds its time and memory). */
const MAX_GROUP_ROWS = 20_000;
/** A writing session stops posting after this long and yields the write lock, so queued jobs get a turn. */
const MAX_SESSION_MS = 100;

// Plain JavaScript, run with `eval`: a file path would not survive Next's server bundling.
// `require` resolves from the working directory (the app root, where node_modules is).
const WORKER_SOURCE = `
const { parentPort, receiveMessageOnPort, workerData } = require('node:worker_threads');
const Database = require('better-sqlite3');
const db = new Database(workerData.filePath, { timeout: 10000 });
db.pragma('journal_mode = WAL');
db.pragma('synchronous = FULL');
db.pragma('busy_timeout = 10000');
db.pragma('cache_size = -65536');
const insert = db.prepare(workerData.insertSql);
const mark = db.prepare(workerData.markSql);
const { stride, maxGroupRows } = workerData;
const row = new Array(stride);
const bucketOf = (ts, width) => ts - (((ts % width) + width) % width);
function insertPart(part, oneMinute, fiveMinute) {
  const values = new Float64Array(part.buffer);
  const { count, strings, oneMinuteFrom } = part;
  let accepted = 0;
  let lastBucket = Number.NaN;
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
    // A batch is mostly one scrape round, a minute or two: the Sets see a row only when its
    // minute differs from the row before (a 5-minute bucket changes only with its minute). A
    // minute that reaches into the 1-minute tier's retention is marked whole.
    const minute = bucketOf(row[1], 60000);
    if (minute === lastBucket) continue;
    lastBucket = minute;
    if (minute + 60000 > oneMinuteFrom) oneMinute.add(minute);
    fiveMinute.add(bucketOf(minute, 300000));
  }
  return accepted;
}
// Several batches, one transaction: one commit (fsync) for all of them.
const run = db.transaction((parts) => {
  const oneMinute = new Set();
  const fiveMinute = new Set();
  const accepted = parts.map((part) => insertPart(part, oneMinute, fiveMinute));
  // Re-marking a bucket for a duplicate only costs a recompute: no need to filter them out.
  if (accepted.some((n) => n > 0)) {
    for (const b of oneMinute) mark.run('1m', b);
    for (const b of fiveMinute) mark.run('5m', b);
  }
  return accepted;
});
function commit(parts) {
  try {
    const accepted = run.immediate(parts);
    return parts.map((part, i) => ({ id: part.id, accepted: accepted[i] }));
  } catch (error) {
    if (parts.length === 1)
      return [{ id: parts[0].id, error: { message: String(error && error.message), code: error && error.code } }];
    // The whole group rolled back: each batch in its own transaction, so a bad one fails alone.
    return parts.flatMap((part) => commit([part]));
  }
}
// Statements of a job (rollups), run here so their synchronous work stays off the event loop.
const statements = new Map();
function prepared(text) {
  let statement = statements.get(text);
  if (!statement) {
    if (statements.size > 200) statements.clear();
    statement = db.prepare(text);
    statements.set(text, statement);
  }
  return statement;
}
const runStatements = db.transaction((list) => list.map(([text, values]) => prepared(text).run(...values).changes));
function execute(message) {
  try {
    return { id: message.id, changes: runStatements.immediate(message.statements) };
  } catch (error) {
    return { id: message.id, error: { message: String(error && error.message), code: error && error.code } };
  }
}
parentPort.on('message', (first) => {
  if (first.statements) return parentPort.postMessage([execute(first)]);
  const parts = [first];
  let job;
  // Batches posted while the last transaction ran join this one; a job's statements (posted
  // only between writing sessions, so never expected here) run after them.
  for (let rows = first.count; rows < maxGroupRows && !job; ) {
    const next = receiveMessageOnPort(parentPort);
    if (next === undefined) break;
    if (next.message.statements) job = next.message;
    else {
      parts.push(next.message);
      rows += next.message.count;
    }
  }
  const outcomes = commit(parts);
  parentPort.postMessage(job ? [...outcomes, execute(job)] : outcomes);
});
`;

type Batch = SampleRowsData & { id: number; oneMinuteFrom: number };
type Queued = {
  batch: Omit<Batch, 'id'>;
  resolve: (accepted: number) => void;
  reject: (error: Error) => void;
};
type Outcome = {
  id: number;
  accepted?: number;
  changes?: number[];
  error?: { message: string; code?: string };
};
/** One statement for the thread: SQLite text with `?` placeholders and its bound values. */
export type WriterStatement = { sql: string; values: unknown[] };
type Executing = {
  resolve: (changes: number[]) => void;
  reject: (error: Error) => void;
  release: () => void;
};

function toError(outcome: { message: string; code?: string }) {
  const error = new Error(outcome.message) as Error & { code?: string };
  error.code = outcome.code;
  return error;
}

export class SqliteWriter {
  private readonly worker: Worker;
  /** Stored, not yet posted: no writing session holds the lock (or the session has run its time). */
  private waiting: Queued[] = [];
  /** Posted to the thread, waiting for the commit that holds them. */
  private readonly posted = new Map<number, Queued>();
  /** Statement lists posted to the thread; each holds the write lock until it settles. */
  private readonly executing = new Map<number, Executing>();
  private session: { release: () => void; startedAt: number } | undefined;
  private acquiring = false;
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
    this.worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { ...statements, maxGroupRows: MAX_GROUP_ROWS },
    });
    // Idle, the worker must not keep a script (backfill, tests) alive; busy, it must.
    this.worker.unref();
    this.worker.on('message', (outcomes: Outcome[]) => this.settle(outcomes));
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
   * committed. The rows' buffer moves to the writer thread: `rows` is empty afterwards.
   */
  store(rows: SampleRows, oneMinuteFrom: number): Promise<number> {
    if (this.failure) return Promise.reject(this.failure);
    const batch = { ...rows.data(), oneMinuteFrom };
    return new Promise<number>((resolve, reject) => {
      this.waiting.push({ batch, resolve, reject });
      this.pump();
    });
  }

  /**
   * Runs the statements in one transaction on the writer thread, holding the process's write
   * lock meanwhile; resolves with each statement's changed-row count after COMMIT, or rejects
   * (everything rolled back). For jobs whose set-based SQL would stall the event loop.
   */
  execute(statements: readonly WriterStatement[]): Promise<number[]> {
    if (this.failure) return Promise.reject(this.failure);
    const list = statements.map((s) => [s.sql, s.values]);
    return new Promise<number[]>((resolve, reject) => {
      void this.lock(
        () =>
          new Promise<void>((release) => {
            if (this.failure) {
              release();
              return reject(this.failure);
            }
            const id = this.nextId++;
            this.executing.set(id, { resolve, reject, release });
            this.worker.ref();
            this.worker.postMessage({ id, statements: list });
          }),
      ).catch(reject);
    });
  }

  private pump() {
    if (this.failure || this.waiting.length === 0) return;
    if (this.session) {
      if (performance.now() - this.session.startedAt < MAX_SESSION_MS) this.postWaiting();
      return;
    }
    if (this.acquiring) return;
    this.acquiring = true;
    void this.lock(
      () =>
        new Promise<void>((release) => {
          this.acquiring = false;
          this.session = { release, startedAt: performance.now() };
          this.postWaiting();
        }),
    ).finally(() => {
      // Batches that arrived after the session's time queue up again, behind the jobs that waited.
      this.pump();
    });
  }

  private postWaiting() {
    if (this.failure) return this.endSession();
    if (this.posted.size === 0 && this.waiting.length) this.worker.ref();
    for (const queued of this.waiting.splice(0)) {
      const id = this.nextId++;
      this.posted.set(id, queued);
      this.worker.postMessage({ ...queued.batch, id }, [queued.batch.buffer]);
    }
    if (this.posted.size === 0) this.endSession();
  }

  private settle(outcomes: Outcome[]) {
    for (const outcome of outcomes) {
      const job = this.executing.get(outcome.id);
      if (job) {
        this.executing.delete(outcome.id);
        this.unrefWhenIdle();
        job.release();
        if (outcome.error) job.reject(toError(outcome.error));
        else job.resolve(outcome.changes!);
        continue;
      }
      const queued = this.posted.get(outcome.id);
      this.posted.delete(outcome.id);
      if (!queued) continue;
      if (outcome.error) queued.reject(toError(outcome.error));
      else queued.resolve(outcome.accepted!);
    }
    // The thread is idle once nothing is posted: the session ends (and the lock goes) then.
    if (this.posted.size === 0 && this.session) {
      this.unrefWhenIdle();
      this.endSession();
    }
  }

  /** Idle, the worker must not keep a script (backfill, tests) alive. */
  private unrefWhenIdle() {
    if (this.posted.size === 0 && this.executing.size === 0) this.worker.unref();
  }

  private endSession() {
    const session = this.session;
    this.session = undefined;
    session?.release();
  }

  private fail(error: Error) {
    this.failure ??= error;
    for (const queued of this.posted.values()) queued.reject(error);
    this.posted.clear();
    for (const job of this.executing.values()) {
      job.release();
      job.reject(error);
    }
    this.executing.clear();
    for (const queued of this.waiting.splice(0)) queued.reject(error);
    this.endSession();
  }

  async close() {
    this.failure ??= new Error('SQLite writer closed');
    await this.worker.terminate();
  }
}

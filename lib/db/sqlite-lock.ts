// One write lock per process for SQLite's main-thread connections. The raw connection
// (lib/db/raw.ts) and Prisma's adapter connection are two connections to one file: when one holds a
// write transaction across an await and the other writes, SQLite's busy handler waits *synchronously*
// (busy_timeout, 10 s) on the one thread the holder needs to finish: the whole server stalls for the
// timeout and the write fails (seen as a 10 s event-loop stall and "Operation has timed out" from
// prisma.simDeviceControl.upsert). Queuing every main-thread write and transaction here makes them
// wait on a promise instead, so the holder finishes first. The ingest writer's own thread is outside
// this lock: waiting for it synchronously is short and always ends.
import type {
  SqlDriverAdapter,
  SqlMigrationAwareDriverAdapterFactory,
  SqlQuery,
  Transaction,
} from '@prisma/driver-adapter-utils';
import { processGlobal } from '../process-global';

/** How long a single ORM write waits for the lock before it fails (as SQLite's busy timeout did). */
export const SQLITE_LOCK_WAIT_MS = 10_000;

type LockState = { tail: Promise<void>; held: number };
// On globalThis: Next bundles route handlers and instrumentation separately, and both bundles use
// the same connections (processGlobal), so they must share the lock too.
const state = processGlobal<LockState>('switchyardSqliteWriteLock');
const lockState = () => state.getOrCreate(() => ({ tail: Promise.resolve(), held: 0 }));

export class SqliteLockTimeout extends Error {
  constructor(waitMs: number) {
    super(`SQLite write lock not acquired within ${waitMs} ms (another write transaction held it)`);
    this.name = 'SqliteLockTimeout';
  }
}

/**
 * Waits for the lock (first come, first served) and returns its release function (idempotent).
 * With `waitMs`, gives up after that long with SqliteLockTimeout; its place in the queue is then
 * passed on untouched.
 */
export function acquireSqliteWriteLock(waitMs = Number.POSITIVE_INFINITY): Promise<() => void> {
  const s = lockState();
  let open!: () => void;
  const mine = new Promise<void>((resolve) => {
    open = resolve;
  });
  const before = s.tail;
  s.tail = before.then(() => mine);
  let released = false;
  const release = () => {
    if (released) return;
    released = true;
    s.held--;
    open();
  };
  return new Promise((resolve, reject) => {
    let timedOut = false;
    const timer = Number.isFinite(waitMs)
      ? setTimeout(() => {
          timedOut = true;
          reject(new SqliteLockTimeout(waitMs));
        }, waitMs)
      : undefined;
    void before.then(() => {
      clearTimeout(timer);
      s.held++;
      if (timedOut) release();
      else resolve(release);
    });
  });
}

/** Whether some main-thread write or transaction holds the lock right now (for tests). */
export function sqliteWriteLockHeld(): boolean {
  return lockState().held > 0;
}

const isRead = (sql: string) => /^\s*(SELECT|EXPLAIN)\b/i.test(sql);

/**
 * Prisma's better-sqlite3 adapter with its writes and transactions under the process write lock.
 * Statements inside an open ORM transaction run on that transaction's connection and lock already.
 */
export function lockedSqliteAdapter(
  factory: SqlMigrationAwareDriverAdapterFactory,
): SqlMigrationAwareDriverAdapterFactory {
  const wrap = (adapter: SqlDriverAdapter): SqlDriverAdapter => {
    let openTransactions = 0;
    const locked = async <T>(query: SqlQuery, run: () => Promise<T>): Promise<T> => {
      if (openTransactions > 0 || isRead(query.sql)) return run();
      const release = await acquireSqliteWriteLock(SQLITE_LOCK_WAIT_MS);
      try {
        return await run();
      } finally {
        release();
      }
    };
    return new Proxy(adapter, {
      get(target, prop, receiver) {
        if (prop === 'queryRaw') return (query: SqlQuery) => locked(query, () => target.queryRaw(query));
        if (prop === 'executeRaw') return (query: SqlQuery) => locked(query, () => target.executeRaw(query));
        if (prop === 'startTransaction')
          return async (isolationLevel?: Parameters<SqlDriverAdapter['startTransaction']>[0]) => {
            // No wait limit here: Prisma's own maxWait gives up on a slow start and rolls back the
            // transaction once it has started, which releases the lock.
            const release = await acquireSqliteWriteLock();
            let tx: Transaction;
            try {
              tx = await target.startTransaction(isolationLevel);
            } catch (error) {
              release();
              throw error;
            }
            openTransactions++;
            let ended = false;
            const end = () => {
              if (ended) return;
              ended = true;
              openTransactions--;
              release();
            };
            return new Proxy(tx, {
              get(t, p, r) {
                if (p === 'commit') return () => t.commit().finally(end);
                if (p === 'rollback') return () => t.rollback().finally(end);
                const value = Reflect.get(t, p, r);
                return typeof value === 'function' ? value.bind(t) : value;
              },
            });
          };
        const value = Reflect.get(target, prop, receiver);
        return typeof value === 'function' ? value.bind(target) : value;
      },
    });
  };
  return new Proxy(factory, {
    get(target, prop, receiver) {
      if (prop === 'connect') return async () => wrap(await target.connect());
      if (prop === 'connectToShadowDb') return async () => wrap(await target.connectToShadowDb());
      const value = Reflect.get(target, prop, receiver);
      return typeof value === 'function' ? value.bind(target) : value;
    },
  });
}

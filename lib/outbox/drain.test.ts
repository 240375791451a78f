import { describe, expect, it } from 'vitest';
import { drainOutbox, type OutboxStore, type Outcome } from './drain';
import { DeliveryError } from './post';

type Row = { id: number; attempts: number; dest: string };

function memoryStore(rows: Row[], failing: Set<string>, gone = new Set<string>(), ordered = true) {
  const sent: number[] = [];
  const log: { id: number; attempt: number; statusCode: number | null; error: string | null }[] = [];
  const settled = new Map<number, Outcome>();
  const store: OutboxStore<Row> = {
    due: async (_now, limit) => rows.slice(0, limit),
    send: async (row) => {
      if (failing.has(row.dest)) throw new DeliveryError('receiver answered HTTP 503', 503);
      sent.push(row.id);
      return 200;
    },
    logAttempt: async (row, r) => {
      log.push({ id: row.id, attempt: r.attempt, statusCode: r.statusCode, error: r.error });
    },
    settle: async (row, outcome) => {
      settled.set(row.id, outcome);
    },
    orphaned: (row) => gone.has(row.dest),
    ...(ordered ? { group: (row: Row) => row.dest } : {}),
  };
  return { store, sent, log, settled };
}

describe('drainOutbox', () => {
  const rows: Row[] = [
    { id: 1, attempts: 0, dest: 'a' },
    { id: 2, attempts: 2, dest: 'b' },
    { id: 3, attempts: 0, dest: 'a' },
    { id: 4, attempts: 0, dest: 'b' },
    { id: 5, attempts: 0, dest: 'gone' },
  ];

  it('delivers, retries with back-off, parks orphans and holds a failed group back in order', async () => {
    const now = 1_000_000;
    const m = memoryStore(rows, new Set(['b']), new Set(['gone']));
    expect(await drainOutbox(m.store, now)).toEqual({ attempted: 4, delivered: 2, failed: 2 });
    expect(m.sent).toEqual([1, 3]);
    // Row 4 waits behind row 2 (same group): not attempted in this pass.
    expect(m.log.map((l) => l.id)).toEqual([1, 2, 3, 5]);
    expect(m.log[1]).toEqual({ id: 2, attempt: 3, statusCode: 503, error: 'receiver answered HTTP 503' });
    expect(m.settled.get(2)).toEqual({
      kind: 'retry',
      attempt: 3,
      error: 'receiver answered HTTP 503',
      retryAt: now + 20_000,
    });
    expect(m.settled.get(5)).toMatchObject({ kind: 'orphaned', attempt: 1 });
    expect(m.settled.has(4)).toBe(false);
    expect(m.settled.get(1)).toEqual({ kind: 'delivered', attempt: 1 });
  });

  it('an unordered store tries every due row', async () => {
    const m = memoryStore(rows, new Set(['b']), new Set(['gone']), false);
    expect(await drainOutbox(m.store, 0)).toEqual({ attempted: 5, delivered: 2, failed: 3 });
    expect(m.settled.get(4)).toMatchObject({ kind: 'retry', attempt: 1, retryAt: 5_000 });
  });

  it('reads at most the batch limit', async () => {
    const m = memoryStore(rows, new Set());
    expect(await drainOutbox(m.store, 0, 2)).toMatchObject({ attempted: 2 });
  });
});

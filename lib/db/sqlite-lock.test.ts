import { describe, expect, it } from 'vitest';
import { acquireSqliteWriteLock, SqliteLockTimeout, sqliteWriteLockHeld } from './sqlite-lock';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

describe('SQLite write lock', () => {
  it('hands the lock over first come, first served', async () => {
    const order: string[] = [];
    const first = await acquireSqliteWriteLock();
    const second = acquireSqliteWriteLock().then((release) => {
      order.push('second');
      return release;
    });
    const third = acquireSqliteWriteLock().then((release) => {
      order.push('third');
      release();
    });
    await sleep(20);
    expect(order).toEqual([]);
    expect(sqliteWriteLockHeld()).toBe(true);
    first();
    first(); // releasing twice is harmless
    (await second)();
    await third;
    expect(order).toEqual(['second', 'third']);
    expect(sqliteWriteLockHeld()).toBe(false);
  });

  it('a waiter that gives up passes its turn on', async () => {
    const holder = await acquireSqliteWriteLock();
    const impatient = acquireSqliteWriteLock(30);
    const patient = acquireSqliteWriteLock();
    await expect(impatient).rejects.toBeInstanceOf(SqliteLockTimeout);
    holder();
    const release = await patient;
    expect(sqliteWriteLockHeld()).toBe(true);
    release();
    expect(sqliteWriteLockHeld()).toBe(false);
  });
});

// Gzip bodies are inflated off the event loop and cut off at the limit. "Responsive" is checked by
// counting event-loop turns while the bomb is handled (a synchronous inflate allows none in between),
// not by timing, so the test holds on a loaded machine.
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as deviceImport from '@/app/api/v1/devices/import/route';
import * as telemetry from '@/app/api/v1/telemetry/route';
import { getDb } from '@/lib/db/client';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, type TestDb } from '../helpers/test-db';

/** Runs `work` while counting how often a setImmediate chain got a turn of the event loop. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ result: T; turns: number }> {
  let turns = 0;
  let running = true;
  const spin = () => {
    if (!running) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  const result = await work();
  running = false;
  return { result, turns };
}

// 600 MiB of zeros deflate to ≈ 600 KB; the ingest limit is 32 MiB inflated.
const BOMB = gzipSync(Buffer.alloc(600 * 1024 * 1024));

describe('gzip request bodies', () => {
  let db: TestDb;
  let operator: string;
  let admin: string;
  let deviceId: number;

  beforeAll(async () => {
    db = await createTestDb('sqlite');
    operator = await tokenFor('operator');
    admin = await tokenFor('admin');
    deviceId = (await createSmallFleet(1, 'Gzip')).devices[0]?.id ?? 0;
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('refuses a telemetry gzip bomb with 413 while the event loop keeps turning', async () => {
    const { result, turns } = await turnsDuring(() =>
      call(telemetry.POST, {
        method: 'POST',
        token: operator,
        rawBody: BOMB,
        contentType: 'application/json',
        headers: { 'content-encoding': 'gzip' },
      }),
    );
    expect(result.status, JSON.stringify(result.json)).toBe(413);
    expect(result.json.error.code).toBe('payload_too_large');
    // Inflating 32 MiB in stream chunks of ≤ 64 KiB yields between chunks hundreds of times.
    expect(turns).toBeGreaterThan(100);
  });

  it('still ingests a gzip batch and a gzip CSV through the same reader', async () => {
    const body = gzipSync(JSON.stringify({ samples: [{ deviceId, ts: Date.now() - 1000, powerW: 3000 }] }));
    const res = await call(telemetry.POST, {
      method: 'POST',
      token: operator,
      rawBody: body,
      contentType: 'application/json',
      headers: { 'content-encoding': 'gzip' },
    });
    expect(res.status, JSON.stringify(res.json)).toBe(200);
    expect(res.json.accepted).toBe(1);

    const csv = gzipSync('name,serial,site,model\ngz-1,GZ-1,Gzip,Bitmain Antminer S21\n');
    const imported = await call(deviceImport.POST, {
      method: 'POST',
      token: admin,
      rawBody: csv,
      contentType: 'text/csv',
      headers: { 'content-encoding': 'gzip' },
    });
    expect(imported.status, JSON.stringify(imported.json)).toBe(201);
    expect(await getDb().device.count({ where: { serial: 'GZ-1' } })).toBe(1);
  });

  it('refuses a CSV gzip bomb with 413 and imports nothing', async () => {
    const before = await getDb().device.count();
    const res = await call(deviceImport.POST, {
      method: 'POST',
      token: admin,
      rawBody: BOMB,
      contentType: 'text/csv',
      headers: { 'content-encoding': 'gzip' },
    });
    expect(res.status).toBe(413);
    expect(await getDb().device.count()).toBe(before);
  });
});

// Bulk paths with selections far past SQLite's historical 999-parameter limit (and PostgreSQL's
// 65,535 per statement): 5,000 device ids through a bulk action, its progress, "refresh now",
// the agent and server executors' claims, and a bulk pool assignment — on both databases.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { claimAgentActions } from '@/lib/actions/agent-exchange';
import { runActionsTick } from '@/lib/actions/executor';
import { refreshNow } from '@/lib/actions/refresh';
import { getBatchProgress, requestBulkAction } from '@/lib/actions/requests';
import { type Actor, SYSTEM_ACTOR } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { queryRows, sql } from '@/lib/db/raw';
import { resetEnvCache } from '@/lib/env';
import { assignWorkload } from '@/lib/workloads/assignments';
import { createPool, listPools } from '@/lib/workloads/pools';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const COUNT = 5_000;

describe.each(TEST_PROVIDERS)('bulk selections of 5,000 devices on %s', (provider) => {
  let db: TestDb;
  let ids: number[];
  let siteId: number;
  const saved = process.env.SWITCHYARD_SIMULATOR;

  beforeAll(async () => {
    process.env.SWITCHYARD_SIMULATOR = 'off';
    resetEnvCache();
    db = await createTestDb(provider);
    const fleet = await createSmallFleet(1, `Large site ${provider}`);
    siteId = fleet.site.id;
    const modelId = fleet.devices[0]!.modelId;
    const rows = Array.from({ length: COUNT }, (_, i) => ({
      name: `big-${i}`,
      serial: `BIG-${provider}-${i}`,
      siteId,
      modelId,
      status: 'online' as const,
      // Unreachable on purpose: a send fails fast (nothing listens on port 9 of loopback).
      protocol: 'cgminer' as const,
      host: '127.0.0.1',
      port: 9,
    }));
    for (let i = 0; i < rows.length; i += 1_000)
      await getDb().device.createMany({ data: rows.slice(i, i + 1_000) });
    ids = (
      await getDb().device.findMany({ where: { siteId, name: { startsWith: 'big-' } }, select: { id: true } })
    ).map((d) => d.id);
    expect(ids).toHaveLength(COUNT);
  }, 120_000);
  afterAll(async () => {
    await db.cleanup();
    process.env.SWITCHYARD_SIMULATOR = saved;
    resetEnvCache();
  });

  it('requests a bulk action on 5,000 named devices and reads its progress', async () => {
    const now = Date.now();
    const res = await requestBulkAction(
      SYSTEM_ACTOR,
      { action: 'reboot', deviceIds: ids, expectedCount: COUNT, batchSize: 1_000, intervalS: 3_600 },
      now,
    );
    expect(res.total).toBe(COUNT);
    const stored = await queryRows(
      sql`SELECT COUNT(DISTINCT device_id) AS n FROM device_action WHERE batch_id = ${res.batchId}`,
    );
    expect(Number(stored[0]!.n)).toBe(COUNT);
    expect(await getBatchProgress(SYSTEM_ACTOR, res.batchId)).toMatchObject({
      total: COUNT,
      done: 0,
      counts: { pending: COUNT },
    });
    // An unknown id among the 5,000 is named, not silently dropped.
    await expect(
      requestBulkAction(
        SYSTEM_ACTOR,
        { action: 'reboot', deviceIds: [...ids.slice(1), 999_999_999], batchSize: 50, intervalS: 30 },
        now,
      ),
    ).rejects.toThrow(/999999999/);

    // The first wave (1,000 due now) is claimed in pieces by the agent exchange and the executor.
    const claimed = await claimAgentActions(SYSTEM_ACTOR, siteId, { agent: 'big', limit: 500 }, now);
    expect(claimed.actions).toHaveLength(500);
    const tick = await runActionsTick(now, {
      instanceId: 'big-server',
      limit: 500,
      concurrency: 64,
      sendTimeoutMs: 1_000,
    });
    expect(tick.sent + tick.failed + tick.refused).toBe(500);
  }, 120_000);

  it('schedules "refresh now" for 5,000 devices', async () => {
    const now = Date.now();
    await getDb().collectorState.createMany({
      data: ids.map((id) => ({ deviceId: id, nextPollAt: BigInt(now + 60_000), consecutiveFailures: 0 })),
    });
    expect(await refreshNow(SYSTEM_ACTOR, ids, now)).toEqual({ scheduled: COUNT, notPolled: [] });
    const due = await queryRows(sql`SELECT COUNT(*) AS n FROM collector_state WHERE next_poll_at <= ${now}`);
    expect(Number(due[0]!.n)).toBe(COUNT);
  }, 120_000);

  it('assigns a hosting client’s pool to its 5,000 named devices and counts them on the pool', async () => {
    const tenant = await getDb().tenant.create({ data: { name: `Big tenant ${provider}` } });
    await getDb().device.updateMany({
      where: { id: { gte: Math.min(...ids) }, siteId },
      data: { tenantId: tenant.id },
    });
    const client: Actor = {
      kind: 'token',
      id: null,
      name: 'big-client',
      role: 'operator',
      tenantId: tenant.id,
    };
    const pool = await createPool(client, {
      name: 'big pool',
      urls: ['stratum+tcp://big-pool.example:3333'],
      workerTemplate: 'acct.{serial}',
      feePct: 2,
      payoutScheme: 'fpps',
    });
    const res = await assignWorkload(
      client,
      { deviceIds: ids, workload: { kind: 'pool', poolId: pool.id } },
      Date.now(),
    );
    expect(res.assigned).toBe(COUNT);
    const rows = await queryRows(sql`SELECT COUNT(*) AS n FROM device_workload WHERE pool_id = ${pool.id}`);
    expect(Number(rows[0]!.n)).toBe(COUNT);
    const [view] = (await listPools(client)).filter((p) => p.id === pool.id);
    expect(view!.deviceCount).toBe(COUNT);
  }, 600_000);
});

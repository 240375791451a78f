// Alert retention on SQLite and PostgreSQL: resolved alerts past RETENTION_ALERTS_DAYS go with
// their devices, timeline and notifications; open alerts and recent ones stay, whatever their age.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { applyAlertRetention } from '@/lib/alerts/retention';
import { getDb } from '@/lib/db/client';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const DAY = 86_400_000;

describe.each(TEST_PROVIDERS)('alert retention on %s', (provider) => {
  let db: TestDb;
  const now = Date.UTC(2026, 11, 1);

  beforeAll(async () => {
    db = await createTestDb(provider);
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('drops old resolved alerts and what hangs off them, keeps open and recent ones', async () => {
    const prisma = getDb();
    const fleet = await createSmallFleet(1, 'Retention Site');
    const deviceId = fleet.devices[0]!.id;
    const rule = await prisma.alertRule.findFirst();
    const ruleId =
      rule?.id ??
      (
        await prisma.alertRule.create({
          data: {
            name: 'r',
            metric: 'chipTempC',
            op: '>',
            threshold: '90',
            forS: 0,
            severity: 'warning',
            createdAt: BigInt(now),
            updatedAt: BigInt(now),
          },
        })
      ).id;
    const target = await prisma.notificationTarget.create({
      data: { name: 'hook', kind: 'webhook', address: 'http://127.0.0.1:9/hook', createdAt: BigInt(now) },
    });
    async function alert(status: string, firedDaysAgo: number, resolvedDaysAgo: number | null) {
      const a = await prisma.alert.create({
        data: {
          ruleId,
          groupKey: `g${Math.random()}`,
          status,
          severity: 'warning',
          firedAt: BigInt(now - firedDaysAgo * DAY),
          resolvedAt: resolvedDaysAgo === null ? null : BigInt(now - resolvedDaysAgo * DAY),
        },
      });
      await prisma.alertDevice.create({
        data: {
          alertId: a.id,
          deviceId,
          subjectKey: `d:${deviceId}`,
          firedAt: BigInt(now - firedDaysAgo * DAY),
        },
      });
      await prisma.alertEvent.create({
        data: { alertId: a.id, ts: BigInt(now - firedDaysAgo * DAY), kind: 'fired' },
      });
      const outbox = await prisma.notificationOutbox.create({
        data: {
          targetId: target.id,
          alertId: a.id,
          event: 'fired',
          payload: '{}',
          status: 'delivered',
          nextAttemptAt: BigInt(now),
          createdAt: BigInt(now - firedDaysAgo * DAY),
        },
      });
      await prisma.notificationDelivery.create({
        data: { outboxId: outbox.id, attempt: 1, ts: BigInt(now), target: 'hook', durationMs: 3 },
      });
      return a.id;
    }
    const oldResolved = await alert('resolved', 500, 450);
    const oldFiring = await alert('firing', 500, null);
    const oldAcked = await alert('acknowledged', 500, null);
    const recentResolved = await alert('resolved', 500, 10);

    expect(await applyAlertRetention(400, now)).toEqual({ alerts: 1, notifications: 1 });

    const left = (await prisma.alert.findMany({ orderBy: { id: 'asc' } })).map((a) => a.id);
    expect(left).toEqual(expect.arrayContaining([oldFiring, oldAcked, recentResolved]));
    expect(left).not.toContain(oldResolved);
    expect(await prisma.alertDevice.count({ where: { alertId: oldResolved } })).toBe(0);
    expect(await prisma.alertEvent.count({ where: { alertId: oldResolved } })).toBe(0);
    expect(await prisma.notificationOutbox.count({ where: { alertId: oldResolved } })).toBe(0);
    expect(await prisma.notificationDelivery.count()).toBe(3);
    for (const id of [oldFiring, oldAcked, recentResolved]) {
      expect(await prisma.alertEvent.count({ where: { alertId: id } })).toBe(1);
    }
    // A second run finds nothing more to do.
    expect(await applyAlertRetention(400, now)).toEqual({ alerts: 0, notifications: 0 });
  });
});

// The summed device-hours (hour-sums.ts) against the per-device-hour rows (load-hours.ts) they
// replace for energy and revenue: tenant moves and assignment spans off the hour and mid-range,
// pool fees per span, null power and hashrate, a tenant scope and a range that is not hour-aligned.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { execute, sql } from '@/lib/db/raw';
import { createSmallFleet } from '@/tests/helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '@/tests/helpers/test-db';
import type { DeviceHour, HourSum } from './facts';
import { loadHourSums } from './hour-sums';
import { loadAssignments, loadDeviceHours } from './load-hours';
import { loadScope } from './scope';

const H = 3_600_000;
const START = Date.parse('2024-05-01T00:00:00Z');
const HOURS = 72;

/** Deterministic pseudo-random numbers (mulberry32), so a failure can be replayed. */
function rng(seed: number) {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

type Key = string;
const keyOf = (h: Omit<HourSum, 'deviceHours' | 'powerW' | 'hashrateThs'>): Key =>
  `${h.siteId}|${h.hourMs}|${h.tenantId}|${h.work}|${h.poolFeePct}`;

function sumDeviceHours(hours: readonly DeviceHour[]) {
  const out = new Map<Key, { powerW: number; hashrateThs: number; deviceHours: number }>();
  for (const h of hours) {
    const acc = out.get(keyOf(h)) ?? { powerW: 0, hashrateThs: 0, deviceHours: 0 };
    acc.powerW += h.powerW ?? 0;
    acc.hashrateThs += h.hashrateThs ?? 0;
    acc.deviceHours += 1;
    out.set(keyOf(h), acc);
  }
  return out;
}

describe.each(TEST_PROVIDERS)('hour sums (%s)', (provider) => {
  let db: TestDb;
  let tenants: number[];

  beforeAll(async () => {
    db = await createTestDb(provider);
    const fleet = await createSmallFleet(8, 'Sums');
    const prisma = getDb();
    tenants = [
      (await prisma.tenant.create({ data: { name: 'S1' } })).id,
      (await prisma.tenant.create({ data: { name: 'S2' } })).id,
    ];
    const pools = [
      (
        await prisma.poolProfile.create({
          data: { name: 'P1', urls: '[]', workerTemplate: 'w', feePct: 1.5, payoutScheme: 'fpps' },
        })
      ).id,
      (
        await prisma.poolProfile.create({
          data: { name: 'P2', urls: '[]', workerTemplate: 'w', feePct: 3, payoutScheme: 'fpps' },
        })
      ).id,
    ];
    const random = rng(11);
    const ids = (await prisma.device.findMany({ select: { id: true } })).map((d) => d.id);
    expect(ids.length).toBeGreaterThan(fleet.devices.length - 1);
    const kinds = ['pool', 'job', 'rent', 'curtail', 'idle'] as const;
    for (const [n, deviceId] of ids.entries()) {
      // Device 0 keeps one tenant and no spans; the others move and change work at odd instants.
      if (n > 0) {
        let holder: number | null = null;
        for (let m = 0; m < 1 + (n % 3); m++) {
          const to: number | null = random() < 0.3 ? null : tenants[Math.floor(random() * 2)]!;
          await prisma.deviceTenantMove.create({
            data: {
              deviceId,
              fromTenantId: holder,
              toTenantId: to,
              movedAt: BigInt(START - 2 * H + Math.floor(random() * (HOURS + 4) * H)),
              actorName: 'test',
            },
          });
          holder = to;
        }
        await prisma.device.update({ where: { id: deviceId }, data: { tenantId: holder } });
        let t = START - Math.floor(random() * 5 * H);
        while (t < START + HOURS * H) {
          const length = Math.floor(random() * 30 * H) + 60_000;
          const kind = kinds[Math.floor(random() * kinds.length)]!;
          const open = t + length >= START + HOURS * H && random() < 0.5;
          await prisma.assignment.create({
            data: {
              deviceId,
              kind,
              poolId: kind === 'pool' && random() < 0.7 ? pools[Math.floor(random() * 2)]! : null,
              fromTs: BigInt(t),
              toTs: open ? null : BigInt(t + length),
              source: 'manual',
              actorKind: 'system',
              actorName: 'test',
            },
          });
          t += length;
        }
      }
      for (let i = -2; i < HOURS + 2; i++) {
        if (random() < 0.05) continue;
        const power = random() < 0.05 ? null : Math.round(random() * 35_000);
        const hashrate = random() < 0.05 ? null : Math.round(random() * 20_000) / 100;
        await execute(
          sql`INSERT INTO telemetry_rollup_1h (device_id, bucket, samples, power_w_x10, hashrate_ths)
            VALUES (${deviceId}, ${START + i * H}, 12, ${power}, ${hashrate})`,
        );
      }
    }
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it.each([
    ['the fleet, hour-aligned', undefined, START, START + HOURS * H],
    ['the fleet, off the hour', undefined, START + 17 * 60_000, START + (HOURS - 3) * H + 41 * 60_000],
    ['one tenant', 0, START + H, START + (HOURS - 1) * H],
  ] as const)('equal the per-device-hour rows: %s', async (_label, tenant, fromMs, toMs) => {
    const scope = await loadScope(SYSTEM_ACTOR, {
      tenantId: tenant === undefined ? undefined : tenants[tenant],
    });
    const assignments = await loadAssignments(scope, fromMs, toMs);
    const expected = sumDeviceHours(await loadDeviceHours(scope, fromMs, toMs, assignments));
    const sums = await loadHourSums(scope, fromMs, toMs, assignments);
    expect(expected.size).toBeGreaterThan(40);
    expect(new Set(sums.map((s) => keyOf(s))).size).toBe(sums.length);
    expect(sums.length).toBe(expected.size);
    for (const s of sums) {
      const e = expected.get(keyOf(s));
      expect(e, keyOf(s)).toBeDefined();
      expect(s.deviceHours).toBe(e!.deviceHours);
      expect(s.powerW).toBeCloseTo(e!.powerW, 6);
      expect(s.hashrateThs).toBeCloseTo(e!.hashrateThs, 6);
    }
  });
});

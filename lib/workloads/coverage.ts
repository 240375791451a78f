// Expected pool per device (its own pool assignment, else its rack's coverage, else its site's)
// and the devices mining somewhere they should not.
import type { Actor } from '../auth/actor';
import { requireRole } from '../auth/actor';
import { getDb } from '../db/client';
import type { PoolProfile } from '../db/generated/sqlite/client';
import { sql } from '../db/raw';
import { type DeviceFacts, expectedWorkerName, loadDeviceFacts } from './candidates';
import { poolUrlMatches } from './pool-match';

type Pool = Omit<PoolProfile, 'urls'> & { urls: string[] };
export type Expected = { pool: Pool; via: 'device' | 'rack' | 'site'; mismatch: boolean };

export async function expectedPools(devices: DeviceFacts[]): Promise<Map<number, Expected>> {
  const db = getDb();
  const [pools, coverage] = await Promise.all([db.poolProfile.findMany(), db.poolCoverage.findMany()]);
  const byId = new Map(pools.map((p) => [p.id, { ...p, urls: JSON.parse(p.urls) as string[] }]));
  const rackPool = new Map(coverage.filter((c) => c.scope === 'rack').map((c) => [c.scopeId, c.poolId]));
  const sitePool = new Map(coverage.filter((c) => c.scope === 'site').map((c) => [c.scopeId, c.poolId]));
  const out = new Map<number, Expected>();
  for (const d of devices) {
    if (d.class === 'gpu') continue;
    // A device on other work (curtailed, rented, maintenance) has no pool to be on right now.
    if (d.workloadKind !== null && d.workloadKind !== 'pool' && d.workloadKind !== 'idle') continue;
    const own = d.workloadKind === 'pool' && d.poolId !== null ? d.poolId : undefined;
    const rack = d.rackId === null ? undefined : rackPool.get(d.rackId);
    const [poolId, via] =
      own !== undefined
        ? [own, 'device' as const]
        : rack !== undefined
          ? [rack, 'rack' as const]
          : [sitePool.get(d.siteId), 'site' as const];
    const pool = poolId === undefined ? undefined : byId.get(poolId);
    if (!pool) continue;
    out.set(d.id, {
      pool,
      via,
      mismatch: d.reportedPoolUrl !== null && !poolUrlMatches(d.reportedPoolUrl, pool.urls),
    });
  }
  return out;
}

export type PoolMismatch = {
  deviceId: number;
  deviceName: string;
  siteId: number;
  siteName: string;
  reportedPoolUrl: string;
  expectedPoolId: number;
  expectedPoolName: string;
  expectedUrls: string[];
  expectedWorkerName: string;
};

export async function listPoolMismatches(actor: Actor): Promise<PoolMismatch[]> {
  requireRole(actor, 'viewer');
  const devices = await loadDeviceFacts(actor, sql`AND m.class <> 'gpu'`);
  const expected = await expectedPools(devices);
  const out: PoolMismatch[] = [];
  for (const d of devices) {
    const e = expected.get(d.id);
    if (!e?.mismatch || !d.reportedPoolUrl) continue;
    out.push({
      deviceId: d.id,
      deviceName: d.name,
      siteId: d.siteId,
      siteName: d.siteName,
      reportedPoolUrl: d.reportedPoolUrl,
      expectedPoolId: e.pool.id,
      expectedPoolName: e.pool.name,
      expectedUrls: e.pool.urls,
      expectedWorkerName: expectedWorkerName(e.pool.workerTemplate, d),
    });
  }
  return out;
}

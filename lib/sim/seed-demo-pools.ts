// The demo fleet's pools: an FPPS pool per region with failover URLs for the two industrial sites,
// a solo pool for the garage's micro-miners, and a pool of each hosting client's own for the racks
// it rents (hosted machines mine to their owner's account). Every miner starts on its pool from the
// beginning of the simulated history, so plans, apply and the economics see a fleet that mines.
// Hosts are under the reserved `.example` TLD (RFC 2606): a demo can never point a real miner at a
// real pool under a made-up worker name.
import type { Db } from '../db/client';
import type { Prisma } from '../db/generated/sqlite/client';

type Tx = Db | Prisma.TransactionClient;

/** How far back the demo's miners have been on their pools: the simulated history's length (lib/sim/backfill). */
export const DEMO_POOL_HISTORY_MS = 7 * 86_400_000;

type DemoPool = {
  name: string;
  urls: string[];
  workerTemplate: string;
  feePct: number;
  payoutScheme: 'fpps' | 'solo';
};

/** Site key → the pool the site's miners mine on (fees match the sites' default pool fee). */
export const DEMO_SITE_POOLS: Record<string, DemoPool> = {
  permian: {
    name: 'FPPS pool — North America',
    urls: [
      'stratum+tcp://us-central.fpps-pool.example:3333',
      'stratum+tcp://us-east.fpps-pool.example:3333',
      'stratum+ssl://us-central.fpps-pool.example:443',
    ],
    workerTemplate: 'switchyard.{site}-{rack}-{slot}',
    feePct: 2,
    payoutScheme: 'fpps',
  },
  trollhattan: {
    name: 'FPPS pool — Europe',
    urls: [
      'stratum+tcp://eu-north.fpps-pool.example:3333',
      'stratum+tcp://eu-central.fpps-pool.example:3333',
      'stratum+ssl://eu-north.fpps-pool.example:443',
    ],
    workerTemplate: 'switchyard.{site}-{rack}-{slot}',
    feePct: 2,
    payoutScheme: 'fpps',
  },
  garage: {
    name: 'Solo pool — micro-miners',
    urls: [
      'stratum+tcp://solo.public-pool.example:21496',
      'stratum+tcp://solo-backup.public-pool.example:21496',
    ],
    workerTemplate: '{name}',
    feePct: 0,
    payoutScheme: 'solo',
  },
};

const tenantPool = (tenantName: string): DemoPool => ({
  name: `${tenantName} — own FPPS account`,
  urls: ['stratum+tcp://us-central.fpps-pool.example:3333', 'stratum+tcp://us-east.fpps-pool.example:3333'],
  workerTemplate: `${tenantName.split(' ')[0]!.toLowerCase()}.{serial}`,
  feePct: 2,
  payoutScheme: 'fpps',
});

const CHUNK = 500;

/**
 * Creates the pools and their coverage (site, and rack for racks a hosting client rents) and puts
 * every ASIC and micro-miner on its pool: an assignment row from `now − DEMO_POOL_HISTORY_MS` and the
 * device's current workload. Runs inside the demo seed's transaction, after the devices.
 */
export async function seedDemoPools(tx: Tx, siteIds: Map<string, number>, now: number): Promise<number> {
  const since = now - DEMO_POOL_HISTORY_MS;
  const poolBySite = new Map<number, number>();
  let created = 0;
  for (const [siteKey, spec] of Object.entries(DEMO_SITE_POOLS)) {
    const siteId = siteIds.get(siteKey);
    if (siteId === undefined) continue;
    const pool = await tx.poolProfile.create({
      data: { ...spec, urls: JSON.stringify(spec.urls) },
      select: { id: true },
    });
    created++;
    poolBySite.set(siteId, pool.id);
    await tx.poolCoverage.create({
      data: {
        poolId: pool.id,
        scope: 'site',
        scopeId: siteId,
        actorName: 'demo seed',
        createdAt: BigInt(since),
      },
    });
  }

  const miners = await tx.device.findMany({
    where: { model: { class: { in: ['asic', 'micro'] } } },
    select: { id: true, siteId: true, rackId: true, tenantId: true, tenant: { select: { name: true } } },
    orderBy: { id: 'asc' },
  });
  // A hosting client's racks mine on the client's own pool.
  const poolByTenant = new Map<number, number>();
  const poolByRack = new Map<number, number>();
  for (const d of miners) {
    if (d.tenantId === null || d.rackId === null || poolByRack.has(d.rackId)) continue;
    if (!poolByTenant.has(d.tenantId)) {
      const spec = tenantPool(d.tenant!.name);
      const pool = await tx.poolProfile.create({
        data: { ...spec, urls: JSON.stringify(spec.urls), tenantId: d.tenantId },
        select: { id: true },
      });
      created++;
      poolByTenant.set(d.tenantId, pool.id);
    }
    const poolId = poolByTenant.get(d.tenantId)!;
    poolByRack.set(d.rackId, poolId);
    await tx.poolCoverage.create({
      data: { poolId, scope: 'rack', scopeId: d.rackId, actorName: 'demo seed', createdAt: BigInt(since) },
    });
  }

  const poolOf = (d: (typeof miners)[number]) =>
    (d.rackId !== null ? poolByRack.get(d.rackId) : undefined) ?? poolBySite.get(d.siteId);
  const placed = miners.filter((d) => poolOf(d) !== undefined);
  for (let i = 0; i < placed.length; i += CHUNK) {
    await tx.assignment.createMany({
      data: placed.slice(i, i + CHUNK).map((d) => ({
        deviceId: d.id,
        kind: 'pool' as const,
        poolId: poolOf(d)!,
        fromTs: BigInt(since),
        source: 'manual' as const,
        actorKind: 'system',
        actorName: 'demo seed',
        reason: 'demo fleet: initial pool',
      })),
    });
  }
  const rows = await tx.assignment.findMany({
    where: { toTs: null, kind: 'pool', actorName: 'demo seed' },
    select: { id: true, deviceId: true, poolId: true },
  });
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.deviceWorkload.createMany({
      data: rows.slice(i, i + CHUNK).map((a) => ({
        deviceId: a.deviceId,
        assignmentId: a.id,
        kind: 'pool' as const,
        poolId: a.poolId,
        version: 0,
        sinceTs: BigInt(since),
      })),
    });
  }
  return created;
}

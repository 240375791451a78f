import type { Db } from '../db/client';
import type { Prisma } from '../db/generated/sqlite/client';
import { conflict } from '../errors';
import { DEVICE_MODELS, modelKey } from '../inventory/catalogue';
import { buildDemoFleet } from './demo-fleet';
import { seedDemoPools } from './seed-demo-pools';

type Tx = Db | Prisma.TransactionClient;

export type DemoSeedCounts = {
  deviceModels: number;
  tenants: number;
  sites: number;
  racks: number;
  devices: number;
  pools: number;
};

const DEVICE_CHUNK = 500;

/**
 * Upserts the built-in catalogue by vendor + model. Safe to run on every start: existing rows get
 * the current figures, devices keep their model ids.
 */
export async function seedDeviceModels(db: Tx): Promise<number> {
  return (await upsertDeviceModels(db)).size;
}

async function upsertDeviceModels(db: Tx): Promise<Map<string, number>> {
  const ids = new Map<string, number>();
  for (const spec of DEVICE_MODELS) {
    const data = {
      class: spec.class,
      nominalHashrateThs: spec.nominalHashrateThs,
      nominalPowerW: spec.nominalPowerW,
      maxTempC: spec.maxTempC,
      gpuCount: spec.gpuCount,
      gpuMemoryGb: spec.gpuMemoryGb,
      gpuModel: spec.gpuModel,
      powerProfiles: spec.powerProfiles ? JSON.stringify(spec.powerProfiles) : null,
      specsEstimated: spec.specsEstimated,
      source: spec.source,
    };
    const row = await db.deviceModel.upsert({
      where: { vendor_model: { vendor: spec.vendor, model: spec.model } },
      create: { vendor: spec.vendor, model: spec.model, ...data },
      update: data,
      select: { id: true },
    });
    ids.set(modelKey(spec), row.id);
  }
  return ids;
}

/**
 * Writes the demo fleet for `seed` in one transaction. Refuses (409) when any site exists, so it
 * can never duplicate or mix into an operator's real inventory.
 */
export async function seedDemoFleet(
  db: Db,
  seed: number,
  onDevices?: (written: number, total: number) => void,
  now: number = Date.now(),
): Promise<DemoSeedCounts> {
  const fleet = buildDemoFleet(seed);
  return db.$transaction(
    async (tx) => {
      const existing = await tx.site.count();
      if (existing > 0) {
        throw conflict(`Refusing to seed the demo fleet: the database already has ${existing} site(s)`);
      }
      const modelIds = await upsertDeviceModels(tx);

      const tenantIds = new Map<string, number>();
      for (const tenant of fleet.tenants) {
        const row = await tx.tenant.upsert({
          where: { name: tenant.name },
          create: { name: tenant.name },
          update: {},
          select: { id: true },
        });
        tenantIds.set(tenant.key, row.id);
      }

      await tx.site.createMany({ data: fleet.sites.map(({ key: _key, ...site }) => site) });
      const siteRows = await tx.site.findMany({ select: { id: true, name: true } });
      const siteIdByName = new Map(siteRows.map((s) => [s.name, s.id]));
      const siteIds = new Map(fleet.sites.map((s) => [s.key, required(siteIdByName.get(s.name), s.key)]));

      await tx.rack.createMany({
        data: fleet.racks.map((r) => ({
          siteId: required(siteIds.get(r.siteKey), r.siteKey),
          name: r.name,
          rows: r.rows,
          columns: r.columns,
        })),
      });
      const rackRows = await tx.rack.findMany({ select: { id: true, siteId: true, name: true } });
      const rackIdBySiteName = new Map(rackRows.map((r) => [`${r.siteId}/${r.name}`, r.id]));
      const rackIds = new Map(
        fleet.racks.map((r) => [
          r.key,
          required(rackIdBySiteName.get(`${siteIds.get(r.siteKey)}/${r.name}`), r.key),
        ]),
      );

      const devices = fleet.devices.map((d) => ({
        name: d.name,
        serial: d.serial,
        macAddress: d.macAddress,
        siteId: required(siteIds.get(d.siteKey), d.siteKey),
        modelId: required(modelIds.get(d.modelKey), d.modelKey),
        rackId: required(rackIds.get(d.rackKey), d.rackKey),
        slotRow: d.slotRow,
        slotColumn: d.slotColumn,
        protocol: d.protocol,
        host: d.host,
        port: d.port,
        tenantId: d.tenantKey ? required(tenantIds.get(d.tenantKey), d.tenantKey) : null,
      }));
      for (let i = 0; i < devices.length; i += DEVICE_CHUNK) {
        await tx.device.createMany({ data: devices.slice(i, i + DEVICE_CHUNK) });
        onDevices?.(Math.min(devices.length, i + DEVICE_CHUNK), devices.length);
      }
      const pools = await seedDemoPools(tx, siteIds, now);

      return {
        deviceModels: modelIds.size,
        tenants: tenantIds.size,
        sites: fleet.sites.length,
        racks: fleet.racks.length,
        devices: devices.length,
        pools,
      };
    },
    { timeout: 120_000, maxWait: 30_000 },
  );
}

function required<T>(value: T | undefined, key: string): T {
  if (value === undefined) throw new Error(`Demo fleet references unknown key "${key}"`);
  return value;
}

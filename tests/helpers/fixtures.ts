import { getDb } from '../../lib/db/client';

/** A small inventory for telemetry tests: one site, one rack, `count` S21-class ASICs and one GPU node. */
export async function createSmallFleet(count = 10, name = 'Fixture Site') {
  const db = getDb();
  const site = await db.site.create({
    data: { name, timezone: 'UTC', powerCapacityKw: 500, contractKind: 'fixed', fixedPriceUsdPerMwh: 40 },
  });
  const rack = await db.rack.create({ data: { siteId: site.id, name: 'R1', rows: 4, columns: 20 } });
  const asic = await db.deviceModel.upsert({
    where: { vendor_model: { vendor: 'Bitmain', model: 'Antminer S21' } },
    create: {
      vendor: 'Bitmain',
      model: 'Antminer S21',
      class: 'asic',
      nominalHashrateThs: 200,
      nominalPowerW: 3500,
      maxTempC: 90,
    },
    update: {},
  });
  const gpu = await db.deviceModel.upsert({
    where: { vendor_model: { vendor: 'NVIDIA', model: 'HGX H100 8-GPU' } },
    create: {
      vendor: 'NVIDIA',
      model: 'HGX H100 8-GPU',
      class: 'gpu',
      nominalPowerW: 10_200,
      maxTempC: 88,
      gpuCount: 8,
      gpuMemoryGb: 80,
    },
    update: {},
  });
  const devices = [];
  for (let i = 0; i < count; i++) {
    devices.push(
      await db.device.create({
        data: {
          name: `${name}-A${i}`,
          serial: `${name.replace(/\W/g, '')}-A${i}`,
          siteId: site.id,
          modelId: asic.id,
          rackId: rack.id,
          slotRow: 1 + Math.floor(i / 20),
          slotColumn: 1 + (i % 20),
          protocol: 'cgminer',
        },
      }),
    );
  }
  const gpuNode = await db.device.create({
    data: {
      name: `${name}-G0`,
      serial: `${name.replace(/\W/g, '')}-G0`,
      siteId: site.id,
      modelId: gpu.id,
      protocol: 'dcgm',
    },
  });
  return { site, rack, devices, gpuNode };
}

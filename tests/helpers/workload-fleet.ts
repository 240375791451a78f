// A small fleet for workload tests: a firm-power site with a rack of ASICs and three 8-GPU H100
// servers, a site without firm power with one more server, two hosting tenants owning a few
// machines, and tokens for each role and tenant.
import { getDb } from '../../lib/db/client';
import { tokenFor } from './api';

export async function tenantToken(role: 'viewer' | 'operator' | 'admin', tenantName: string) {
  const name = `${tenantName}-${role}`;
  const token = await tokenFor(role, name);
  const tenant = await getDb().tenant.upsert({
    where: { name: tenantName },
    create: { name: tenantName },
    update: {},
  });
  await getDb().apiToken.updateMany({ where: { name }, data: { tenantId: tenant.id } });
  return { token, tenantId: tenant.id };
}

export async function createWorkloadFleet() {
  const db = getDb();
  const t1 = await tenantToken('operator', 'Tenant One');
  const t2 = await tenantToken('operator', 'Tenant Two');
  const firm = await db.site.create({
    data: {
      name: 'Firm Site',
      timezone: 'UTC',
      powerCapacityKw: 2000,
      fixedPriceUsdPerMwh: 40,
      firmPower: true,
    },
  });
  const spot = await db.site.create({
    data: {
      name: 'Spot Site',
      timezone: 'UTC',
      powerCapacityKw: 500,
      fixedPriceUsdPerMwh: 30,
      firmPower: false,
    },
  });
  const rack = await db.rack.create({ data: { siteId: firm.id, name: 'R1', rows: 2, columns: 10 } });
  const asic = await db.deviceModel.create({
    data: {
      vendor: 'Bitmain',
      model: 'Antminer S21',
      class: 'asic',
      nominalHashrateThs: 200,
      nominalPowerW: 3500,
      maxTempC: 90,
    },
  });
  const h100 = await db.deviceModel.create({
    data: {
      vendor: 'NVIDIA',
      model: 'HGX H100 8-GPU',
      class: 'gpu',
      nominalPowerW: 10_200,
      maxTempC: 88,
      gpuCount: 8,
      gpuMemoryGb: 80,
      gpuModel: 'h100-sxm',
    },
  });
  const asics = [];
  for (let i = 0; i < 6; i++) {
    asics.push(
      await db.device.create({
        data: {
          name: `S21-${i}`,
          serial: `S21-SN-${i}`,
          siteId: firm.id,
          modelId: asic.id,
          rackId: rack.id,
          slotRow: 1,
          slotColumn: i + 1,
          status: i === 4 ? 'offline' : i === 5 ? 'maintenance' : 'online',
          tenantId: i === 0 ? t1.tenantId : i === 1 ? t2.tenantId : null,
        },
      }),
    );
  }
  const gpus = [];
  for (let i = 0; i < 3; i++) {
    gpus.push(
      await db.device.create({
        data: {
          name: `H100-${i}`,
          serial: `H100-SN-${i}`,
          siteId: firm.id,
          modelId: h100.id,
          status: 'online',
          protocol: 'dcgm',
          tenantId: i === 0 ? t1.tenantId : null,
        },
      }),
    );
  }
  const spotGpu = await db.device.create({
    data: {
      name: 'H100-spot',
      serial: 'H100-SN-spot',
      siteId: spot.id,
      modelId: h100.id,
      status: 'online',
      protocol: 'dcgm',
    },
  });
  return {
    firm,
    spot,
    rack,
    asics,
    gpus,
    spotGpu,
    t1,
    t2,
    admin: await tokenFor('admin'),
    operator: await tokenFor('operator'),
    viewer: await tokenFor('viewer'),
  };
}

export const POOL = {
  name: 'Main pool',
  urls: ['stratum+tcp://btc.pool.example:3333', 'stratum+ssl://backup.pool.example:443'],
  workerTemplate: 'acme.{site}-{rack}-{slot}',
  feePct: 1.5,
  payoutScheme: 'fpps',
};

export const JOB = {
  name: 'Fine-tune 70B',
  gpuCount: 8,
  gpuModel: 'h100-sxm',
  expectedHours: 4,
  priceUsdPerGpuHour: 2.5,
  preemptible: false,
  multiNode: false,
};

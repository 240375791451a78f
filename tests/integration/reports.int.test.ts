// Reports on real SQLite/PostgreSQL against hand-computed figures. The fixture day is 2024-03-31 in
// Europe/Stockholm: 23 hours (clocks go forward), local day = 2024-03-30T23:00Z … 2024-03-31T22:00Z.
// Spot price 50 $/MWh for the first 12 hours, 150 for the last 11 (a change mid-day). PUE 1.
// A1: 1,000 W all day → 23 kWh, 12 × 0.05 + 11 × 0.15 = $2.25.
// A2: 1,000 W cheap hours, 3,000 W expensive → 12 + 33 = 45 kWh, $0.60 + $4.95 = $5.55.
// Fleet: 68 kWh, $7.80, paid 114.70588 $/MWh (the naive mean price 97.83 × 68 kWh would say $6.65).
// A2 moves tenant T1 → T2 at 05:00Z (after 6 cheap hours): T1 6 kWh $0.30; T2 39 kWh $5.25.
// April 1 (next month) starts 2024-03-31T22:00Z: A1 one hour at 1,000 W and 60 $/MWh → $0.06.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as reportRoute from '@/app/api/v1/reports/[kind]/route';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { getDb } from '@/lib/db/client';
import { execute, sql } from '@/lib/db/raw';
import { storeEnergyPrices, storeNetworkPoints } from '@/lib/market/store';
import { telemetryCsvStream } from '@/lib/reports/telemetry-export';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const H = 3_600_000;
const DAY_START = Date.parse('2024-03-30T23:00:00Z');
const MOVE_AT = Date.parse('2024-03-31T05:00:00Z');
const HP_USD_PER_TH_DAY = 0.055747184355925516;

async function rollup(deviceId: number, bucket: number, powerW: number, hashrateThs: number | null) {
  await execute(
    sql`INSERT INTO telemetry_rollup_1h (device_id, bucket, samples, power_w_x10, hashrate_ths)
      VALUES (${deviceId}, ${bucket}, 12, ${powerW * 10}, ${hashrateThs})`,
  );
}

describe.each(TEST_PROVIDERS)('reports (%s)', (provider) => {
  let db: TestDb;
  let viewer: string;
  let t2Token: string;
  let siteId: number;
  let t1: number;
  let t2: number;
  const q = (kind: string, query: string, token = viewer) =>
    call(reportRoute.GET, { token, path: `/api/v1/reports/${kind}?${query}`, params: { kind } });

  beforeAll(async () => {
    db = await createTestDb(provider);
    viewer = await tokenFor('viewer');
    const fleet = await createSmallFleet(2, 'Sthlm');
    siteId = fleet.site.id;
    const [a1, a2] = fleet.devices as unknown as [{ id: number }, { id: number }];
    const prisma = getDb();
    await prisma.site.update({
      where: { id: siteId },
      data: {
        timezone: 'Europe/Stockholm',
        pue: 1,
        contractKind: 'spot',
        spotSource: 'csv',
        spotAdderUsdPerMwh: 0,
      },
    });
    await prisma.device.update({ where: { id: a1.id }, data: { name: '=HYPERLINK("x")', status: 'online' } });
    t1 = (await prisma.tenant.create({ data: { name: 'T1', hostingRateUsdPerKwh: 0.1 } })).id;
    t2 = (await prisma.tenant.create({ data: { name: 'T2' } })).id;
    await prisma.device.update({ where: { id: a2.id }, data: { tenantId: t2, status: 'offline' } });
    await prisma.deviceTenantMove.create({
      data: {
        deviceId: a2.id,
        fromTenantId: t1,
        toTenantId: t2,
        movedAt: BigInt(MOVE_AT),
        actorName: 'test',
      },
    });
    await prisma.deviceStatusChange.create({
      data: {
        deviceId: a2.id,
        ts: BigInt(Date.parse('2024-03-31T10:30:00Z')),
        fromStatus: 'online',
        toStatus: 'offline',
      },
    });
    const prices = [];
    for (let i = 0; i < 23; i++) {
      const start = DAY_START + i * H;
      prices.push({
        intervalStart: start,
        intervalEnd: start + H,
        priceUsdPerMwh: i < 12 ? 50 : 150,
        originalPrice: null,
        currency: null,
        provider: 'csv',
      });
      await rollup(a1.id, start, 1000, 100);
      await rollup(a2.id, start, i < 12 ? 1000 : 3000, 100);
    }
    const april = DAY_START + 23 * H;
    prices.push({
      intervalStart: april,
      intervalEnd: april + H,
      priceUsdPerMwh: 60,
      originalPrice: null,
      currency: null,
      provider: 'csv',
    });
    await rollup(a1.id, april, 1000, 100);
    await storeEnergyPrices(siteId, prices as never, DAY_START);
    await storeNetworkPoints(
      [
        { series: 'difficulty', ts: DAY_START - H, value: 108.52e12, provider: 'sim' },
        { series: 'btc_usd', ts: DAY_START - H, value: 93_450, provider: 'sim' },
        { series: 'fees_btc_per_block', ts: DAY_START - H, value: 0.0931, provider: 'sim' },
        { series: 'block_height', ts: DAY_START - H, value: 875_000, provider: 'sim' },
      ],
      DAY_START,
    );
    // An 8-GPU job on the GPU node for two hours at $2/GPU-h: 16 GPU-h, $32.
    const now = BigInt(DAY_START);
    const job = await prisma.aiJob.create({
      data: {
        name: 'train-7',
        gpuCount: 8,
        expectedHours: 2,
        priceUsdPerGpuHour: 2,
        status: 'done',
        createdAt: now,
        updatedAt: now,
        tenantId: t2,
      },
    });
    const jobFrom = BigInt(Date.parse('2024-03-31T10:00:00Z'));
    const jobTo = BigInt(Date.parse('2024-03-31T12:00:00Z'));
    await prisma.jobTransition.createMany({
      data: [
        {
          jobId: job.id,
          fromStatus: 'scheduled',
          toStatus: 'running',
          ts: jobFrom,
          actorKind: 'system',
          actorName: 'sim',
        },
        {
          jobId: job.id,
          fromStatus: 'running',
          toStatus: 'done',
          ts: jobTo,
          actorKind: 'system',
          actorName: 'sim',
        },
      ],
    });
    await prisma.assignment.create({
      data: {
        deviceId: fleet.gpuNode.id,
        kind: 'job',
        jobId: job.id,
        gpus: 8,
        rateUsdPerGpuHour: 2,
        fromTs: jobFrom,
        toTs: jobTo,
        source: 'manual',
        actorKind: 'system',
        actorName: 'test',
      },
    });
    t2Token = await tokenFor('viewer', 'tenant-two');
    await prisma.apiToken.updateMany({ where: { name: 'tenant-two' }, data: { tenantId: t2 } });
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('energy: the DST day in the site zone, price change mid-day, tenants split at the move', async () => {
    const res = await q('energy', `from=2024-03-31&to=2024-03-31&siteId=${siteId}`);
    expect(res.status).toBe(200);
    expect(res.json.kind).toBe('energy');
    expect(res.json.from).toBe('2024-03-30T23:00:00.000Z');
    expect(res.json.to).toBe('2024-03-31T22:00:00.000Z');
    expect(res.json.rows).toHaveLength(1);
    expect(res.json.totals.energyKwh).toBeCloseTo(68, 6);
    expect(res.json.totals.energyCostUsd).toBeCloseTo(7.8, 6);
    expect(res.json.totals.avgPriceUsdPerMwh).toBeCloseTo(114.70588, 4);
    const byTenant = Object.fromEntries(
      res.json.sections.tenants.map((r: { tenant: string }) => [r.tenant, r]),
    );
    expect(byTenant['Own fleet'].energyCostUsd).toBeCloseTo(2.25, 6);
    expect(byTenant.T1.energyKwh).toBeCloseTo(6, 6);
    expect(byTenant.T1.energyCostUsd).toBeCloseTo(0.3, 6);
    expect(byTenant.T1.hostingChargeUsd).toBeCloseTo(0.6, 6);
    expect(byTenant.T2.energyKwh).toBeCloseTo(39, 6);
    expect(byTenant.T2.energyCostUsd).toBeCloseTo(5.25, 6);
    expect(byTenant.T2.hostingChargeUsd).toBeNull();
  });

  it('energy: a range across the month boundary gives one row per local day', async () => {
    const res = await q('energy', `from=2024-03-31&to=2024-04-01&siteId=${siteId}`);
    expect(res.json.rows.map((r: { date: string }) => r.date)).toEqual(['2024-03-31', '2024-04-01']);
    expect(res.json.rows[1].energyCostUsd).toBeCloseTo(0.06, 6);
  });

  it('a hosting client sees only the hours its tenant held the device', async () => {
    const res = await q('energy', 'from=2024-03-31T00:00:00%2B01:00&to=2024-04-01T00:00:00%2B02:00', t2Token);
    expect(res.status).toBe(200);
    expect(res.json.totals.energyKwh).toBeCloseTo(39, 6);
    expect(res.json.sections.tenants.map((r: { tenant: string }) => r.tenant)).toEqual(['T2']);
    expect((await q('energy', `from=2024-03-31&to=2024-03-31&tenantId=${t1}`, t2Token)).status).toBe(404);
    const jobs = await q('jobs', 'from=2024-03-31T00:00:00Z&to=2024-04-01T00:00:00Z', t2Token);
    expect(jobs.json.totals.gpuHours).toBeCloseTo(16, 6);
  });

  it('revenue: mining from hashrate × hashprice after the pool fee, AI from the assignment history', async () => {
    const res = await q('revenue', `from=2024-03-31&to=2024-03-31&siteId=${siteId}`);
    expect(res.status).toBe(200);
    const mining = 2 * 100 * HP_USD_PER_TH_DAY * 0.98 * (23 / 24);
    expect(res.json.totals.miningRevenueUsd).toBeCloseTo(mining, 4);
    expect(res.json.totals.aiRevenueUsd).toBeCloseTo(32, 6);
    expect(res.json.totals.energyCostUsd).toBeCloseTo(7.8, 6);
    expect(res.json.totals.marginUsd).toBeCloseTo(mining + 32 - 7.8, 4);
    expect(res.json.totals.breakevenUsdPerMwh).toBeCloseTo((mining * 1000) / 68, 3);
    expect(res.json.totals.pricePaidUsdPerMwh).toBeCloseTo(114.70588, 4);
    const btc = (2 * 100 * (HP_USD_PER_TH_DAY / 93_450) * 0.98 * 23) / 24;
    expect(res.json.totals.btcEarned).toBeCloseTo(btc, 8);
    expect(res.json.totals.costPerBtcUsd / (7.8 / btc)).toBeCloseTo(1, 6);
  });

  it('performance: J/TH and uptime from the status history on the 23-hour day', async () => {
    const res = await q('performance', `from=2024-03-31&to=2024-03-31&siteId=${siteId}`);
    const rows = Object.fromEntries(res.json.rows.map((r: { serial: string }) => [r.serial, r]));
    expect(rows['Sthlm-A0'].efficiencyJPerTh).toBeCloseTo(10, 6);
    expect(rows['Sthlm-A0'].uptimePct).toBeCloseTo(100, 6);
    expect(rows['Sthlm-A0'].dayHours).toBe(23);
    expect(rows['Sthlm-A1'].uptimePct).toBeCloseTo((11.5 / 23) * 100, 6);
  });

  it('jobs and incidents', async () => {
    const jobs = await q('jobs', 'from=2024-03-31T00:00:00Z&to=2024-04-01T00:00:00Z');
    expect(jobs.json.rows).toMatchObject([{ job: 'train-7', customer: 'T2', gpuHours: 16, revenueUsd: 32 }]);
    const incidents = await q('incidents', 'from=2024-03-31T00:00:00Z&to=2024-04-01T00:00:00Z');
    expect(incidents.json.totals).toMatchObject({ statusChanges: 1, jobTransitions: 2 });
  });

  it('CSV: a file with Content-Disposition, RFC 4180, defanged cells', async () => {
    const res = await q('performance', `from=2024-03-31&to=2024-03-31&siteId=${siteId}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toContain('text/csv');
    expect(res.headers.get('content-disposition')).toMatch(
      /^attachment; filename="performance-site\d+-2024-03-30-2024-03-31\.csv"$/,
    );
    const text = res.json as string;
    expect(text.split('\r\n')[0]).toContain('Hashrate (TH/s)');
    expect(text).toContain(`"'=HYPERLINK(""x"")"`);
    expect(text.split('\r\n').filter(Boolean)).toHaveLength(3);
  });

  it('XLSX: one sheet per section, typed numbers and dates', async () => {
    const req = new Request(
      `http://localhost/api/v1/reports/energy?from=2024-03-31&to=2024-03-31&siteId=${siteId}&format=xlsx`,
      {
        headers: { authorization: `Bearer ${viewer}` },
      },
    );
    const res = await reportRoute.GET(req, { params: Promise.resolve({ kind: 'energy' }) });
    expect(res.headers.get('content-type')).toContain('spreadsheetml');
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(Buffer.from(await res.arrayBuffer()) as never);
    expect(book.worksheets.map((s) => s.name)).toEqual([
      'Summary',
      'Energy per site per day',
      'Energy and hosting per tenant',
    ]);
    const sheet = book.worksheets[1]!;
    expect(sheet.getCell('A2').value).toEqual(new Date('2024-03-31T00:00:00Z'));
    expect(sheet.getCell('C2').value).toBeCloseTo(68, 6);
    expect(sheet.getCell('E2').value).toBeCloseTo(7.8, 6);
    expect(typeof sheet.getCell('F2').value).toBe('number');
  });

  it('PDF: a statement with summary, chart and tables, in the bundled font', async () => {
    const req = new Request(
      `http://localhost/api/v1/reports/revenue?from=2024-03-31&to=2024-03-31&siteId=${siteId}&format=pdf`,
      {
        headers: { authorization: `Bearer ${viewer}` },
      },
    );
    const res = await reportRoute.GET(req, { params: Promise.resolve({ kind: 'revenue' }) });
    expect(res.headers.get('content-type')).toBe('application/pdf');
    const dir = mkdtempSync(path.join(os.tmpdir(), 'report-pdf-'));
    const file = path.join(dir, 'r.pdf');
    writeFileSync(file, Buffer.from(await res.arrayBuffer()));
    const info = execFileSync('pdfinfo', [file]).toString();
    expect(Number(/Pages:\s+(\d+)/.exec(info)?.[1])).toBeGreaterThanOrEqual(2);
    const text = execFileSync('pdftotext', ['-layout', file, '-']).toString();
    expect(text).toContain('Revenue and margin – Sthlm');
    expect(text).toContain('Cost per ₿');
    expect(text).toContain('2024-03-31');
    expect(text).toContain('7.8');
    const fonts = execFileSync('pdffonts', [file]).toString();
    expect(fonts).toContain('NotoSans');
  });

  it('telemetry CSV: keyset pages in (ts, device) order, nothing lost or repeated at page edges', async () => {
    const devices = await getDb().device.findMany({ where: { siteId }, orderBy: { id: 'asc' } });
    await getDb().device.update({ where: { id: devices[0]!.id }, data: { serial: '@SUM(1)' } });
    const base = Date.parse('2024-03-31T12:00:00Z');
    for (let i = 0; i < 4; i++)
      for (const d of devices.slice(0, 2))
        await execute(
          sql`INSERT INTO telemetry_sample (device_id, ts, power_w) VALUES (${d.id}, ${base + i * 30_000}, ${i})`,
        );
    const text = await new Response(
      telemetryCsvStream(SYSTEM_ACTOR, { siteId }, base, base + 3_600_000, 3),
    ).text();
    const lines = text.split('\r\n').filter(Boolean);
    expect(lines[0]).toBe('ts,device_id,serial,hashrate_ths,power_w,chip_temp_c,gpu_util_pct,status');
    expect(lines).toHaveLength(9);
    const keys = lines.slice(1).map((l) => l.split(',').slice(0, 2).join(','));
    expect(new Set(keys).size).toBe(8);
    expect(keys).toEqual([...keys].sort());
    expect(lines[1]).toContain("'@SUM(1)");
  });

  it('telemetry CSV over HTTP: a hosting client gets its own machines only, staff filter by tenant', async () => {
    const devices = await getDb().device.findMany({ where: { siteId }, orderBy: { id: 'asc' } });
    const own = devices.filter((d) => d.tenantId === t2).map((d) => String(d.id));
    expect(own.length).toBeGreaterThan(0);
    const at = Date.parse('2024-03-31T14:00:00Z');
    for (const d of devices)
      await execute(sql`INSERT INTO telemetry_sample (device_id, ts, power_w) VALUES (${d.id}, ${at}, 1)`);
    const range = 'from=2024-03-31T14:00:00Z&to=2024-03-31T15:00:00Z&format=csv';
    const idsIn = (text: string) => [
      ...new Set(
        text
          .split('\r\n')
          .slice(1)
          .filter(Boolean)
          .map((l) => l.split(',')[1]),
      ),
    ];
    const tenant = await q('telemetry', range, t2Token);
    expect(tenant.status).toBe(200);
    expect(tenant.headers.get('content-disposition')).toContain('telemetry-2024-03-31');
    expect(idsIn(tenant.json)).toEqual(own);
    const staff = await q('telemetry', `${range}&tenantId=${t2}`);
    expect(idsIn(staff.json)).toEqual(own);
    expect(idsIn((await q('telemetry', range)).json).length).toBeGreaterThan(own.length);
  });

  it('refuses anonymous callers, unknown kinds and bad ranges', async () => {
    expect(
      (
        await call(reportRoute.GET, {
          path: '/api/v1/reports/energy?from=2024-03-31&to=2024-03-31',
          params: { kind: 'energy' },
        })
      ).status,
    ).toBe(401);
    expect((await q('nope', 'from=2024-03-31&to=2024-03-31')).status).toBe(400);
    expect((await q('energy', 'from=2024-03-31&to=2024-03-30')).status).toBe(400);
    expect((await q('energy', 'from=yesterday&to=2024-03-30')).status).toBe(400);
    expect((await q('energy', 'from=2024-03-31&to=2024-03-31&siteId=99999')).status).toBe(404);
    expect((await q('energy', 'from=2024-03-31&to=2024-03-31&format=docx')).status).toBe(400);
  });
});

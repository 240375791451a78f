// /metrics economics against hand-computed figures (the 2024-12-23 market of money.int.test.ts:
// $0.0557472/TH/day, a fixed $40/MWh site, PUE 1.05, 2 % pool fee), checked by promtool, scraped
// by a real Prometheus on loopback, and every expression of the shipped Grafana dashboard evaluated
// by that Prometheus against metrics the app exposed.
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as ingest from '@/app/api/v1/telemetry/route';
import * as metrics from '@/app/metrics/route';
import { getDb } from '@/lib/db/client';
import { startLoopWatch, stopLoopWatch } from '@/lib/jobs/loop-watch';
import { recordProviderOk } from '@/lib/market/refresh/provider-status';
import { storeNetworkPoints } from '@/lib/market/store';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { startRouteServer } from '../helpers/route-server';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';
import { tenantToken } from '../helpers/workload-fleet';

const USD_PER_TH_DAY = 0.055747184355925516;
const ASIC_REVENUE_PER_H = (200 * USD_PER_TH_DAY * 0.98) / 24;
const ASIC_COST_PER_H = (3.5 * 1.05 * 40) / 1000;

/** The value of the one sample of `name` whose labels include `labels`, or undefined. */
function sample(text: string, name: string, labels: Record<string, string> = {}): number | undefined {
  const found = text
    .split('\n')
    .filter((l) => l.startsWith(`${name}{`) || l.startsWith(`${name} `))
    .filter((l) => Object.entries(labels).every(([k, v]) => l.includes(`${k}="${v}"`)));
  if (found.length > 1) throw new Error(`${found.length} samples of ${name} match`);
  return found[0] === undefined ? undefined : Number(found[0].slice(found[0].lastIndexOf(' ') + 1));
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

/** Polls until `check` returns a value, at most `timeoutMs`: the test is bounded, never open-ended. */
async function waitFor<T>(what: string, check: () => Promise<T | undefined>, timeoutMs = 60_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  let last: unknown;
  while (Date.now() < deadline) {
    try {
      const value = await check();
      if (value !== undefined) return value;
    } catch (error) {
      last = error;
    }
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
  throw new Error(`timed out waiting for ${what}${last ? `: ${String(last)}` : ''}`);
}

describe.each(TEST_PROVIDERS)('/metrics economics (%s)', (provider) => {
  let db: TestDb;
  let viewer: string;
  let siteId: number;
  const now = Date.now();

  beforeAll(async () => {
    db = await createTestDb(provider);
    viewer = await tokenFor('viewer');
    const fleet = await createSmallFleet(6, 'Prom "Econ"');
    siteId = fleet.site.id;
    await createSmallFleet(1, 'Other Site');
    const ts = BigInt(now - 5_000);
    for (const d of fleet.devices.slice(0, 4))
      await getDb().deviceLatest.create({ data: { deviceId: d.id, ts, hashrateThs: 200, powerW: 3500 } });
    for (const d of fleet.devices.slice(4))
      await getDb().deviceWorkload.create({ data: { deviceId: d.id, kind: 'curtail', sinceTs: ts } });
    await storeNetworkPoints(
      [
        { series: 'difficulty', ts: now, value: 108.52e12, provider: 'sim' },
        { series: 'btc_usd', ts: now, value: 93_450, provider: 'sim' },
        { series: 'fees_btc_per_block', ts: now, value: 0.0931, provider: 'sim' },
        { series: 'block_height', ts: now, value: 875_000, provider: 'sim' },
      ],
      now,
    );
    await recordProviderOk('network', 'sim', now);
    await recordProviderOk('btc_usd', 'sim', now);
    const { tenantId } = await tenantToken('viewer', 'Metrics Client');
    await getDb().device.update({ where: { id: fleet.devices[0]!.id }, data: { tenantId } });
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('site economics match the hand-computed figures; unknown values are left out, not 0', async () => {
    const res = await call(metrics.GET, { token: viewer });
    expect(res.status).toBe(200);
    const text = res.json as unknown as string;
    const site = { site_id: String(siteId), site: 'Prom \\"Econ\\"' };
    expect(sample(text, 'switchyard_hashprice_usd_per_petahash_day')).toBeCloseTo(1000 * USD_PER_TH_DAY, 6);
    expect(sample(text, 'switchyard_btc_price_usd')).toBe(93_450);
    expect(sample(text, 'switchyard_site_energy_price_usd_per_mwh', site)).toBe(40);
    expect(sample(text, 'switchyard_site_pue', site)).toBe(1.05);
    const mining = { ...site, use: 'mining' };
    expect(sample(text, 'switchyard_site_revenue_usd_per_hour', mining)).toBeCloseTo(
      4 * ASIC_REVENUE_PER_H,
      9,
    );
    expect(sample(text, 'switchyard_site_energy_cost_usd_per_hour', mining)).toBeCloseTo(
      4 * ASIC_COST_PER_H,
      9,
    );
    expect(sample(text, 'switchyard_site_margin_usd_per_hour', mining)).toBeCloseTo(
      4 * (ASIC_REVENUE_PER_H - ASIC_COST_PER_H),
      9,
    );
    expect(sample(text, 'switchyard_site_power_kilowatts', mining)).toBe(14);
    expect(sample(text, 'switchyard_site_curtailed_kilowatts', site)).toBe(7);
    // 1e6 × 0.0557472 × 0.98 / (24 × 17.5 × 1.05) = $123.88/MWh.
    expect(
      sample(text, 'switchyard_breakeven_usd_per_mwh', { ...site, model: 'Bitmain Antminer S21' }),
    ).toBeCloseTo(123.883, 2);
    // The GPU node is assigned nothing (and has no rental rate): it earns a known $0 — money follows
    // the assignment history, not a market estimate — and its energy cost is known.
    expect(sample(text, 'switchyard_site_revenue_usd_per_hour', { ...site, use: 'ai' })).toBe(0);
    expect(sample(text, 'switchyard_site_energy_cost_usd_per_hour', { ...site, use: 'ai' })).toBe(0);
    expect(sample(text, 'switchyard_economics_up')).toBe(1);
    expect(text).toContain('# TYPE switchyard_ingest_samples_accepted_total counter');
  });

  it('promtool accepts the exposition', async () => {
    // The loop watch runs in a server process (startBackgroundWork); here it is started for the scrape.
    startLoopWatch(() => {});
    const text = (await call(metrics.GET, { token: viewer })).json as unknown as string;
    stopLoopWatch();
    expect(text).toContain('# TYPE switchyard_event_loop_delay_max_seconds gauge');
    expect(sample(text, 'switchyard_event_loop_stalls_total')).toBe(0);
    // `check metrics` exits non-zero on format errors and on lint problems (HELP, names, units).
    const out = execFileSync('promtool', ['check', 'metrics'], { input: text, encoding: 'utf8' });
    expect(out).toBe('');
  });

  it('a hosting client sees only its machines and no fleet-wide counters', async () => {
    const { token } = await tenantToken('viewer', 'Metrics Client');
    startLoopWatch(() => {});
    const text = (await call(metrics.GET, { token })).json as unknown as string;
    stopLoopWatch();
    const site = { site_id: String(siteId) };
    expect(sample(text, 'switchyard_site_power_kilowatts', { ...site, use: 'mining' })).toBe(3.5);
    expect(sample(text, 'switchyard_site_curtailed_kilowatts', site)).toBe(0);
    expect(text).not.toContain('Other Site');
    expect(text).not.toContain('switchyard_ingest_');
    expect(text).not.toContain('switchyard_event_loop_');
  });

  it('a real Prometheus scrapes the app and evaluates every Grafana dashboard expression', async () => {
    if (provider !== 'sqlite') return; // the scrape path does not depend on the database
    const operator = await tokenFor('operator', 'prom-ingest');
    const devices = await getDb().device.findMany({ where: { siteId }, take: 1 });
    const posted = await call(ingest.POST, {
      method: 'POST',
      token: operator,
      body: { samples: [{ deviceId: devices[0]!.id, ts: Date.now(), hashrateThs: 190, powerW: 3400 }] },
    });
    expect(posted.status).toBe(200);
    const app = await startRouteServer({ '/metrics': { GET: metrics.GET } });
    const dir = mkdtempSync(path.join(tmpdir(), 'switchyard-prom-'));
    const port = await freePort();
    const promUrl = `http://127.0.0.1:${port}`;
    writeFileSync(
      path.join(dir, 'prometheus.yml'),
      [
        'global: { scrape_interval: 1s, evaluation_interval: 1s }',
        'scrape_configs:',
        '  - job_name: switchyard',
        '    metrics_path: /metrics',
        `    authorization: { credentials: "${viewer}" }`,
        `    static_configs: [{ targets: ["${new URL(app.url).host}"] }]`,
        '',
      ].join('\n'),
    );
    execFileSync('promtool', ['check', 'config', path.join(dir, 'prometheus.yml')]);
    let prom: ChildProcess | undefined;
    let log = '';
    try {
      prom = spawn(
        'prometheus',
        [
          `--config.file=${path.join(dir, 'prometheus.yml')}`,
          `--storage.tsdb.path=${path.join(dir, 'data')}`,
          `--web.listen-address=127.0.0.1:${port}`,
          '--log.level=warn',
        ],
        { stdio: ['ignore', 'ignore', 'pipe'] },
      );
      prom.stderr?.on('data', (c: Buffer) => {
        log += c.toString();
      });
      const query = async (expr: string) => {
        const res = await fetch(`${promUrl}/api/v1/query?query=${encodeURIComponent(expr)}`);
        return (await res.json()) as { status: string; error?: string; data: { result: unknown[] } };
      };
      const price = await waitFor('the scraped site price', async () => {
        const q = await query(`switchyard_site_energy_price_usd_per_mwh{site_id="${siteId}"}`);
        return (q.data.result[0] as { value: [number, string] } | undefined)?.value[1];
      }).catch((error) => {
        throw new Error(`${error}\nprometheus log:\n${log}`);
      });
      expect(Number(price)).toBe(40);
      const targets = (await (await fetch(`${promUrl}/api/v1/targets`)).json()) as {
        data: { activeTargets: { health: string }[] };
      };
      expect(targets.data.activeTargets.map((t) => t.health)).toEqual(['up']);

      const exposed = new Set(
        ((await call(metrics.GET, { token: viewer })).json as string)
          .split('\n')
          .filter((l) => l.startsWith('# TYPE '))
          .map((l) => l.split(' ')[2]),
      );
      const dashboard = JSON.parse(readFileSync('docs/grafana/switchyard-fleet.json', 'utf8')) as {
        panels: { title: string; targets: { expr: string }[] }[];
        templating: { list: { definition: string }[] };
      };
      const exprs = dashboard.panels.flatMap((p) => p.targets.map((t) => ({ panel: p.title, expr: t.expr })));
      expect(exprs.length).toBeGreaterThan(10);
      for (const { panel, expr } of exprs) {
        for (const name of expr.match(/\bswitchyard_\w+/g) ?? [])
          expect(exposed, `${panel}: ${name}`).toContain(name);
        const q = await query(expr.replaceAll('$site', '.*'));
        expect(q.status, `${panel}: ${expr} ${q.error ?? ''}`).toBe('success');
      }
      for (const v of dashboard.templating.list)
        for (const name of v.definition.match(/\bswitchyard_\w+/g) ?? []) expect(exposed).toContain(name);
      // Panels chart something: the scraped hashrate includes the sample posted above.
      const hashrate = await waitFor('scraped hashrate', async () => {
        const q = await query('sum(switchyard_device_hashrate_terahashes)');
        return (q.data.result[0] as { value: [number, string] } | undefined)?.value[1];
      });
      expect(Number(hashrate)).toBeGreaterThan(0);
    } finally {
      prom?.kill('SIGTERM');
      if (prom && prom.exitCode === null) await new Promise((resolve) => prom!.once('exit', resolve));
      await app.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

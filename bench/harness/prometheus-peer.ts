// The peer the ingest figure is compared with, measured in the same run on the same machine:
// Prometheus (Debian's package) scraping `devices` × 12 gauges every second from exporters on
// loopback, as #7 measured it. Figure: samples appended to its TSDB head per CPU-second of the
// Prometheus process (its own counter prometheus_tsdb_head_samples_appended_total, and /proc).
// Every value changes on each scrape, so the TSDB's compression does real work.
import { type ChildProcess, spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { processCpuMs } from './report';

export type PeerResult = {
  valuesPerCpuS: number;
  valuesPerS: number;
  cpuCores: number;
  series: number;
  version: string;
};

const GAUGES = [
  'hashrate_ths',
  'power_w',
  'chip_temp_c',
  'board_temp_c',
  'inlet_temp_c',
  'fan_rpm',
  'accepted_shares',
  'rejected_shares',
  'hw_errors',
  'voltage_v',
  'frequency_mhz',
  'uptime_s',
];

/** The Prometheus binary on PATH, or undefined (apt-get install prometheus). */
export function findPrometheus(): string | undefined {
  const found = spawnSync('sh', ['-c', 'command -v prometheus'], { encoding: 'utf8' });
  const file = found.stdout.trim();
  return found.status === 0 && file ? file : undefined;
}

/** An exporter of `devices` devices: every scrape has new values (a seeded walk per series). */
function startExporter(firstDevice: number, devices: number): Promise<http.Server> {
  const prefixes: string[] = [];
  for (let d = firstDevice; d < firstDevice + devices; d++)
    for (const g of GAUGES) prefixes.push(`miner_${g}{device="d${d}"} `);
  let tick = 0;
  const server = http.createServer((_req, res) => {
    tick++;
    const lines = new Array<string>(prefixes.length);
    for (let i = 0; i < prefixes.length; i++)
      lines[i] = prefixes[i]! + ((i * 7919 + tick * 104729) % 100_000) / 100;
    res.writeHead(200, { 'content-type': 'text/plain; version=0.0.4' });
    res.end(`${lines.join('\n')}\n`);
  });
  return new Promise((resolve) => server.listen(0, '127.0.0.1', () => resolve(server)));
}

/** Sum of a metric's samples on Prometheus' own /metrics page (its internal state, not a query). */
async function ownMetric(port: number, name: string): Promise<number> {
  const text = await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  let sum = 0;
  let found = false;
  for (const line of text.split('\n')) {
    if (line.startsWith(`${name} `) || line.startsWith(`${name}{`)) {
      sum += Number(line.slice(line.lastIndexOf(' ') + 1));
      found = true;
    }
  }
  if (!found) throw new Error(`prometheus does not report ${name}`);
  return sum;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = http.createServer();
    probe.once('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

/**
 * Runs Prometheus against `devices` × 12 gauges scraped every second, split over `shards`
 * targets, for `warmupMs` + `durationMs`, and stops everything it started.
 */
export async function prometheusPeer(
  binary: string,
  options: { devices: number; shards?: number; warmupMs: number; durationMs: number },
): Promise<PeerResult> {
  const shards = options.shards ?? 10;
  const perShard = Math.ceil(options.devices / shards);
  const dir = mkdtempSync(path.join(os.tmpdir(), 'switchyard-prom-'));
  const exporters: http.Server[] = [];
  let child: ChildProcess | undefined;
  try {
    for (let s = 0; s < shards; s++) exporters.push(await startExporter(s * perShard, perShard));
    const targets = exporters.map((e) => `'127.0.0.1:${(e.address() as AddressInfo).port}'`);
    writeFileSync(
      path.join(dir, 'prometheus.yml'),
      [
        'global:',
        '  scrape_interval: 1s',
        '  scrape_timeout: 1s',
        'scrape_configs:',
        '  - job_name: miners',
        '    static_configs:',
        `      - targets: [${targets.join(', ')}]`,
        '',
      ].join('\n'),
    );
    const port = await freePort();
    child = spawn(
      binary,
      [
        `--config.file=${path.join(dir, 'prometheus.yml')}`,
        `--storage.tsdb.path=${path.join(dir, 'data')}`,
        `--web.listen-address=127.0.0.1:${port}`,
        '--log.level=warn',
      ],
      { stdio: ['ignore', 'ignore', 'pipe'] },
    );
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => {
      stderr = (stderr + chunk.toString('utf8')).slice(-4_000);
    });
    const pid = child.pid!;
    // Ready once its API answers; then the warm-up (head set-up, first chunks) is not measured.
    for (let i = 0; ; i++) {
      if (child.exitCode !== null) throw new Error(`prometheus exited: ${stderr}`);
      if (i > 100) throw new Error(`prometheus did not answer within 20 s: ${stderr}`);
      const ok = await fetch(`http://127.0.0.1:${port}/-/ready`).then(
        (r) => r.ok,
        () => false,
      );
      if (ok) break;
      await sleep(200);
    }
    // Service discovery hands targets to the scrapers after ~5 s: wait until every one is up.
    for (let i = 0; ; i++) {
      const res = await fetch(`http://127.0.0.1:${port}/api/v1/targets?state=active`);
      const body = (await res.json()) as { data: { activeTargets: { health: string; lastError: string }[] } };
      const active = body.data.activeTargets;
      if (active.length === shards && active.every((t) => t.health === 'up')) break;
      if (i > 150) throw new Error(`prometheus targets not up within 30 s: ${JSON.stringify(active[0])}`);
      await sleep(200);
    }
    await sleep(options.warmupMs);
    const appended = 'prometheus_tsdb_head_samples_appended_total';
    const v0 = await ownMetric(port, appended);
    const c0 = processCpuMs(pid);
    const t0 = performance.now();
    await sleep(options.durationMs);
    const v1 = await ownMetric(port, appended);
    const c1 = processCpuMs(pid);
    const elapsedMs = performance.now() - t0;
    const series = await ownMetric(port, 'prometheus_tsdb_head_series');
    const version = spawnSync(binary, ['--version'], { encoding: 'utf8' }).stdout.split('\n')[0] ?? '';
    return {
      valuesPerCpuS: ((v1 - v0) / (c1 - c0)) * 1000,
      valuesPerS: ((v1 - v0) / elapsedMs) * 1000,
      cpuCores: (c1 - c0) / elapsedMs,
      series,
      version: version.trim(),
    };
  } finally {
    child?.kill('SIGKILL');
    await Promise.all(exporters.map((e) => new Promise((resolve) => e.close(resolve))));
    rmSync(dir, { recursive: true, force: true });
  }
}

// npm run bench:export [-- --rows 1000000 --devices 1206 --only sqlite|pg]
// Exports through the production HTTP API (DESIGN.md §8), on SQLite and on a throwaway PostgreSQL
// cluster: 1,000,000 raw telemetry rows streamed as CSV (rows/s, rows per second of server CPU, and
// the server's RSS growth, sampled from /proc while the body streams), then a month of the energy
// and revenue reports for a demo-sized fleet as XLSX and PDF (seconds). PostgreSQL figures carry a
// `_pg` suffix. Not a pass/fail test.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { buildIfStale } from '../scripts/build-if-stale';
import { startServer } from '../tests/helpers/server';
import { createPgDb, createSqliteDb, openBenchDb, removeSqliteDb } from './harness/bench-db';
import { createExportFixture } from './harness/export-fixture';
import { onInterrupt } from './harness/interrupt';
import { startPgCluster } from './harness/pg-cluster';
import { type Figures, machineInfo, printFigures, processCpuMs, round, saveResults } from './harness/report';

const { values: args } = parseArgs({
  options: {
    rows: { type: 'string', default: '1000000' },
    devices: { type: 'string', default: '1206' },
    only: { type: 'string' },
  },
});
const ROWS = Number(args.rows);
const DEVICES = Number(args.devices);
const DAY = 86_400_000;

function rssMb(pid: number): number {
  const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : Number.NaN;
}

/** GETs `url`, counting bytes and CRLF-terminated lines as they arrive. */
function stream(url: string, token: string): Promise<{ status: number; bytes: number; lines: number }> {
  return new Promise((resolve, reject) => {
    http
      .get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
        let bytes = 0;
        let lines = 0;
        res.on('data', (chunk: Buffer) => {
          bytes += chunk.length;
          for (let i = chunk.indexOf(10); i !== -1; i = chunk.indexOf(10, i + 1)) lines++;
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, bytes, lines }));
        res.on('error', reject);
      })
      .on('error', reject);
  });
}

/** Streams the telemetry CSV and the month's XLSX/PDF from a production server on `url`. */
async function measure(label: 'sqlite' | 'pg', databaseUrl: string, now: number): Promise<Figures> {
  const t0 = performance.now();
  const db = openBenchDb(databaseUrl);
  const fixture = await createExportFixture(db, now, ROWS, DEVICES);
  await db.close();
  console.log(
    `\n── ${label} ── fixture: ${fixture.rows.toLocaleString()} raw samples, 31 days of 1h rollups in ${round((performance.now() - t0) / 1000)} s`,
  );
  const server = await startServer({ databaseUrl });
  const figures: Figures = {};
  const suffix = label === 'sqlite' ? '' : `_${label}`;
  try {
    const q = (kind: string, query: string) => `${server.url}/api/v1/reports/${kind}?${query}`;
    // Warm-up: first request compiles routes and opens the database.
    await stream(
      q('energy', `from=${new Date(now - DAY).toISOString()}&to=${new Date(now).toISOString()}`),
      fixture.token,
    );
    const rssBefore = rssMb(server.pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssMb(server.pid));
    }, 50);
    const cpu0 = processCpuMs(server.pid);
    const c0 = performance.now();
    const range = `from=${new Date(fixture.rawFrom).toISOString()}&to=${new Date(fixture.rawTo).toISOString()}`;
    const csv = await stream(q('telemetry', `${range}&format=csv`), fixture.token);
    const csvS = (performance.now() - c0) / 1000;
    const cpuS = (processCpuMs(server.pid) - cpu0) / 1000;
    clearInterval(sampler);
    if (csv.status !== 200) throw new Error(`CSV export answered ${csv.status}`);
    const dataRows = csv.lines - 1;
    console.log(
      `CSV: ${dataRows.toLocaleString()} rows, ${round(csv.bytes / 1e6)} MB in ${round(csvS)} s (server CPU ${round(cpuS)} s); RSS ${round(rssBefore)} → peak ${round(rssPeak)} MB`,
    );
    figures[`export_csv_rows${suffix}`] = dataRows;
    figures[`export_csv_rows_per_s${suffix}`] = Math.round(dataRows / csvS);
    figures[`export_csv_rows_per_server_cpu_s${suffix}`] = Math.round(dataRows / cpuS);
    figures[`export_csv_rss_growth_mb${suffix}`] = round(rssPeak - rssBefore);
    const month = `from=${new Date(fixture.monthFrom).toISOString()}&to=${new Date(fixture.monthFrom + 30 * DAY).toISOString()}`;
    for (const [kind, format] of [
      ['energy', 'xlsx'],
      ['revenue', 'xlsx'],
      ['energy', 'pdf'],
      ['revenue', 'pdf'],
    ] as const) {
      const s0 = performance.now();
      const res = await stream(q(kind, `${month}&format=${format}`), fixture.token);
      const s = (performance.now() - s0) / 1000;
      if (res.status !== 200)
        throw new Error(`${kind} ${format} answered ${res.status}\n${server.output().slice(-3000)}`);
      console.log(`${kind} ${format}: ${round(res.bytes / 1024)} KiB in ${round(s)} s`);
      figures[`export_${kind}_month_${format}_s${suffix}`] = round(s);
    }
  } finally {
    await server.stop();
  }
  return figures;
}

async function main() {
  const machine = machineInfo();
  console.log(
    `bench:export — ${ROWS.toLocaleString()} CSV rows, ${DEVICES} devices · ${JSON.stringify(machine)}`,
  );
  buildIfStale();
  const now = Date.now();
  const figures: Figures = {};
  if (args.only !== 'pg') {
    const sqlite = await createSqliteDb('bench_export');
    const forget = onInterrupt(async () => removeSqliteDb(sqlite.dir));
    try {
      Object.assign(figures, await measure('sqlite', sqlite.url, now));
    } finally {
      forget();
      removeSqliteDb(sqlite.dir);
    }
  }
  if (args.only !== 'sqlite') {
    const cluster = await startPgCluster('bench-export');
    if (!cluster)
      console.log('\n── pg ── skipped: PostgreSQL server binaries not found (apt-get install postgresql)');
    else {
      const forget = onInterrupt(() => cluster.destroy());
      try {
        Object.assign(figures, await measure('pg', await createPgDb(cluster.url, 'bench_export'), now));
      } finally {
        forget();
        await cluster.destroy();
      }
    }
  }
  saveResults('export', { rows: ROWS, devices: DEVICES, machine, figures });
  printFigures(figures);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// npm run bench:export [-- --rows 1000000 --devices 1206]
// Exports through the production HTTP API (DESIGN.md §8): 1,000,000 raw telemetry rows streamed as
// CSV (rows/s and the server's RSS growth, sampled from /proc while the body streams), then a month
// of the energy and revenue reports for a demo-sized fleet as XLSX and PDF (seconds). SQLite.
// Not a pass/fail test.
import { readFileSync } from 'node:fs';
import http from 'node:http';
import { parseArgs } from 'node:util';
import { buildIfStale } from '../scripts/build-if-stale';
import { startServer } from '../tests/helpers/server';
import {
  createBenchFleet,
  createBenchToken,
  createSqliteDb,
  openBenchDb,
  removeSqliteDb,
} from './harness/bench-db';
import { onInterrupt } from './harness/interrupt';
import { createQueryFixture } from './harness/query-fixture';
import { type Figures, machineInfo, printFigures, round, saveResults } from './harness/report';

const { values: args } = parseArgs({
  options: { rows: { type: 'string', default: '1000000' }, devices: { type: 'string', default: '1206' } },
});
const ROWS = Number(args.rows);
const DEVICES = Number(args.devices);
const SAMPLE_MS = 30_000;
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

async function main() {
  console.log(
    `bench:export — ${ROWS.toLocaleString()} CSV rows, ${DEVICES} devices · ${JSON.stringify(machineInfo())}`,
  );
  buildIfStale();
  const sqlite = await createSqliteDb('bench_export');
  onInterrupt(async () => removeSqliteDb(sqlite.dir));
  const db = openBenchDb(sqlite.url);
  const now = Date.now();
  await createBenchFleet(db, DEVICES, 3);
  const token = await createBenchToken(db, 'viewer', 'bench-export');
  const t0 = performance.now();
  await createQueryFixture(db, now, { days1h: 31, days5m: 0, hours1m: 0, hoursRaw: 0 });
  // Raw samples: devices × timestamps ≥ ROWS, 30 s apart, ending an hour ago.
  const steps = Math.ceil(ROWS / DEVICES);
  const rawTo = now - (now % SAMPLE_MS) - 3_600_000;
  const rawFrom = rawTo - steps * SAMPLE_MS;
  await db.exec(
    `INSERT INTO telemetry_sample (device_id, ts, hashrate_ths, power_w, chip_temp_c, status)
     WITH RECURSIVE s(x) AS (SELECT ${rawFrom} UNION ALL SELECT x + ${SAMPLE_MS} FROM s WHERE x + ${SAMPLE_MS} < ${rawTo})
     SELECT d.id, s.x, 190.0 + (d.id % 17), 3400.0 + (d.id % 23), 60.0 + (d.id % 9), 'ok' FROM device d CROSS JOIN s`,
  );
  const monthFrom = now - (now % 3_600_000) - 30 * DAY;
  for (const [series, value] of [
    ['difficulty', 108.52e12],
    ['btc_usd', 93_450],
    ['fees_btc_per_block', 0.0931],
    ['block_height', 875_000],
  ] as const)
    await db.exec(
      `INSERT INTO market_point (series, ts, value, provider, fetched_at) VALUES (?, ?, ?, 'sim', ?)`,
      [series, monthFrom - DAY, value, now],
    );
  await db.exec('PRAGMA journal_mode = WAL');
  const rows = Number((await db.query<{ n: number }>('SELECT COUNT(*) AS n FROM telemetry_sample'))[0]?.n);
  console.log(
    `fixture: ${rows.toLocaleString()} raw samples, 31 days of 1h rollups in ${round((performance.now() - t0) / 1000)} s`,
  );
  await db.close();

  const server = await startServer({ databaseUrl: sqlite.url });
  const figures: Figures = {};
  try {
    const q = (kind: string, query: string) => `${server.url}/api/v1/reports/${kind}?${query}`;
    // Warm-up: first request compiles routes and opens the database.
    await stream(
      q('energy', `from=${new Date(now - DAY).toISOString()}&to=${new Date(now).toISOString()}`),
      token,
    );
    const rssBefore = rssMb(server.pid);
    let rssPeak = rssBefore;
    const sampler = setInterval(() => {
      rssPeak = Math.max(rssPeak, rssMb(server.pid));
    }, 50);
    const c0 = performance.now();
    const csv = await stream(
      q(
        'telemetry',
        `from=${new Date(rawFrom).toISOString()}&to=${new Date(rawTo).toISOString()}&format=csv`,
      ),
      token,
    );
    const csvS = (performance.now() - c0) / 1000;
    clearInterval(sampler);
    if (csv.status !== 200) throw new Error(`CSV export answered ${csv.status}`);
    const dataRows = csv.lines - 1;
    console.log(
      `CSV: ${dataRows.toLocaleString()} rows, ${round(csv.bytes / 1e6)} MB in ${round(csvS)} s; RSS ${round(rssBefore)} → peak ${round(rssPeak)} MB`,
    );
    figures.export_csv_rows = dataRows;
    figures.export_csv_rows_per_s = Math.round(dataRows / csvS);
    figures.export_csv_rss_growth_mb = round(rssPeak - rssBefore);
    const month = `from=${new Date(monthFrom).toISOString()}&to=${new Date(monthFrom + 30 * DAY).toISOString()}`;
    for (const [kind, format] of [
      ['energy', 'xlsx'],
      ['revenue', 'xlsx'],
      ['energy', 'pdf'],
      ['revenue', 'pdf'],
    ] as const) {
      const s0 = performance.now();
      const res = await stream(q(kind, `${month}&format=${format}`), token);
      const s = (performance.now() - s0) / 1000;
      if (res.status !== 200)
        throw new Error(`${kind} ${format} answered ${res.status}\n${server.output().slice(-3000)}`);
      console.log(`${kind} ${format}: ${round(res.bytes / 1024)} KiB in ${round(s)} s`);
      figures[`export_${kind}_month_${format}_s`] = round(s);
    }
  } finally {
    await server.stop();
    removeSqliteDb(sqlite.dir);
  }
  saveResults('export', { rows: ROWS, devices: DEVICES, figures });
  printFigures(figures);
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});

// CSV over HTTP from the production server with --cpu-prof on the server.
import http from 'node:http';
import { startServer } from '../tests/helpers/server';
import { createSqliteDb, openBenchDb } from './harness/bench-db';
import { createExportFixture } from './harness/export-fixture';
function stream(url: string, token: string): Promise<{ bytes: number; lines: number }> {
  return new Promise((resolve, reject) => {
    http.get(url, { headers: { authorization: `Bearer ${token}` } }, (res) => {
      let bytes = 0; let lines = 0;
      res.on('data', (c: Buffer) => { bytes += c.length; for (let i = c.indexOf(10); i !== -1; i = c.indexOf(10, i + 1)) lines++; });
      res.on('end', () => resolve({ bytes, lines }));
      res.on('error', reject);
    }).on('error', reject);
  });
}
async function main() {
  const rows = Number(process.argv[2] ?? 300000);
  const { url } = await createSqliteDb('prof_http');
  const now = Date.now();
  const db = openBenchDb(url);
  const fx = await createExportFixture(db, now, rows, 1206);
  await db.close();
  const server = await startServer({ databaseUrl: url, nodeArgs: process.argv[3] ? ['--cpu-prof', '--cpu-prof-dir=/tmp/exportspeed/sprof'] : [] });
  const range = `from=${new Date(fx.rawFrom).toISOString()}&to=${new Date(fx.rawTo).toISOString()}`;
  await stream(`${server.url}/api/v1/reports/energy?from=${new Date(now - 86400000).toISOString()}&to=${new Date(now).toISOString()}`, fx.token);
  for (let rep = 0; rep < 2; rep++) {
    const t0 = performance.now();
    const r = await stream(`${server.url}/api/v1/reports/telemetry?${range}&format=csv`, fx.token);
    const s = (performance.now() - t0) / 1000;
    console.log(`http csv ${r.lines - 1} rows in ${s.toFixed(2)} s = ${Math.round((r.lines - 1) / s)} rows/s`);
  }
  const DAY = 86400000;
  const month = `from=${new Date(fx.monthFrom).toISOString()}&to=${new Date(fx.monthFrom + 30 * DAY).toISOString()}`;
  for (const [kind, format] of [['energy', 'pdf'], ['revenue', 'pdf']]) {
    const t0 = performance.now();
    const r = await stream(`${server.url}/api/v1/reports/${kind}?${month}&format=${format}`, fx.token);
    console.log(`${kind} ${format} ${r.bytes} B in ${((performance.now() - t0) / 1000).toFixed(2)} s`);
  }
  await server.stop(10000);
  process.exit(0);
}
main();

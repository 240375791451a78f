// Runs before `next start` in the e2e web server command (Playwright starts web servers before
// globalSetup, so the database must be made here): a fresh SQLite file, migrated, seeded with the
// catalogue, the demo fleet and an admin with a known password, plus one day of simulated telemetry
// so charts have history from the first test.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { bootstrap } from '../lib/db/bootstrap';
import { disconnectDb } from '../lib/db/client';
import { migrateDatabase } from '../lib/db/migrate';
import { closeRawConnections } from '../lib/db/raw';
import { getEnv } from '../lib/env';
import { backfill } from '../lib/sim/backfill';

async function main() {
  if (!existsSync(path.join('.next', 'BUILD_ID'))) {
    throw new Error('No production build in .next: run `npm run build` before `npm run test:e2e`.');
  }
  const env = getEnv();
  if (env.db.provider !== 'sqlite' || !env.db.filePath?.includes('switchyard-e2e-')) {
    // Guard against seeding a real database when the variable leaks in from the shell.
    throw new Error(
      `Refusing to prepare ${env.db.url}: the e2e database lives in a switchyard-e2e- temp dir`,
    );
  }
  const started = performance.now();
  await migrateDatabase();
  const setup = await bootstrap();
  const history = await backfill(Date.now(), 1);
  const seconds = ((performance.now() - started) / 1000).toFixed(1);
  console.log(
    `[e2e] database ${env.db.filePath}: ${setup.demo?.devices ?? 0} demo devices, ` +
      `${history.samples.toLocaleString('en-US')} samples backfilled in ${seconds} s`,
  );
}

main()
  .catch((error: Error) => {
    console.error(`[e2e] ${error.message}`);
    process.exitCode = 1;
  })
  .finally(async () => {
    await disconnectDb();
    await closeRawConnections();
  });

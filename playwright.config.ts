import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { defineConfig, devices } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD, SIM_SEED } from './e2e/constants';

// The runner loads this file first and sets these; workers load it again and inherit them, so every
// process agrees on one database directory and one port.
process.env.SWITCHYARD_E2E_DIR ??= mkdtempSync(path.join(tmpdir(), 'switchyard-e2e-'));
process.env.SWITCHYARD_E2E_PORT ??= execFileSync(process.execPath, [
  '-e',
  "const s=require('net').createServer();s.listen(0,'127.0.0.1',()=>{process.stdout.write(String(s.address().port));s.close()})",
])
  .toString()
  .trim();

const port = process.env.SWITCHYARD_E2E_PORT;
const baseURL = `http://127.0.0.1:${port}`;
const databaseUrl = `file:${path.join(process.env.SWITCHYARD_E2E_DIR, 'switchyard.db')}`;
const systemChromium = '/usr/bin/chromium';

export default defineConfig({
  testDir: './e2e',
  outputDir: './e2e/artifacts',
  globalTeardown: './e2e/global-teardown.ts',
  // One server on a 2-core machine: tests run one at a time and share it.
  workers: 1,
  fullyParallel: false,
  retries: 1,
  timeout: 90_000,
  expect: { timeout: 15_000 },
  forbidOnly: Boolean(process.env.CI),
  reporter: [['list'], ['html', { open: 'never', outputFolder: 'playwright-report' }]],
  use: {
    baseURL,
    screenshot: 'on',
    trace: 'retain-on-failure',
    viewport: { width: 1440, height: 900 },
    launchOptions: {
      ...(existsSync(systemChromium) ? { executablePath: systemChromium } : {}),
      args: [
        '--no-sandbox',
        '--disable-gpu',
        '--disable-background-networking',
        '--disable-component-update',
      ],
    },
  },
  projects: [
    { name: 'chromium', use: { ...devices['Desktop Chrome'], viewport: { width: 1440, height: 900 } } },
  ],
  webServer: {
    // The production build (`npm run build` first) on a fresh, seeded database, with the background
    // jobs and the live simulator on, as a user would run it.
    command: `npx tsx e2e/prepare-db.ts && exec node node_modules/next/dist/bin/next start -p ${port} -H 127.0.0.1 --keepAliveTimeout 65000`,
    url: `${baseURL}/api/health`,
    reuseExistingServer: false,
    // Backfilling a day of the demo fleet, then next start: ~1 min on a quiet machine, many more on a busy one.
    timeout: 600_000,
    stdout: 'pipe',
    stderr: 'pipe',
    env: {
      DATABASE_URL: databaseUrl,
      PORT: port,
      HOSTNAME: '127.0.0.1',
      NODE_ENV: 'production',
      NEXT_TELEMETRY_DISABLED: '1',
      SWITCHYARD_ADMIN_EMAIL: ADMIN_EMAIL,
      SWITCHYARD_ADMIN_PASSWORD: ADMIN_PASSWORD,
      SWITCHYARD_SEED_DEMO: 'on',
      SWITCHYARD_SIMULATOR: 'on',
      SWITCHYARD_JOBS: 'on',
      // Simulated AI jobs run 20× faster than real time, so a 0.1 h job finishes in ~20 s.
      SWITCHYARD_SIM_JOB_SPEED: '20',
      SWITCHYARD_SIM_SEED: String(SIM_SEED),
      // Alert evaluation every 2 s, so the alerts spec sees a fault fire and resolve within seconds.
      ALERTS_INTERVAL_S: '2',
    },
  },
});

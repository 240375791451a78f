// Discovery against fake devices on loopback addresses of this machine (127.0.0.2–4): scan
// 127.0.0.0/29 from the page, watch it finish, see the known device marked, add the others to a
// site once; the scan survives a reload.
import { startAxeosFake } from '../lib/sim/wire/axeos-fake';
import type { RunningFake } from '../lib/sim/wire/cgminer-fake';
import { startCgminerFake } from '../lib/sim/wire/cgminer-fake';
import { newMinerState } from '../lib/sim/wire/miner-state';
import { expect, snap, test, uniqueTag } from './fixtures';
import { createSite, modelId } from './seed';

const fakes: RunningFake[] = [];
test.afterAll(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

test('scan a loopback range, mark the known device, add the rest to a site', async ({
  page,
  api,
}, testInfo) => {
  const tag = uniqueTag();
  // A per-run seed: the fakes' MACs derive from it, so a retry meets no device of the first attempt.
  const seed = 1000 + Math.floor(Math.random() * 60_000);
  const now = Date.now();
  const gamma = await startAxeosFake(
    { version: '2.15', state: newMinerState(seed, 1.2, 18, now) },
    0,
    '127.0.0.2',
  );
  const known = await startAxeosFake(
    { version: '2.10', state: newMinerState(seed + 1, 1.2, 18, now) },
    0,
    '127.0.0.3',
  );
  const avalon = await startCgminerFake(
    { variant: 'avalon', state: newMinerState(seed + 2, 197, 3600, now) },
    0,
    '127.0.0.4',
  );
  fakes.push(gamma, known, avalon);
  const site = await createSite(api, `E2E Discovery ${tag}`);
  const gammaModel = await modelId(api, 'Bitaxe Gamma');
  const mac = (s: number) =>
    `D8:3B:DA:${[s >> 16, s >> 8, s].map((b) => (b & 255).toString(16).padStart(2, '0').toUpperCase()).join(':')}`;
  const registered = await api.post('/api/v1/devices', {
    data: {
      name: `E2E-known-${tag}`,
      serial: `E2EK${tag}`,
      macAddress: mac(seed + 1),
      siteId: site.id,
      modelId: gammaModel,
      protocol: 'push',
    },
  });
  expect(registered.status(), await registered.text()).toBe(201);
  const knownId = (await registered.json()).id as number;

  await page.goto('/devices');
  await page.getByRole('link', { name: 'Discover' }).click();
  await expect(page.getByRole('heading', { name: 'Discovery', level: 1 })).toBeVisible();
  await page.getByLabel('Range (CIDR)').fill('127.0.0.0/29');
  await page.getByLabel('Ports').fill([gamma.port, known.port, avalon.port].join(', '));
  await page.getByRole('button', { name: 'Scan' }).click();

  const results = page.getByTestId('scan-results');
  await expect(results.getByTestId('scan-status')).toHaveText('done', { timeout: 60_000 });
  await expect(results.getByRole('progressbar', { name: 'Scan progress' })).toHaveAttribute(
    'aria-valuenow',
    '100',
  );
  const table = results.getByRole('table', { name: 'Found devices' });
  await expect(table.locator('tbody tr')).toHaveCount(3);
  const row = (host: string) => table.locator('tbody tr', { hasText: host });
  await expect(row('127.0.0.2')).toContainText('Bitaxe Gamma');
  await expect(row('127.0.0.2')).toContainText(mac(seed));
  await expect(row('127.0.0.3').getByTestId('known-device')).toHaveText(`Known: device ${knownId}`);
  await expect(row('127.0.0.4')).toContainText('AvalonMiner 15-194');
  await snap(page, testInfo, 'scan-done');

  await results.getByRole('checkbox', { name: 'Select all rows on this page' }).check();
  await expect(results.getByText('1 selected already known: not added again')).toBeVisible();
  await results.getByRole('combobox', { name: 'Site' }).selectOption(String(site.id));
  // The Avalon's model is not in the catalogue: the operator picks one for it.
  await results.getByRole('combobox', { name: 'Model for devices without one' }).selectOption({ index: 1 });
  await results.getByRole('button', { name: 'Add 2 to site' }).click();
  await expect(page.getByText('Added 2 devices')).toBeVisible();
  await expect(results.getByTestId('known-device')).toHaveCount(3);
  await expect(results.getByRole('button', { name: 'Add 0 to site' })).toBeDisabled();

  // The scan is stored: a reload (the id is in the URL) shows it again, all known now.
  await page.reload();
  await expect(page.getByTestId('scan-results').getByTestId('known-device')).toHaveCount(3);
  const devices = await api.get(`/api/v1/devices?siteId=${site.id}`);
  const body = (await devices.json()) as { data: { host: string | null; protocol: string }[] };
  expect(body.data.map((d) => d.host ?? '').sort()).toEqual(['', '127.0.0.2', '127.0.0.4']);
  await snap(page, testInfo, 'added');
});

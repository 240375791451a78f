// The swarm pane of a site of micro-miners: an AxeOS fake on loopback polled by the server's own
// collector (best difficulty, firmware come from it), a NerdMiner marked push-only.
import { startAxeosFake } from '../lib/sim/wire/axeos-fake';
import type { RunningFake } from '../lib/sim/wire/cgminer-fake';
import { newMinerState } from '../lib/sim/wire/miner-state';
import { expect, snap, test, uniqueTag } from './fixtures';
import { createSite, modelId } from './seed';

const fakes: RunningFake[] = [];
test.afterAll(async () => {
  for (const f of fakes.splice(0)) await f.close();
});

test('a site of micro-miners shows best difficulty, odds, firmware and which devices are push-only', async ({
  page,
  api,
}, testInfo) => {
  test.setTimeout(150_000);
  const tag = uniqueTag();
  const fake = await startAxeosFake({ version: '2.15', state: newMinerState(7, 1.2, 18, Date.now()) });
  fakes.push(fake);
  const site = await createSite(api, `E2E Swarm ${tag}`);
  const add = async (data: Record<string, unknown>) => {
    const res = await api.post('/api/v1/devices', { data: { siteId: site.id, ...data } });
    expect(res.status(), await res.text()).toBe(201);
  };
  await add({
    name: `bitaxe-${tag}`,
    serial: `E2ESW${tag}`,
    modelId: await modelId(api, 'Bitaxe Gamma'),
    protocol: 'axeos',
    host: '127.0.0.1',
    port: fake.port,
  });
  await add({
    name: `nerd-${tag}`,
    serial: `E2ESN${tag}`,
    modelId: await modelId(api, 'NerdMiner'),
    protocol: 'push',
  });

  await page.goto(`/sites/${site.id}`);
  await page.getByRole('link', { name: 'Swarm' }).click();
  const pane = page.getByTestId('swarm-pane');
  await expect(pane).toBeVisible();
  const table = pane.getByRole('table', { name: 'Swarm devices' });
  await expect(table.locator('tbody tr', { hasText: `nerd-${tag}` })).toContainText('push only');
  // The collector's first poll lands within one 30 s interval; the pane refreshes itself.
  await expect(pane.getByTestId('swarm-best-diff')).toContainText('4.29', { timeout: 75_000 });
  await expect(table.locator('tbody tr', { hasText: `bitaxe-${tag}` })).toContainText('local API');
  await expect(pane.getByRole('list', { name: 'Firmware versions' })).toContainText('AxeOS v2.15.0');
  await expect(pane.getByRole('list', { name: 'Firmware versions' })).toContainText('unknown (push only)');
  await expect(pane.getByTestId('swarm-odds')).toContainText('1 in', { timeout: 30_000 });
  await expect(pane.getByText(/NerdMiner has no local API/)).toBeVisible();
  await snap(page, testInfo, 'swarm');
});

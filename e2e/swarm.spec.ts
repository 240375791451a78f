// The swarm pane of a site of micro-miners. The e2e server runs the HTTP simulator without the
// collector, so devices here report by push: hashrate and shares arrive through the ingest API;
// best difficulty and firmware (which only a poll of the device's API gives) show as not known yet.
// Bulk restart runs through the remote-actions API (its outcome is e2e/actions.spec.ts's subject).
// tests/integration/swarm.int.test.ts covers the polled path (AxeOS fake → collector → pane data).
import type { APIRequestContext } from '@playwright/test';
import { expect, snap, test, uniqueTag } from './fixtures';
import { createSite, modelId } from './seed';

async function push(api: APIRequestContext, samples: Record<string, unknown>[]) {
  // A device created a moment ago may still be unknown to the ingest directory: retry until known.
  await expect(async () => {
    const res = await api.post('/api/v1/telemetry', { data: { samples } });
    expect(res.status(), await res.text()).toBe(200);
    expect((await res.json()).rejected).toEqual([]);
  }).toPass({ timeout: 20_000, intervals: [500, 1000, 2000] });
}

test('a site of micro-miners shows hashrate, shares, solo odds, firmware and which devices are push-only', async ({
  page,
  api,
}, testInfo) => {
  const tag = uniqueTag();
  const site = await createSite(api, `E2E Swarm ${tag}`);
  const add = async (data: Record<string, unknown>) => {
    const res = await api.post('/api/v1/devices', { data: { siteId: site.id, ...data } });
    expect(res.status(), await res.text()).toBe(201);
    return (await res.json()).id as number;
  };
  const bitaxe = await add({
    name: `bitaxe-${tag}`,
    serial: `E2ESW${tag}`,
    modelId: await modelId(api, 'Bitaxe Gamma'),
    protocol: 'axeos',
    host: '192.168.77.10',
    port: 80,
  });
  const nerd = await add({
    name: `nerd-${tag}`,
    serial: `E2ESN${tag}`,
    modelId: await modelId(api, 'NerdMiner'),
    protocol: 'push',
  });
  const ts = Date.now();
  await push(api, [
    {
      deviceId: bitaxe,
      ts,
      hashrateThs: 1.1,
      powerW: 18,
      acceptedShares: 1234,
      rejectedShares: 5,
      status: 'ok',
    },
    { deviceId: nerd, ts, hashrateThs: 7e-8, powerW: 1, status: 'ok' },
  ]);

  await page.goto(`/sites/${site.id}`);
  await page.getByRole('link', { name: 'Swarm' }).click();
  const pane = page.getByTestId('swarm-pane');
  await expect(pane).toBeVisible();
  const table = pane.getByRole('table', { name: 'Swarm devices' });
  await expect(table.locator('tbody tr', { hasText: `nerd-${tag}` })).toContainText('push only');
  await expect(table.locator('tbody tr', { hasText: `bitaxe-${tag}` })).toContainText('local API');
  // The latest-state job picks the samples up within seconds; the pane refreshes itself.
  await expect(table.locator('tbody tr', { hasText: `bitaxe-${tag}` })).toContainText('1,234 / 5', {
    timeout: 30_000,
  });
  await expect(pane.getByTestId('swarm-odds')).toContainText('1 in');
  const firmware = pane.getByRole('list', { name: 'Firmware versions' });
  await expect(firmware).toContainText('unknown (not polled yet)');
  await expect(firmware).toContainText('unknown (push only)');
  await expect(pane.getByTestId('swarm-best-diff')).toContainText('—');
  await expect(pane.getByText(/NerdMiner has no local API/)).toBeVisible();
  // Bulk restart of the whole swarm goes through remote actions, with the count confirmed and progress.
  await pane.getByTestId('bulk-actions').click();
  await expect(page.getByText('All 2 matching the filter')).toBeVisible();
  await page.getByTestId('filter-reboot').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('2 devices');
  await dialog.getByTestId('action-confirm').click();
  await expect(pane.getByTestId('batch-progress')).toContainText('of 2');
  await snap(page, testInfo, 'swarm');
});

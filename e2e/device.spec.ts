import { expect, snap, test, uniqueTag } from './fixtures';
import { createDevice, createSite, modelId, postTelemetry } from './seed';

test('a device shows its charts, last sample age and status history', async ({ page, api }, testInfo) => {
  const tag = uniqueTag();
  const site = await createSite(api, `E2E Bench ${tag}`);
  const device = await createDevice(api, {
    name: `E2E-${tag}-MINER`,
    serial: `E2E${tag}MINER`,
    siteId: site.id,
    modelId: await modelId(api, 'S21'),
  });
  await postTelemetry(api, device.id, 20);

  await page.goto(`/devices/${device.id}?range=1h`);
  await expect(page.getByRole('heading', { name: device.name, level: 1 })).toBeVisible();
  await expect(page.getByTestId('last-sample-age')).toContainText(/\d+\s(s|min)\sago|just\snow/);

  // Rollups run in the background; the charts refetch until the samples show up as lines.
  for (const chart of ['hashrate', 'power', 'temperature', 'fans']) {
    const line = page.getByTestId(`device-chart-${chart}`).locator('path.recharts-curve').first();
    await expect(line).toHaveAttribute('d', /^M.{40,}/, { timeout: 60_000 });
  }
  await expect(page.getByTestId('device-chart-temperature')).toContainText('Limit');
  await snap(page, testInfo, 'device-charts');

  // Taking it out of service is recorded in the status history.
  await page.getByTestId('maintenance-toggle').click();
  await expect(page.getByTestId('device-status')).toHaveText('Maintenance');
  const history = page.getByTestId('status-history');
  await expect(history.getByRole('row').filter({ hasText: 'set by operator' })).toHaveCount(1);
  await expect(history.locator('[data-status="maintenance"]').first()).toBeVisible();
  await snap(page, testInfo, 'device-maintenance');

  await page.getByTestId('maintenance-toggle').click();
  await expect(history.getByRole('row').filter({ hasText: 'returned to service' })).toHaveCount(1);
});

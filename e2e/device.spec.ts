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

test('a device polled by a site agent names the agent as its collector', async ({ page, api }, testInfo) => {
  const tag = uniqueTag();
  const site = await createSite(api, `E2E Agent ${tag}`);
  const created = await api.post('/api/v1/devices', {
    data: {
      name: `E2E-${tag}-LAN`,
      serial: `E2E${tag}LAN`,
      siteId: site.id,
      modelId: await modelId(api, 'S21'),
      protocol: 'cgminer',
      host: '192.168.77.10',
      port: 4028,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const device = (await created.json()) as { id: number; name: string };
  // What `npm run agent` sends after each cycle: the agent's outcomes, which lease it the device.
  const listed = await api.get(`/api/v1/agent/sites/${site.id}/devices`);
  expect(((await listed.json()) as { devices: { id: number }[] }).devices.map((d) => d.id)).toEqual([
    device.id,
  ]);
  const report = await api.post(`/api/v1/agent/sites/${site.id}/polls`, {
    data: { agent: `lan-${tag}`, outcomes: [{ deviceId: device.id, ok: true, at: Date.now() }] },
  });
  expect(report.status(), await report.text()).toBe(200);

  await page.goto(`/devices/${device.id}`);
  const collector = page.getByTestId('device-collector');
  await expect(collector.getByTestId('collector-source')).toHaveText(`site agent lan-${tag}`);
  await expect(collector.getByTestId('collector-last-ok')).toContainText(/ago|just\snow/);
  await expect(collector).toContainText('Agent lease until');
  await snap(page, testInfo, 'device-agent-collector');
});

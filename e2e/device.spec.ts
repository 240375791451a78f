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

test('device credentials are write-only on the device page, and a NerdMiner says it is push-only', async ({
  page,
  api,
}, testInfo) => {
  const tag = uniqueTag();
  const site = await createSite(api, `E2E Creds ${tag}`);
  const created = await api.post('/api/v1/devices', {
    data: {
      name: `E2E-${tag}-WM`,
      serial: `E2E${tag}WM`,
      siteId: site.id,
      modelId: await modelId(api, 'S21'),
      protocol: 'cgminer',
      host: '192.168.77.11',
      port: 4028,
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const miner = (await created.json()) as { id: number };

  await page.goto(`/devices/${miner.id}`);
  const card = page.getByTestId('device-credentials');
  await expect(card.getByTestId('credentials-state')).toHaveText('none');
  await expect(card.getByTestId('credentials-save')).toBeDisabled();
  await card.getByLabel('Password').fill('wm-admin-pass');
  await card.getByTestId('credentials-save').click();
  await expect(card.getByTestId('credentials-state')).toHaveText('stored');
  // Write-only: the field is emptied and the API only says that credentials exist.
  await expect(card.getByLabel('Password')).toHaveValue('');
  const row = await (await api.get(`/api/v1/devices/${miner.id}`)).json();
  expect(row.hasCredentials).toBe(true);
  expect(JSON.stringify(row)).not.toContain('wm-admin-pass');
  await snap(page, testInfo, 'device-credentials');
  await card.getByTestId('credentials-clear').click();
  await expect(card.getByTestId('credentials-state')).toHaveText('none');

  const nerd = await createDevice(api, {
    name: `E2E-${tag}-NERD`,
    serial: `E2E${tag}NERD`,
    siteId: site.id,
    modelId: await modelId(api, 'NerdMiner'),
  });
  await page.goto(`/devices/${nerd.id}`);
  await expect(page.getByTestId('collector-push-only')).toContainText('NerdMiner has no local API');
  await expect(page.getByTestId('device-credentials')).toHaveCount(0);
  await page.getByTestId('device-actions').click();
  await expect(page.getByTestId('actions-push-only')).toBeVisible();
  await expect(page.getByTestId('action-reboot')).toBeDisabled();
  await expect(page.getByTestId('action-reboot')).toContainText('NerdMiner has no local API');
  await snap(page, testInfo, 'device-nerdminer-push-only');
});

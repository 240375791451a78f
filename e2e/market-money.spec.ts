// Market page, Settings → Market data, the Sites list, and the money cards and projection on the
// Fleet and Site pages. Each test seeds what it checks through the API.
import { expect, snap, test, uniqueTag } from './fixtures';
import { createDevice, createSite, modelId, postTelemetry } from './seed';

const USD = /\$-?[\d,]+(\.\d+)?/;

test('the market page shows BTC, hashprice, a seeded site’s power price and provider status', async ({
  page,
  api,
}, testInfo) => {
  const site = await createSite(api, `E2E Market ${uniqueTag()}`);
  await page.goto('/market');
  await expect(page.getByRole('heading', { name: 'Market', level: 1 })).toBeVisible();
  await expect(page.getByTestId('kpi-btc-usd')).toContainText(USD);
  await expect(page.getByTestId('kpi-hashprice')).toContainText(USD);
  await expect(page.getByTestId('kpi-difficulty')).toContainText(/\d/);
  // The fixed contract of the new site (45 $/MWh, see seed.ts) is listed with the others.
  const prices = page.getByTestId('site-prices-table');
  await expect(prices.getByRole('row', { name: new RegExp(site.name) })).toContainText('45');
  await expect(page.getByTestId('gpu-rates-table')).toContainText('/GPU-h');
  await expect(page.getByTestId('provider-status-table')).toBeVisible();
  await snap(page, testInfo, 'market');
});

test('Settings → Market data: a GPU rate entered in the table is what the market page shows', async ({
  page,
  api,
}, testInfo) => {
  const before = await (await api.get('/api/v1/settings/market')).json();
  const table = await (await api.get('/api/v1/market/gpu-rates')).json();
  // A rate no simulator drift would produce, inside the row's own bounds.
  const rate = '7.31';
  try {
    await page.goto('/settings/market');
    const sources = page.getByTestId('feature-sources');
    await sources.getByLabel('GPU rental rates').selectOption('table');
    await sources.getByRole('button', { name: 'Save sources' }).click();
    await expect(page.getByText('Market sources saved').first()).toBeVisible();

    const editor = page.getByTestId('gpu-rate-editor');
    const model = await editor.getByLabel('GPU model id, row 1').inputValue();
    await editor.getByLabel('Minimum, row 1').fill('1');
    await editor.getByLabel('Maximum, row 1').fill('9');
    await editor.getByLabel('Rate, row 1').fill(rate);
    await editor.getByRole('button', { name: 'Save table' }).click();
    await expect(page.getByText('GPU rates saved').first()).toBeVisible();
    await snap(page, testInfo, 'settings-market');

    // The stored setting survives a reload…
    await page.reload();
    await expect(page.getByTestId('feature-sources').getByLabel('GPU rental rates')).toHaveValue('table');
    await expect(page.getByTestId('gpu-rate-editor').getByLabel('Rate, row 1')).toHaveValue(rate);
    // …and the market page uses it.
    await page.goto('/market');
    const row = page.getByTestId('gpu-rates-table').getByRole('row', { name: new RegExp(model) });
    await expect(row).toContainText(`$${rate}/GPU-h`);
  } finally {
    const restoredTable = await api.put('/api/v1/market/gpu-rates', { data: { rows: table.table } });
    expect(restoredTable.ok(), await restoredTable.text()).toBe(true);
    const restored = await api.put('/api/v1/settings/market', {
      data: { gpuRates: before.settings.gpuRates },
    });
    expect(restored.ok(), await restored.text()).toBe(true);
  }
});

test('the sites list shows a new site with its devices, and links to it', async ({ page, api }) => {
  const tag = uniqueTag();
  const site = await createSite(api, `E2E List ${tag}`);
  const s21 = await modelId(api, 'S21');
  for (const i of [1, 2])
    await createDevice(api, {
      name: `E2E-L${tag}-${i}`,
      serial: `E2EL${tag}${i}`,
      siteId: site.id,
      modelId: s21,
    });

  await page.goto('/sites');
  await expect(page.getByRole('heading', { name: 'Sites', level: 1 })).toBeVisible();
  const row = page.getByTestId('sites-table').getByRole('row', { name: new RegExp(site.name) });
  await expect(row).toContainText('E2E test hall');
  await expect(row).toContainText('2 ASIC');
  await expect(row).toContainText(/fixed/i);
  await row.getByRole('link', { name: site.name }).click();
  await expect(page).toHaveURL(new RegExp(`/sites/${site.id}$`));
  await expect(page.getByRole('heading', { name: site.name, level: 1 })).toBeVisible();
});

test('fleet money cards and projection; a site’s economics for its own devices', async ({
  page,
  api,
}, testInfo) => {
  // Values the 1,200-device demo fleet several times (page, API, device): slow on a busy 2-core box.
  test.setTimeout(180_000);
  const tag = uniqueTag();
  const site = await createSite(api, `E2E Money ${tag}`);
  const s21 = await modelId(api, 'S21');
  const device = await createDevice(api, {
    name: `E2E-M${tag}`,
    serial: `E2EM${tag}`,
    siteId: site.id,
    modelId: s21,
  });
  await postTelemetry(api, device.id, 10);

  await page.goto('/fleet');
  const money = page.getByTestId('fleet-money-cards');
  // The fleet money view values 1,200 demo devices: on a busy 2-core machine it can take a while.
  await expect(money.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 60_000 });
  for (const card of ['money-revenue', 'money-energy', 'money-margin'])
    await expect(money.getByTestId(card)).toContainText(USD);
  await expect(money.getByTestId('money-cost-per-btc')).toContainText(USD);
  // AI revenue follows the assignment history: the demo's GPU servers are rented out (and on jobs),
  // so the fleet earns from AI; an unassigned server would earn nothing whatever its telemetry says.
  const summary = await (await api.get('/api/v1/fleet/summary')).json();
  expect(summary.money.ai.revenueUsdPerDay).toBeGreaterThan(0);
  const rented = await (await api.get('/api/v1/assignments?kind=rent&current=true&limit=1')).json();
  expect(rented.data).toHaveLength(1);
  const gpuServer = await (await api.get(`/api/v1/economics/devices/${rented.data[0].deviceId}`)).json();
  expect(gpuServer.economics.workload).toBe('rent');
  expect(gpuServer.economics.revenueUsdPerDay).toBeCloseTo(
    rented.data[0].gpus * rented.data[0].rateUsdPerGpuHour * (rented.data[0].utilisationPct / 100) * 24,
    6,
  );
  const projection = page.getByTestId('projection-card');
  await expect(projection.getByTestId('projection-today')).toContainText(USD);
  await expect(projection.getByTestId('projection-halving-growth')).toContainText(USD);
  const line = projection.locator('path.recharts-line-curve').first();
  await expect(line).toHaveAttribute('d', /^M.{50,}/);
  // A longer horizon draws a longer projection.
  const short = (await line.getAttribute('d'))!.length;
  await projection.getByLabel('Horizon').selectOption('1095');
  await expect.poll(async () => (await line.getAttribute('d'))?.length ?? 0).toBeGreaterThan(short);
  await snap(page, testInfo, 'fleet-money');

  await page.goto(`/sites/${site.id}`);
  const panel = page.getByTestId('site-economics-panel');
  const s21Row = panel.getByTestId('breakeven-table').getByRole('row', { name: /S21/ });
  await expect(s21Row).toContainText('1');
  await expect(s21Row).toContainText(USD);
  await snap(page, testInfo, 'site-money');
});

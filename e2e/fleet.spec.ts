import { expect, snap, test } from './fixtures';

test('fleet overview shows live KPIs, charts with data and the status breakdown', async ({
  page,
}, testInfo) => {
  await page.goto('/fleet');
  await expect(page.getByRole('heading', { name: 'Fleet', level: 1 })).toBeVisible();

  // The demo fleet hashes in PH/s; the simulator keeps devices reporting.
  await expect(page.getByTestId('kpi-hashrate')).toContainText(/\d\s*PH\/s/);
  await expect(page.getByTestId('kpi-power')).toContainText(/\d\s*(kW|MW)/);
  await expect(page.getByTestId('kpi-efficiency')).toContainText(/\d+\.\d\s*J\/TH/);
  await expect(page.getByTestId('kpi-online')).toContainText(/[1-9][\d,]*/);

  // Charts draw a filled area from the backfilled history.
  for (const chart of ['chart-hashrate', 'chart-power']) {
    const area = page.getByTestId(chart).locator('path.recharts-area-area');
    await expect(area).toHaveCount(1);
    await expect(area).toHaveAttribute('d', /^M.{200,}/);
  }
  await expect(page.getByTestId('status-breakdown')).toContainText('Online');
  // Other tests add sites to the shared database: check the demo ones are listed, not a count.
  const sites = page.getByTestId('site-totals-table');
  for (const site of ['Permian Basin, TX', 'Trollhättan Hydro, SE', 'Garage swarm, CO']) {
    await expect(sites.getByRole('link', { name: site })).toBeVisible();
  }
  await snap(page, testInfo, 'fleet-24h');

  // The range lives in the URL and the chart follows it.
  await page.getByRole('radio', { name: '1h' }).check();
  await expect(page).toHaveURL(/range=1h/);
  await expect(page.getByTestId('chart-hashrate').locator('path.recharts-area-area')).toHaveAttribute(
    'd',
    /^M.{100,}/,
  );
  await snap(page, testInfo, 'fleet-1h');

  // Dark theme renders the same page.
  await page.emulateMedia({ colorScheme: 'dark' });
  await expect(page.locator('html')).toHaveClass(/dark/);
  await snap(page, testInfo, 'fleet-dark');

  // A status in the breakdown opens the device list filtered by it.
  await page
    .getByTestId('status-breakdown')
    .getByRole('link', { name: /Offline/ })
    .click();
  await expect(page).toHaveURL(/\/devices\?status=offline/);
  await expect(page.getByRole('button', { name: 'Offline', pressed: true })).toBeVisible();
});

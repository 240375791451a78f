import { readFileSync } from 'node:fs';
import { expect, snap, test } from './fixtures';

test('a backtest runs on the shipped SE3 and BTC series, charts and tables each policy, exports CSV, and can be cancelled', async ({
  page,
}, testInfo) => {
  test.setTimeout(180_000);
  await page.goto('/allocation/backtests');
  await expect(page.getByRole('heading', { name: 'Backtests', level: 1 })).toBeVisible();
  await page.getByLabel('From (UTC)').fill('2024-01-01');
  await page.getByLabel('To (UTC, exclusive)').fill('2024-01-04');
  await page.getByLabel('Strike $/MWh').fill('60');
  await page.getByRole('button', { name: 'Run backtest' }).click();

  const detail = page.getByTestId('backtest-detail');
  await expect(detail.getByTestId('backtest-status')).toHaveText('done', { timeout: 120_000 });
  const table = page.getByTestId('backtest-results');
  for (const label of [
    'Always mine',
    'Strike $60/MWh, hold 2 h',
    'Optimizer (day-ahead look-ahead)',
    'Optimizer (hour by hour)',
  ])
    await expect(table.getByRole('row', { name: new RegExp(label.replace(/[$()]/g, '\\$&')) })).toBeVisible();
  await expect(detail.getByRole('figure', { name: 'Cumulative profit per policy' })).toBeVisible();
  await expect(detail).toContainText('Energinet');
  await snap(page, testInfo, 'allocation-backtest');

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: 'Download results CSV' }).click();
  const csv = readFileSync((await (await downloading).path())!, 'utf8')
    .trim()
    .split('\n');
  expect(csv[0]).toMatch(/^policy,profit_usd,revenue_usd/);
  expect(csv).toHaveLength(5);

  // A whole year, cancelled while it runs.
  await page.getByLabel('From (UTC)').fill('2023-01-01');
  await page.getByLabel('To (UTC, exclusive)').fill('2024-12-31');
  await page.getByRole('button', { name: 'Run backtest' }).click();
  await expect(page.getByRole('progressbar', { name: 'Backtest progress' })).toBeVisible();
  await page.getByRole('button', { name: 'Cancel' }).click();
  await expect(detail.getByTestId('backtest-status')).toHaveText('cancelled', { timeout: 30_000 });
});

import { readFileSync } from 'node:fs';
import { expect, snap, test } from './fixtures';

test('a report previews in the browser and downloads as CSV, XLSX, PDF and JSON', async ({
  page,
}, testInfo) => {
  const to = new Date().toISOString().slice(0, 10);
  const from = new Date(Date.now() - 2 * 86_400_000).toISOString().slice(0, 10);
  await page.goto(`/reports?kind=energy&from=${from}&to=${to}`);
  await expect(page.getByRole('heading', { name: 'Reports', level: 1 })).toBeVisible();
  const table = page.getByTestId('report-table');
  await expect(table.getByRole('row').nth(1)).toBeVisible();
  await expect(page.getByTestId('report-chart')).toBeVisible();
  await expect(page.getByTestId('report-totals')).toContainText('energyCostUsd');
  await snap(page, testInfo, 'reports-energy');

  const checks: [string, (b: Buffer) => void][] = [
    ['CSV', (b: Buffer) => expect(b.toString('utf8').split('\r\n')[0]).toContain('Energy (kWh)')],
    ['XLSX', (b: Buffer) => expect(b.subarray(0, 2).toString('latin1')).toBe('PK')],
    ['PDF', (b: Buffer) => expect(b.subarray(0, 5).toString('latin1')).toBe('%PDF-')],
    ['JSON', (b: Buffer) => expect(JSON.parse(b.toString('utf8')).kind).toBe('energy')],
  ];
  for (const [format, check] of checks) {
    const downloading = page.waitForEvent('download');
    await page.getByRole('button', { name: `Download ${format}` }).click();
    const download = await downloading;
    expect(download.suggestedFilename()).toMatch(new RegExp(`^energy-.*\\.${format.toLowerCase()}$`));
    check(readFileSync((await download.path())!));
  }

  await page.getByRole('combobox', { name: 'Report kind' }).selectOption('revenue');
  await expect(page).toHaveURL(/kind=revenue/);
  await expect(page.getByTestId('report-totals')).toContainText('miningRevenueUsd');
});

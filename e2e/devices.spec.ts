import { expect, snap, test, uniqueTag } from './fixtures';
import { createDevice, createSite, modelId } from './seed';

test('devices: search, filter, sort and paginate, with the state in the URL', async ({
  page,
  api,
}, testInfo) => {
  const tag = uniqueTag();
  const site = await createSite(api, `E2E Lab ${tag}`);
  const bitaxe = await modelId(api, 'Gamma');
  for (const letter of ['A', 'B', 'C']) {
    await createDevice(api, {
      name: `E2E-${tag}-${letter}`,
      serial: `E2E${tag}${letter}`,
      siteId: site.id,
      modelId: bitaxe,
    });
  }
  const table = page.getByTestId('devices-table');
  const summary = page.getByTestId('pagination-summary');
  const dataRows = table.locator('tbody tr[data-row-id]');

  await page.goto('/devices');
  await expect(summary).toHaveText(/^Showing 1–50 of 1,2\d\d$/);

  // Search narrows to the three devices made above.
  await page.getByRole('searchbox', { name: /Search/ }).fill(tag);
  await expect(page).toHaveURL(new RegExp(`q=${tag}`));
  await expect(dataRows).toHaveCount(3);
  await expect(summary).toHaveText('Showing 1–3 of 3');

  // Sort by name, descending: C first.
  await table.getByRole('button', { name: 'Name' }).click();
  await expect(page).toHaveURL(/sort=name\.desc/);
  await expect(dataRows.first()).toContainText(`E2E-${tag}-C`);
  await expect(table.getByRole('columnheader', { name: 'Name' })).toHaveAttribute('aria-sort', 'descending');
  await snap(page, testInfo, 'devices-search-sorted');

  // A class filter that matches none of them shows the empty state; clearing brings everything back.
  await page.getByRole('button', { name: 'GPU servers' }).click();
  await expect(page).toHaveURL(/class=gpu/);
  await expect(table.getByTestId('empty-state')).toContainText('No devices match');
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(page.getByRole('searchbox', { name: /Search/ })).toHaveValue('');
  await expect(summary).toHaveText(/^Showing 1–50 of 1,2\d\d$/);

  // Status filter: every row shown is offline.
  await page.getByRole('button', { name: 'Offline' }).click();
  await expect(page).toHaveURL(/status=offline/);
  await expect(dataRows.first()).toBeVisible();
  const statuses = await dataRows
    .locator('[data-status]')
    .evaluateAll((nodes) => nodes.map((node) => node.getAttribute('data-status')));
  expect(statuses.length).toBeGreaterThan(0);
  expect(new Set(statuses)).toEqual(new Set(['offline']));
  await page.getByRole('button', { name: 'Offline', pressed: true }).click();
  await expect(page).not.toHaveURL(/status=/);

  // Pages of 25 over the whole fleet; the cursor stack is in the URL, so a reload keeps the page.
  await page.getByRole('combobox', { name: 'Rows' }).selectOption('25');
  await expect(summary).toHaveText(/^Showing 1–25 of 1,2\d\d$/);
  const firstOnPageOne = await dataRows.first().getAttribute('data-row-id');
  await page.getByRole('button', { name: 'Next' }).click();
  await expect(summary).toHaveText(/^Showing 26–50 of 1,2\d\d$/);
  await expect(page).toHaveURL(/after=/);
  await expect(dataRows.first()).not.toHaveAttribute('data-row-id', firstOnPageOne!);
  await page.reload();
  await expect(summary).toHaveText(/^Showing 26–50 of 1,2\d\d$/);
  await snap(page, testInfo, 'devices-page-2');
  await page.getByRole('button', { name: 'Previous' }).click();
  await expect(summary).toHaveText(/^Showing 1–25 of 1,2\d\d$/);
  await expect(dataRows.first()).toHaveAttribute('data-row-id', firstOnPageOne!);

  // A row opens its device.
  await dataRows.first().click();
  await expect(page).toHaveURL(new RegExp(`/devices/${firstOnPageOne}$`));
});

import { readFileSync } from 'node:fs';
import { expect, snap, test, uniqueTag } from './fixtures';

test('a generated monthly statement is listed on the Reports page and downloads as a PDF', async ({
  page,
  api,
}, testInfo) => {
  const name = `Statement client ${uniqueTag()}`;
  const created = await api.post('/api/v1/tenants', { data: { name, timezone: 'Europe/Stockholm' } });
  expect(created.status(), await created.text()).toBe(201);
  const tenant = (await created.json()) as { id: number; timezone: string | null };
  expect(tenant.timezone).toBe('Europe/Stockholm');
  const generated = await api.post('/api/v1/statements', { data: { tenantId: tenant.id, month: '2024-03' } });
  expect(generated.status(), await generated.text()).toBe(201);
  // The same month again is the stored statement, not a second one.
  const again = await api.post('/api/v1/statements', { data: { tenantId: tenant.id, month: '2024-03' } });
  expect(again.status()).toBe(200);

  await page.goto('/reports');
  const row = page.getByTestId('statement-row').filter({ hasText: name });
  await expect(row).toHaveCount(1);
  await expect(row).toContainText('2024-03');
  await expect(row).toContainText('Europe/Stockholm');
  await snap(page, testInfo, 'reports-statements');

  const downloading = page.waitForEvent('download');
  await row.getByRole('link', { name: /PDF/ }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe(`statement-tenant${tenant.id}-2024-03.pdf`);
  const bytes = readFileSync((await download.path())!);
  expect(bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
});

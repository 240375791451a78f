import { expect, snap, test } from './fixtures';

test('the API reference lists every documented operation, folds out schemas, and works offline', async ({
  page,
  baseURL,
}, testInfo) => {
  const doc = await (await page.request.get('/api/openapi.json')).json();
  const operations = Object.values(doc.paths as Record<string, object>).reduce(
    (n: number, methods) => n + Object.keys(methods).length,
    0,
  );
  // Nothing from another origin: every request the page makes stays on the app's own host.
  const foreign: string[] = [];
  const origin = new URL(baseURL!).origin;
  page.on('request', (r) => {
    if (!r.url().startsWith(origin) && !r.url().startsWith('data:')) foreign.push(r.url());
  });
  await page.goto('/settings/api');
  await expect(page.getByRole('heading', { name: 'API reference', level: 1 })).toBeVisible();
  await expect(page.getByTestId('api-operation')).toHaveCount(operations);

  const rules = page.locator('#postApiV1AlertRules');
  await rules.locator('summary').click();
  await expect(rules.getByText('"severity"')).toBeVisible();
  await snap(page, testInfo, 'api-reference');

  const downloading = page.waitForEvent('download');
  await page.getByRole('link', { name: '/api/openapi.json' }).click();
  const download = await downloading;
  expect(download.suggestedFilename()).toBe('switchyard-openapi.json');
  expect(foreign).toEqual([]);
});

import { expect, test } from './fixtures';

// Detail pages check the id in their segment layout, before any loading skeleton streams, so an
// unknown id is a real HTTP 404 (not a 200 page that happens to say "Not found").
for (const path of [
  '/devices/999999',
  '/sites/999999',
  '/devices/abc',
  '/sites/0',
  '/workloads/jobs/999999',
  '/settings/no-such-page',
  '/settings/users/nope',
]) {
  test(`${path} answers 404 with the not-found page`, async ({ page }) => {
    const response = await page.goto(path);
    expect(response?.status()).toBe(404);
    await expect(
      page.getByText('It does not exist, was deleted, or belongs to another tenant.'),
    ).toBeVisible();
    // Inside the app shell (the user can navigate on), not a bare error page.
    await expect(page.getByRole('link', { name: 'Back to the fleet' })).toBeVisible();
  });
}

test('a known device still renders with 200 and its loading skeleton on navigation', async ({
  page,
  api,
}) => {
  const list = await api.get('/api/v1/devices?limit=1');
  const [device] = ((await list.json()) as { data: { id: number; name: string }[] }).data;
  const response = await page.goto(`/devices/${device!.id}`);
  expect(response?.status()).toBe(200);
  await expect(page.getByRole('heading', { name: device!.name, level: 1 })).toBeVisible();
});

test('the history fill status answers signed-in users only', async ({ api, playwright, baseURL }) => {
  // An explicit empty state: contexts made here inherit the project's signed-in storage state.
  const anonymous = await playwright.request.newContext({
    baseURL,
    storageState: { cookies: [], origins: [] },
  });
  expect((await anonymous.get('/api/v1/simulator/history')).status()).toBe(401);
  await anonymous.dispose();
  const response = await api.get('/api/v1/simulator/history');
  expect(response.status()).toBe(200);
  // The e2e database is prepared with a finished one-day history (e2e/prepare-db.ts).
  expect(await response.json()).toMatchObject({ status: 'done', days: 1, daysFilled: 1 });
});

test('an unknown API path answers the JSON 404 envelope, known routes still win', async ({ api }) => {
  for (const path of ['/api/v1/nope', '/api/v1/devices/1/nope', '/api/nope']) {
    const response = await api.get(path);
    expect(response.status(), path).toBe(404);
    expect(response.headers()['content-type']).toContain('application/json');
    expect(await response.json()).toMatchObject({ error: { code: 'not_found' } });
  }
  const bad = await api.post('/api/v1/nope', { data: {} });
  expect(bad.status()).toBe(404);
  expect((await api.get('/api/v1/devices?limit=1')).status()).toBe(200);
  // A hex id is not an id: a 400 naming the field, not device 1207.
  const hex = await api.get('/api/v1/devices?siteId=0x4B7');
  expect(hex.status()).toBe(400);
});

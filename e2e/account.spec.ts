import { clickWhenHydrated, expect, snap, test, uniqueTag } from './fixtures';

const FIRST = 'first-password-for-e2e';
const SECOND = 'second-password-for-e2e';

test('a user changes their password on Settings → Account; other sessions end, this one stays', async ({
  browser,
  api,
  playwright,
  baseURL,
}, testInfo) => {
  const email = `account-${uniqueTag().toLowerCase()}@e2e.test`;
  const created = await api.post('/api/v1/users', {
    data: { email, name: 'Account Owner', role: 'viewer', password: FIRST },
  });
  expect(created.status(), await created.text()).toBe(201);

  // A second session of the same user, elsewhere.
  const elsewhere = await playwright.request.newContext({ baseURL, extraHTTPHeaders: { origin: baseURL! } });
  expect((await elsewhere.post('/api/auth/login', { data: { email, password: FIRST } })).status()).toBe(200);
  expect((await elsewhere.get('/api/v1/sessions')).status()).toBe(200);

  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(FIRST);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));

  await page.getByRole('button', { name: 'Open user menu' }).click();
  await page.getByRole('menuitem', { name: 'Account and password' }).click();
  await expect(page.getByRole('heading', { name: 'Account', level: 1 })).toBeVisible();
  const table = page.getByTestId('sessions-table');
  await expect(table.getByRole('row').filter({ hasText: 'This session' })).toHaveCount(1);
  await expect(table.getByRole('button', { name: 'Sign out' })).toHaveCount(1);

  await page.getByLabel('Current password').fill(FIRST);
  await page.getByRole('textbox', { name: 'New password', exact: true }).fill(SECOND);
  await page.getByLabel('Repeat new password').fill(SECOND);
  await clickWhenHydrated(page.getByRole('button', { name: 'Change password' }));
  await expect(page.getByText('1 other session(s) signed out.')).toBeVisible();
  await expect(table.getByRole('button', { name: 'Sign out' })).toHaveCount(0);
  await snap(page, testInfo, 'account-password-changed');

  expect((await elsewhere.get('/api/v1/sessions')).status()).toBe(401);
  // This session still works after a reload; the new password signs in, the old one does not.
  await page.reload();
  await expect(page.getByRole('heading', { name: 'Account', level: 1 })).toBeVisible();
  expect((await elsewhere.post('/api/auth/login', { data: { email, password: FIRST } })).status()).toBe(401);
  expect((await elsewhere.post('/api/auth/login', { data: { email, password: SECOND } })).status()).toBe(200);
  await page.reload();
  await clickWhenHydrated(page.getByRole('button', { name: 'Sign out other sessions' }));
  await expect(page.getByText('1 other session(s) signed out')).toBeVisible();
  expect((await elsewhere.get('/api/v1/sessions')).status()).toBe(401);
  await elsewhere.dispose();
  await context.close();
});

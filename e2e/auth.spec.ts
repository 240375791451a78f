import { ADMIN_EMAIL, ADMIN_PASSWORD } from './constants';
import { expect, snap, test } from './fixtures';

// These tests start signed out.
test.use({ storageState: { cookies: [], origins: [] } });

test('an unauthenticated visit redirects to the sign-in page', async ({ page, request }, testInfo) => {
  await page.goto('/devices?status=offline');
  await expect(page).toHaveURL(/\/login\?next=%2Fdevices%3Fstatus%3Doffline$/);
  await expect(page.getByRole('heading', { name: 'Sign in to Switchyard' })).toBeVisible();
  await snap(page, testInfo, 'login-page');
  // The API answers for itself (no redirect), with the error envelope.
  const response = await request.get('/api/v1/sites');
  expect(response.status()).toBe(401);
  expect((await response.json()).error.code).toBe('unauthorized');
});

test('an invalid login shows an error and stays on the page', async ({ page }, testInfo) => {
  await page.goto('/login');
  await page.getByLabel('Email').fill(ADMIN_EMAIL);
  await page.getByLabel('Password').fill('not-the-password');
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page.getByTestId('login-error')).toHaveText('Email or password is incorrect');
  await expect(page).toHaveURL(/\/login$/);
  // Never a GET form: a submit before hydration must not put the password in the URL.
  await expect(page.getByRole('form', { name: 'Sign in' })).toHaveAttribute('method', 'post');
  await snap(page, testInfo, 'login-error');
});

test('signing in through the form opens the page that was asked for', async ({ page }, testInfo) => {
  await page.goto('/devices?status=offline');
  await expect(page).toHaveURL(/\/login\?next=/);
  await page.getByLabel('Email').fill(ADMIN_EMAIL);
  await page.getByLabel('Password').fill(ADMIN_PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
  await expect(page).toHaveURL(/\/devices\?status=offline$/);
  await expect(page.getByRole('heading', { name: 'Devices', level: 1 })).toBeVisible();
  await expect(page.getByRole('button', { name: 'Offline', pressed: true })).toBeVisible();
  await snap(page, testInfo, 'signed-in');

  // And out again: the session ends and pages send us back to sign in.
  await page.getByTestId('user-menu').click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await expect(page).toHaveURL(/\/login/);
  await page.goto('/fleet');
  await expect(page).toHaveURL(/\/login\?next=%2Ffleet$/);
});

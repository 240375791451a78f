// Two-factor in Chromium: enrol on Settings → Account (the test computes the code from the key the
// page shows, as an authenticator app would), sign out, sign in with a code, then with a recovery
// code once; an enforced role is held at the enrolment page until it enrols.
import { decodeBase32IgnorePadding } from '@oslojs/encoding';
import { generateHOTP } from '@oslojs/otp';
import type { Page } from '@playwright/test';
import { clickWhenHydrated, expect, snap, test, uniqueTag } from './fixtures';

const PASSWORD = 'two-factor-e2e-password';

/** The code an authenticator app shows `aheadSteps` steps from now (the server accepts ±1 step). */
function codeFor(secret: string, aheadSteps = 0): string {
  const step = Math.floor(Date.now() / 30_000) + aheadSteps;
  return generateHOTP(decodeBase32IgnorePadding(secret), BigInt(step), 6);
}

async function signIn(page: Page, email: string) {
  await page.goto('/login');
  await page.getByLabel('Email').fill(email);
  await page.getByLabel('Password').fill(PASSWORD);
  await page.getByRole('button', { name: 'Sign in' }).click();
}

async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Open user menu' }).click();
  await page.getByRole('menuitem', { name: 'Sign out' }).click();
  await page.waitForURL((url) => url.pathname.startsWith('/login'));
}

/** Enrols on the two-factor card shown on this page; returns the key and the recovery codes. */
async function enrol(page: Page) {
  const card = page.getByTestId('two-factor-card');
  const qr = card.getByRole('img', { name: 'QR code to scan with your authenticator app' });
  await clickWhenHydrated(card.getByRole('button', { name: 'Set up two-factor' }));
  await expect(qr).toBeVisible();
  const secret = (await card.getByTestId('totp-secret').textContent())?.trim() ?? '';
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await expect(card.getByTestId('totp-uri')).toHaveValue(new RegExp(`^otpauth://totp/.*secret=${secret}`));
  await card.getByLabel('Code from the app').fill(codeFor(secret));
  await card.getByRole('button', { name: 'Turn on two-factor' }).click();
  const list = card.getByTestId('recovery-codes').getByRole('listitem');
  await expect(list).toHaveCount(10);
  const recovery = await list.allTextContents();
  return { secret, recovery, card };
}

test('enrol on Settings → Account, then sign in with a code and once with a recovery code', async ({
  browser,
  api,
}, testInfo) => {
  const email = `twofa-${uniqueTag().toLowerCase()}@e2e.test`;
  const created = await api.post('/api/v1/users', {
    data: { email, name: 'Two Factor', role: 'viewer', password: PASSWORD },
  });
  expect(created.status(), await created.text()).toBe(201);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  await signIn(page, email);
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto('/settings/account');

  const { secret, recovery, card } = await enrol(page);
  await snap(page, testInfo, 'two-factor-recovery-codes');
  await card.getByRole('button', { name: 'I have saved them' }).click();
  await expect(card.getByTestId('two-factor-state')).toContainText('10 recovery codes left');
  await expect(card.getByText('On', { exact: true })).toBeVisible();

  // Password alone no longer signs in: the second step asks for the code.
  await signOut(page);
  await signIn(page, email);
  await expect(page.getByLabel('Authentication code')).toBeVisible();
  expect((await context.cookies()).some((c) => c.name === 'sy_session')).toBe(false);
  // The pending step opens no page.
  const probe = await context.newPage();
  await probe.goto('/fleet');
  await expect(probe).toHaveURL(/\/login/);
  await probe.close();
  // The next step's code: the one used to enrol belongs to this step and may not be used again.
  await page.getByLabel('Authentication code').fill(codeFor(secret, 1));
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));

  // A recovery code works once.
  const spare = recovery[0] as string;
  await signOut(page);
  await signIn(page, email);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(spare);
  await page.getByRole('button', { name: 'Verify' }).click();
  await page.waitForURL((url) => !url.pathname.startsWith('/login'));
  await page.goto('/settings/account');
  await expect(page.getByTestId('two-factor-state')).toContainText('9 recovery codes left');
  await signOut(page);
  await signIn(page, email);
  await page.getByRole('button', { name: 'Use a recovery code instead' }).click();
  await page.getByLabel('Recovery code').fill(spare);
  await page.getByRole('button', { name: 'Verify' }).click();
  await expect(page.getByTestId('login-error')).toHaveText('That code is not valid');
  await snap(page, testInfo, 'two-factor-recovery-reused');
  await context.close();
});

test('a role that must use two-factor is held at the enrolment page until it enrols', async ({
  browser,
  api,
}) => {
  const email = `enforced-${uniqueTag().toLowerCase()}@e2e.test`;
  expect(
    (
      await api.post('/api/v1/users', { data: { email, name: 'Held', role: 'operator', password: PASSWORD } })
    ).status(),
  ).toBe(201);
  expect(
    (await api.put('/api/v1/settings/security', { data: { requiredRoles: ['operator'] } })).status(),
  ).toBe(200);
  const context = await browser.newContext({ storageState: { cookies: [], origins: [] } });
  try {
    const page = await context.newPage();
    await signIn(page, email);
    await page.waitForURL('**/setup-two-factor');
    await expect(page.getByRole('heading', { name: 'Set up two-factor sign-in' })).toBeVisible();
    await page.goto('/devices');
    await expect(page).toHaveURL(/\/setup-two-factor$/);
    expect((await page.request.get('/api/v1/devices')).status()).toBe(403);
    const { card } = await enrol(page);
    await card.getByRole('button', { name: 'I have saved them' }).click();
    await page.waitForURL((url) => !url.pathname.startsWith('/setup-two-factor'));
    await page.goto('/devices');
    await expect(page).toHaveURL(/\/devices$/);
    expect((await page.request.get('/api/v1/devices')).status()).toBe(200);
  } finally {
    await api.put('/api/v1/settings/security', { data: { requiredRoles: [] } });
    await context.close();
  }
});

import { expect, snap, test, uniqueTag } from './fixtures';

test('an API token is shown once at creation, works, and stops working when revoked', async ({
  page,
  playwright,
  baseURL,
}, testInfo) => {
  const name = `e2e-agent-${uniqueTag()}`;
  await page.goto('/settings/tokens');
  await expect(page.getByRole('heading', { name: 'API tokens', level: 1 })).toBeVisible();

  await page.getByTestId('create-token').click();
  const dialog = page.getByRole('dialog');
  await dialog.getByLabel('Name').fill(name);
  await dialog.getByLabel('Role').selectOption('viewer');
  await dialog.getByRole('button', { name: 'Create token' }).click();
  const field = dialog.getByTestId('new-token-value');
  await expect(field).toHaveValue(/^syd_[A-Za-z0-9]{32,}$/);
  const token = await field.inputValue();
  await snap(page, testInfo, 'token-created');
  await dialog.getByRole('button', { name: 'Done' }).click();
  await expect(dialog).toBeHidden();
  // Shown once: the page keeps only the hint.
  await expect(page.getByText(token)).toHaveCount(0);

  const row = page.getByTestId('tokens-table').getByRole('row').filter({ hasText: name });
  await expect(row.getByTestId('token-state')).toHaveText('Active');
  await expect(row).toContainText(`${token.slice(0, 8)}…`);

  // A client without a cookie, only the bearer token.
  const client = await playwright.request.newContext({ baseURL });
  const asToken = () => client.get('/api/v1/sites', { headers: { authorization: `Bearer ${token}` } });
  expect((await asToken()).status()).toBe(200);

  await row.getByRole('button', { name: /Revoke/ }).click();
  await page.getByRole('dialog').getByRole('button', { name: 'Revoke token' }).click();
  await expect(row.getByTestId('token-state')).toHaveText('Revoked');
  await expect(row.getByRole('button', { name: /Revoke/ })).toHaveCount(0);
  await snap(page, testInfo, 'token-revoked');
  expect((await asToken()).status()).toBe(401);
  await client.dispose();
});

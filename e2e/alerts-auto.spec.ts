// The rule editor's automatic action: an operator picks "reboot" with a rate limit, previews what
// the rule would have done over the demo's last 24 h of stored rollups (devices acted on, the
// ones the limit held back), saves it, sees the action in the rules table, and removes it again.
import { expect, snap, test, uniqueTag } from './fixtures';

test('an operator previews and saves a rule with an automatic reboot under a rate limit', async ({
  page,
  api,
}, testInfo) => {
  const tag = uniqueTag();
  // The demo's ASIC site by name: specs before this one add sites of their own, and the list is by name.
  const sites = (await (await api.get('/api/v1/sites')).json()) as { data: { id: number; name: string }[] };
  const siteId = sites.data.find((s) => s.name === 'Permian Basin, TX')!.id;
  await page.goto('/alerts');
  await page.getByRole('tab', { name: 'Rules' }).click();
  await page.getByTestId('new-rule').click();
  const form = page.getByTestId('rule-form');
  const name = `Dead hashboard ${tag}`;
  await form.getByLabel('Name').fill(name);
  await form.getByLabel('Metric').selectOption('hashratePctOfNominal');
  await form.getByLabel('Operator').selectOption('<');
  // Under 101 % of nameplate: nearly every hashing device in the backfilled day, so the limit bites.
  await form.getByLabel('Threshold', { exact: true }).fill('101');
  await form.getByLabel('For (s)').fill('0');
  await form.getByLabel('Site id').fill(String(siteId));
  await form.getByLabel('Automatic action').selectOption('reboot');
  await form.getByLabel('Max devices per hour').fill('2');
  await expect(form).toContainText('at most 2 devices per hour');
  await form.getByTestId('preview-rule').click();

  const actions = form.getByTestId('rule-preview-actions');
  await expect(actions).toBeVisible({ timeout: 30_000 });
  await expect(actions).toContainText('Automatic reboot');
  await expect(actions).toContainText('held back by the limit of 2/h');
  const rows = actions.getByTestId('preview-action-row');
  await expect(rows.first()).toContainText('reboot');
  await expect(rows.filter({ hasText: 'requested' }).first()).toBeVisible();
  await expect(rows.filter({ hasText: 'rate limited' }).first()).toBeVisible();
  await snap(page, testInfo, 'preview');

  await form.getByTestId('save-rule').click();
  const row = page.getByTestId('rules-table').getByRole('row').filter({ hasText: name });
  await expect(row).toContainText('reboot, ≤ 2/h');
  const rules = (await (await api.get('/api/v1/alert-rules')).json()) as {
    data: { name: string; action: unknown }[];
  };
  expect(rules.data.find((r) => r.name === name)?.action).toEqual({ kind: 'reboot', maxDevicesPerHour: 2 });

  page.once('dialog', (d) => void d.accept());
  await row.getByRole('button', { name: 'Delete' }).click();
  await expect(page.getByTestId('rules-table').getByRole('row').filter({ hasText: name })).toHaveCount(0);
});

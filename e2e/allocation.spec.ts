// Allocation end to end on the demo fleet: the recommended plan, a what-if on the BTC price
// re-planned in the browser (the schedule changes), apply with confirmation, and the devices'
// current assignments change accordingly (read back through the API).
import type { APIRequestContext } from '@playwright/test';
import { expect, snap, test } from './fixtures';

type Assignment = { deviceId: number; kind: string };

async function currentAssignments(api: APIRequestContext, siteId: number): Promise<Assignment[]> {
  const res = await api.get(`/api/v1/assignments?siteId=${siteId}&current=true&limit=5000`);
  expect(res.status()).toBe(200);
  return (await res.json()).data;
}

test('allocation: a BTC what-if re-plans in the browser, apply changes the assignments', async ({
  page,
  api,
}, testInfo) => {
  test.setTimeout(180_000);
  await page.goto('/allocation');
  await expect(page.getByTestId('allocation-view')).toBeVisible({ timeout: 60_000 });
  const siteId = Number(await page.getByTestId('allocation-site').inputValue());
  const schedule = page.getByTestId('allocation-schedule');
  await expect(schedule).toBeVisible();
  await expect(schedule.locator('svg').first()).toBeVisible();
  const miningBefore = Number(await schedule.getAttribute('data-mining-kw'));
  const curtailedBefore = Number(await schedule.getAttribute('data-curtailed-kw'));
  await snap(page, testInfo, '1-plan');

  // BTC to the bottom of the slider: hashprice falls with it and ASICs stop paying for their power.
  const btc = page.getByTestId('what-if-btc');
  await btc.focus();
  await btc.press('Home');
  await expect(page.getByTestId('what-if-active')).toBeVisible();
  await expect(page.getByTestId('allocation-replan-ms')).toBeVisible();
  await expect
    .poll(async () => Number(await schedule.getAttribute('data-mining-kw')))
    .toBeLessThan(miningBefore);
  expect(Number(await schedule.getAttribute('data-curtailed-kw'))).toBeGreaterThan(curtailedBefore);
  await snap(page, testInfo, '2-what-if');

  const before = await currentAssignments(api, siteId);
  const curtailedBeforeApply = before.filter((a) => a.kind === 'curtail').length;

  await page.getByTestId('allocation-apply').click();
  const dialog = page.getByTestId('apply-dialog');
  await expect(dialog.getByTestId('apply-changes')).toBeVisible({ timeout: 60_000 });
  const changes = Number(
    ((await dialog.getByTestId('apply-change-count').textContent()) ?? '').replace(/,/g, ''),
  );
  expect(changes).toBeGreaterThan(0);
  await expect(dialog.getByText(/curtail/).first()).toBeVisible();
  await snap(page, testInfo, '3-confirm');
  await dialog.getByTestId('apply-confirm').click();
  await expect(dialog.getByTestId('apply-result')).toBeVisible({ timeout: 60_000 });
  await snap(page, testInfo, '4-applied');

  const after = await currentAssignments(api, siteId);
  expect(after.filter((a) => a.kind === 'curtail').length).toBeGreaterThan(curtailedBeforeApply);
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  // A fresh plan from the new state: what was applied is now what runs, so it changes far less.
  await expect(page.getByTestId('apply-dialog')).toBeHidden();
});

// Allocation end to end on the demo fleet: the recommended plan, a what-if on the BTC price
// re-planned in the browser (the schedule changes), apply with confirmation, and the devices'
// current assignments become the plan's decisions (read back through the API).
import type { APIRequestContext } from '@playwright/test';
import { expect, snap, test, uniqueTag } from './fixtures';

type Assignment = { deviceId: number; kind: string; powerTargetW: number | null; source: string };
type SiteRow = { id: number; name: string; deviceCount: number; statusCounts: Record<string, number> };

async function currentAssignments(api: APIRequestContext, siteId: number): Promise<Map<number, Assignment>> {
  const res = await api.get(`/api/v1/assignments?siteId=${siteId}&current=true&limit=5000`);
  expect(res.status()).toBe(200);
  return new Map(((await res.json()).data as Assignment[]).map((a) => [a.deviceId, a]));
}

/** The engine leaves offline devices alone: wait until the live simulator has most of the demo online. */
async function onlineSites(api: APIRequestContext): Promise<SiteRow[]> {
  let sites: SiteRow[] = [];
  await expect
    .poll(
      async () => {
        sites = (await (await api.get('/api/v1/sites')).json()).data;
        const total = sites.reduce((a, s) => a + s.deviceCount, 0);
        const online = sites.reduce((a, s) => a + (s.statusCounts.online ?? 0), 0);
        return total > 0 ? online / total : 0;
      },
      { timeout: 120_000 },
    )
    .toBeGreaterThan(0.5);
  return sites;
}

const workloadKind = (decision: string) =>
  decision === 'mine' ? 'pool' : decision === 'off' ? 'curtail' : decision;

test('allocation: a BTC what-if re-plans in the browser, apply changes the assignments', async ({
  page,
  api,
}, testInfo) => {
  test.setTimeout(240_000);
  const site = (await onlineSites(api)).sort((a, b) => b.deviceCount - a.deviceCount)[0]!;
  // The demo seeds a pool per site; cover this one with a fresh pool too (as an operator would), so
  // the mine decisions apply on a pool this test made.
  const pool = await api.post('/api/v1/pools', {
    data: {
      name: `E2E allocation ${uniqueTag()}`,
      urls: ['stratum+tcp://pool.example.com:3333'],
      workerTemplate: '{serial}',
      feePct: 2,
      payoutScheme: 'fpps',
    },
  });
  expect(pool.status(), await pool.text()).toBe(201);
  const cover = await api.post('/api/v1/assignments', {
    data: { siteId: site.id, workload: { kind: 'pool', poolId: (await pool.json()).id } },
  });
  expect(cover.status(), await cover.text()).toBeLessThan(300);

  await page.goto(`/allocation?site=${site.id}`);
  await expect(page.getByTestId('allocation-view')).toBeVisible({ timeout: 60_000 });
  await expect(page.getByTestId('allocation-site')).toHaveValue(String(site.id));
  const schedule = page.getByTestId('allocation-schedule');
  await expect(schedule.locator('svg').first()).toBeVisible();
  const miningBefore = Number(await schedule.getAttribute('data-mining-kw'));
  const curtailedBefore = Number(await schedule.getAttribute('data-curtailed-kw'));
  // At the simulated BTC price the demo's ASICs pay for their power: the plan mines.
  expect(miningBefore).toBeGreaterThan(0);
  await snap(page, testInfo, '1-plan');

  // This site's power price to the top of its slider: mining stops paying here; the re-plan runs in
  // the page's Web Worker (the panel says where it ran and how long it took).
  const price = page.getByTestId(`what-if-price-${site.id}`);
  await price.focus();
  await price.press('End');
  await expect(page.getByTestId('what-if-active')).toBeVisible();
  await expect
    .poll(async () => Number(await schedule.getAttribute('data-mining-kw')))
    .toBeLessThan(miningBefore);
  await expect(page.getByTestId('what-if-ms')).toHaveAttribute('data-where', 'worker');
  testInfo.annotations.push({
    type: 'what-if re-plan (power price)',
    description: (await page.getByTestId('what-if-ms').textContent()) ?? '',
  });
  // Reset: back to the server's plan.
  await page.getByTestId('what-if-panel').getByRole('button', { name: 'Reset' }).click();
  await expect(page.getByTestId('what-if-active')).toBeHidden();

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
  testInfo.annotations.push({
    type: 'what-if re-plan',
    description: (await page.getByTestId('allocation-replan-ms').textContent()) ?? '',
  });
  await snap(page, testInfo, '2-what-if');

  const before = await currentAssignments(api, site.id);
  await page.getByTestId('allocation-apply').click();
  const dialog = page.getByTestId('apply-dialog');
  await expect(dialog.getByTestId('apply-changes')).toBeVisible({ timeout: 60_000 });
  const changes = Number(
    ((await dialog.getByTestId('apply-change-count').textContent()) ?? '').replace(/,/g, ''),
  );
  expect(changes).toBeGreaterThan(0);
  await snap(page, testInfo, '3-confirm');
  await dialog.getByTestId('apply-confirm').click();
  await expect(dialog.getByTestId('apply-result')).toBeVisible({ timeout: 60_000 });
  await snap(page, testInfo, '4-applied');

  // The applied plan, read back (the page has made a fresh draft since): every device it applied
  // now carries the plan's decision.
  const newest = (await (await api.get('/api/v1/allocation/plans?status=applied&limit=1')).json()).data[0];
  expect(newest.status).toBe('applied');
  const plan = await (await api.get(`/api/v1/allocation/plans/${newest.id}`)).json();
  const applied = (plan.applyResult.devices as { deviceId: number; status: string }[]).filter(
    (d) => d.status === 'applied',
  );
  expect(applied.length).toBeGreaterThan(0);
  const planned = new Map(
    (plan.devices as { deviceId: number; decision: string; powerTargetW?: number }[]).map((d) => [
      d.deviceId,
      d,
    ]),
  );
  const after = await currentAssignments(api, site.id);
  for (const { deviceId } of applied) {
    const want = planned.get(deviceId)!;
    const now = after.get(deviceId)!;
    expect(now.source).toBe('plan');
    expect(now.kind).toBe(workloadKind(want.decision));
    if (want.decision === 'mine') expect(now.powerTargetW).toBe(want.powerTargetW ?? null);
    expect(before.get(deviceId)?.source).not.toBe('plan');
  }
  await dialog.getByRole('button', { name: 'Close' }).first().click();
  await expect(dialog).toBeHidden();
  // The decision log lists the apply.
  await expect(page.getByTestId('decision-log').getByRole('row').nth(1)).toContainText('manual');
  await snap(page, testInfo, '5-log');
});

// Remote actions from the UI on the embedded demo: its devices are simulated, so the built-in
// simulator obeys the action and the confirmation comes from the telemetry it then reports.
import { episodesBetween } from '../lib/sim/faults';
import { SIM_SEED } from './constants';
import { expect, snap, test, uniqueTag } from './fixtures';
import { createDevice, createRack, createSite, modelId } from './seed';

// A simulated sample every 30 s per device, the latest-state job every 5 s: allow two cadences.
const CONFIRMED_WITHIN_MS = 100_000;

test('pause a device from its page and see the pause confirmed by telemetry', async ({
  page,
  api,
}, testInfo) => {
  test.setTimeout(180_000);
  const tag = uniqueTag();
  const site = await createSite(api, `E2E Actions ${tag}`);
  const s21 = await modelId(api, 'S21');
  // The simulator takes ≈2 % of each device's time offline (lib/sim/faults.ts, by seed and id): a
  // device inside such an episode sends nothing, so nothing could confirm its pause. Take one that
  // the schedule keeps online for the test's length (the next id when not).
  let device = await createDevice(api, {
    name: `E2E-${tag}-PAUSE`,
    serial: `E2E${tag}PAUSE`,
    siteId: site.id,
    modelId: s21,
  });
  for (
    let n = 1;
    episodesBetween(SIM_SEED, device.id, 'offline', Date.now(), Date.now() + 180_000).length > 0;
    n++
  ) {
    expect(n, 'a device the fault schedule keeps online').toBeLessThan(5);
    device = await createDevice(api, {
      name: `E2E-${tag}-PAUSE${n}`,
      serial: `E2E${tag}PAUSE${n}`,
      siteId: site.id,
      modelId: s21,
    });
  }

  await page.goto(`/devices/${device.id}`);
  await page.getByTestId('device-actions').click();
  await expect(page.getByText('simulated', { exact: true })).toBeVisible();
  await page.getByTestId('action-pause').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Pause mining: 1 device');
  await dialog.getByTestId('action-confirm').click();

  const row = page.getByTestId('action-history').getByTestId('action-row').first();
  await expect(row).toContainText('Pause mining');
  await expect(row.getByTestId('action-status')).toHaveText(/Pending|Confirmed/);
  await expect(row.getByTestId('action-status')).toHaveText('Confirmed', { timeout: CONFIRMED_WITHIN_MS });
  await expect(row).toContainText('after pause');
  await snap(page, testInfo, 'device-action-confirmed');

  const actions = await (await api.get(`/api/v1/actions?deviceId=${device.id}`)).json();
  expect(actions.data[0]).toMatchObject({ action: 'pause', status: 'confirmed', simulated: true });
});

test('bulk-pause the devices a filter matches, the count confirmed, with progress to the end', async ({
  page,
  api,
}, testInfo) => {
  test.setTimeout(180_000);
  const tag = uniqueTag();
  const site = await createSite(api, `E2E Bulk ${tag}`);
  const model = await modelId(api, 'S21');
  for (const n of [1, 2])
    await createDevice(api, {
      name: `E2E-${tag}-BULK${n}`,
      serial: `E2E${tag}BULK${n}`,
      siteId: site.id,
      modelId: model,
    });

  await page.goto(`/devices?q=${tag}`);
  await expect(page.getByTestId('pagination-summary')).toContainText('of 2');
  await page.getByTestId('bulk-actions').click();
  await expect(page.getByText('All 2 matching the filter')).toBeVisible();
  await page.getByTestId('filter-pause').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Pause mining: 2 devices');
  await dialog.getByTestId('action-confirm').click();

  const progress = page.getByTestId('batch-progress');
  await expect(progress).toBeVisible();
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await expect(progress).toContainText('2 of 2 ended', { timeout: CONFIRMED_WITHIN_MS });
  await expect(progress).toContainText('2 confirmed');
  await snap(page, testInfo, 'bulk-action-finished');
});

test('select slots on the rack grid (click, shift-click, whole rack) and bulk-pause them with progress', async ({
  page,
  api,
}, testInfo) => {
  test.setTimeout(180_000);
  const tag = uniqueTag();
  const site = await createSite(api, `E2E Rack ${tag}`);
  const rack = await createRack(api, site.id, { name: 'R1', rows: 2, columns: 3 });
  const model = await modelId(api, 'S21');
  // Slots (1,1) (1,2) (1,3) (2,2): reading order A B C D.
  const slots = [
    ['A', 1, 1],
    ['B', 1, 2],
    ['C', 1, 3],
    ['D', 2, 2],
  ] as const;
  for (const [n, slotRow, slotColumn] of slots)
    await createDevice(api, {
      name: `E2E-${tag}-${n}`,
      serial: `E2E${tag}RACK${n}`,
      siteId: site.id,
      modelId: model,
      rackId: rack.id,
      slotRow,
      slotColumn,
    });

  await page.goto(`/sites/${site.id}`);
  const heatmap = page.getByTestId('rack-heatmap');
  const grid = heatmap.locator('[data-rack-name="R1"]');
  await expect(grid).toContainText('4/6');
  await heatmap.getByTestId('rack-select-mode').click();
  const slot = (n: string) => grid.getByRole('button', { name: new RegExp(`^E2E-${tag}-${n}:`) });
  const count = heatmap.getByTestId('rack-selected-count');

  // Selecting, a slot is a toggle, not a link.
  await slot('A').click();
  await expect(slot('A')).toHaveAttribute('aria-pressed', 'true');
  await expect(count).toHaveText('1 selected');
  await slot('C').click({ modifiers: ['Shift'] });
  await expect(count).toHaveText('3 selected');
  await expect(slot('B')).toHaveAttribute('aria-pressed', 'true');
  await expect(slot('D')).toHaveAttribute('aria-pressed', 'false');
  await grid.getByTestId('select-rack').click();
  await expect(count).toHaveText('4 selected');
  await expect(grid.getByTestId('select-rack')).toHaveText('Clear rack');
  await grid.getByTestId('select-rack').click();
  await expect(count).toHaveText('0 selected');
  await slot('D').click();
  await slot('B').click({ modifiers: ['Shift'] });
  await expect(count).toHaveText('3 selected');
  await expect(slot('A')).toHaveAttribute('aria-pressed', 'false');

  await heatmap.getByTestId('bulk-actions').click();
  await page.getByTestId('bulk-pause').click();
  const dialog = page.getByRole('dialog');
  await expect(dialog).toContainText('Pause mining: 3 devices');
  await dialog.getByTestId('action-confirm').click();

  const progress = heatmap.getByTestId('batch-progress');
  await expect(progress.getByRole('progressbar')).toBeVisible();
  await expect(page).toHaveURL(/batch=/);
  // Back to opening devices: the slots are links again.
  await expect(grid.getByRole('link', { name: new RegExp(`^E2E-${tag}-A:`) })).toBeVisible();
  await expect(progress).toContainText('3 of 3 ended', { timeout: CONFIRMED_WITHIN_MS });
  await expect(progress).toContainText('3 confirmed');
  await snap(page, testInfo, 'rack-bulk-action-finished');

  const { data } = await (await api.get(`/api/v1/actions?limit=20`)).json();
  const paused = (data as { deviceName: string; action: string }[])
    .filter((a) => a.action === 'pause' && a.deviceName.startsWith(`E2E-${tag}-`))
    .map((a) => a.deviceName.slice(-1))
    .sort();
  expect(paused).toEqual(['B', 'C', 'D']);
});

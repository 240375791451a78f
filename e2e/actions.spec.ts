// Remote actions from the UI on the embedded demo: its devices are simulated, so the built-in
// simulator obeys the action and the confirmation comes from the telemetry it then reports.
import { expect, snap, test, uniqueTag } from './fixtures';
import { createDevice, createSite, modelId } from './seed';

// A simulated sample every 30 s per device, the latest-state job every 5 s: allow two cadences.
const CONFIRMED_WITHIN_MS = 100_000;

test('pause a device from its page and see the pause confirmed by telemetry', async ({
  page,
  api,
}, testInfo) => {
  test.setTimeout(180_000);
  const tag = uniqueTag();
  const site = await createSite(api, `E2E Actions ${tag}`);
  const device = await createDevice(api, {
    name: `E2E-${tag}-PAUSE`,
    serial: `E2E${tag}PAUSE`,
    siteId: site.id,
    modelId: await modelId(api, 'S21'),
  });

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

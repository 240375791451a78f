import { expect, snap, test, uniqueTag } from './fixtures';
import { createDevice, createRack, createSite, modelId, postTelemetry } from './seed';

test('a site shows its rack heatmap; a slot opens its device', async ({ page, api }, testInfo) => {
  const tag = uniqueTag();
  const site = await createSite(api, `E2E Hall ${tag}`);
  const rack = await createRack(api, site.id, { name: 'R1', rows: 2, columns: 3 });
  const s21 = await modelId(api, 'S21');
  const slots = [
    [1, 1],
    [1, 3],
    [2, 2],
  ] as const;
  const devices = [];
  for (const [index, [slotRow, slotColumn]] of slots.entries()) {
    const device = await createDevice(api, {
      name: `E2E-${tag}-${index + 1}`,
      serial: `E2E${tag}${index + 1}`,
      siteId: site.id,
      modelId: s21,
      rackId: rack.id,
      slotRow,
      slotColumn,
    });
    await postTelemetry(api, device.id, 10);
    devices.push(device);
  }

  await page.goto(`/sites/${site.id}`);
  await expect(page.getByRole('heading', { name: site.name, level: 1 })).toBeVisible();
  const heatmap = page.getByTestId('rack-heatmap');
  const rackGrid = heatmap.locator('[data-rack-name="R1"]');
  await expect(rackGrid).toBeVisible();
  await expect(rackGrid).toContainText('3/6');

  // The latest-state job picks up the samples; the heatmap refreshes itself until the slot has a reading.
  const target = devices[1]!;
  const slot = rackGrid.getByRole('link', { name: new RegExp(`^${target.name}: \\d+\\s°C`) });
  await expect(slot).toBeVisible({ timeout: 45_000 });

  // Tooltip on hover names the device and its slot.
  await slot.hover();
  const tooltip = page.getByRole('tooltip');
  await expect(tooltip).toContainText(target.name);
  await expect(tooltip).toContainText('Row 1 · slot 3');
  await snap(page, testInfo, 'site-heatmap');

  // Colour by status instead: the mode is in the URL.
  await heatmap.getByRole('radio', { name: 'Status' }).check();
  await expect(page).toHaveURL(/heat=status/);
  await expect(
    rackGrid.getByRole('link', { name: new RegExp(`^${target.name}: (Online|Offline|Degraded)`) }),
  ).toBeVisible();

  await rackGrid.getByRole('link', { name: new RegExp(`^${target.name}:`) }).click();
  await expect(page).toHaveURL(new RegExp(`/devices/${target.id}$`));
  await expect(page.getByRole('heading', { name: target.name, level: 1 })).toBeVisible();
});

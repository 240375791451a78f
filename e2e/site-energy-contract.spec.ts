import { expect, snap, test, uniqueTag } from './fixtures';
import { createDevice, createSite, modelId, postTelemetry } from './seed';

test('the site energy-contract editor saves price, PUE and the curtailable flag; they persist and move the money', async ({
  page,
  api,
}, testInfo) => {
  const tag = uniqueTag();
  const site = await createSite(api, `E2E Contract ${tag}`);
  const device = await createDevice(api, {
    name: `E2E-C-${tag}`,
    serial: `E2EC${tag}`,
    siteId: site.id,
    modelId: await modelId(api, 'S21'),
  });
  await postTelemetry(api, device.id, 5);

  await page.goto(`/sites/${site.id}`);
  const energy = page.getByTestId('money-energy');
  // The latest-state job folds the samples in; the card refreshes itself until it has a cost.
  await expect(energy).toContainText(/\$[1-9]/, { timeout: 45_000 });
  const before = ((await energy.textContent()) ?? '').trim();

  const editor = page.getByTestId('energy-contract-editor');
  await expect(editor.getByLabel('Price ($/MWh)')).toHaveValue('45');
  await editor.getByLabel('Price ($/MWh)').fill('90');
  await editor.getByLabel('PUE').fill('1.3');
  const curtailable = editor.getByLabel('Curtailable (may shed load on price)');
  await expect(curtailable).toBeChecked();
  await curtailable.uncheck();
  await editor.getByRole('button', { name: 'Save contract' }).click();
  await expect(page.getByText('Energy contract saved')).toBeVisible();

  // Twice the price and a higher PUE: the energy cost card moves without a reload.
  await expect(energy).not.toContainText(before);
  await snap(page, testInfo, 'site-contract-saved');

  await page.reload();
  await expect(editor.getByLabel('Price ($/MWh)')).toHaveValue('90');
  await expect(editor.getByLabel('PUE')).toHaveValue('1.3');
  await expect(editor.getByLabel('Curtailable (may shed load on price)')).not.toBeChecked();
  await expect(energy).not.toContainText(before);

  const stored = await (await api.get(`/api/v1/sites/${site.id}`)).json();
  expect(stored).toMatchObject({ fixedPriceUsdPerMwh: 90, pue: 1.3, curtailable: false });
});

// Hosting clients end to end: an admin creates a tenant and its user in Settings, moves machines to
// it from the devices table; the client signs in to its tenant home (its machines and its bill only),
// and another tenant's device page is the not-found page with HTTP 404. Then the audit log page
// (filters, CSV export) and the GPU rental settings.
import { readFileSync } from 'node:fs';
import { expect, snap, test, uniqueTag } from './fixtures';
import { createDevice, createSite, modelId } from './seed';

test('admin sets up a hosting client; the client sees only its machines and its bill', async ({
  page,
  api,
  browser,
  playwright,
  baseURL,
}, testInfo) => {
  const tag = uniqueTag();
  const site = await createSite(api, `Hosting hall ${tag}`);
  const model = await modelId(api, 'S21');
  const mine = [];
  for (const n of [1, 2]) {
    mine.push(
      await createDevice(api, {
        name: `acme-${tag}-${n}`,
        serial: `AC-${tag}-${n}`,
        siteId: site.id,
        modelId: model,
      }),
    );
  }
  const foreign = await createDevice(api, {
    name: `rival-${tag}`,
    serial: `RV-${tag}`,
    siteId: site.id,
    modelId: model,
  });

  // Settings → Tenants: create the client with its hosting terms.
  const tenantName = `Acme ${tag}`;
  await page.goto('/settings/tenants');
  await page.getByTestId('create-tenant').click();
  const tenantForm = page.getByRole('form', { name: 'New tenant' });
  await tenantForm.getByLabel('Name').fill(tenantName);
  await tenantForm.getByLabel('Rate per kWh (USD)').fill('0.08');
  await tenantForm.getByLabel('Rate per device-month (USD)').fill('50');
  // A zone that does not exist is refused on its field; the real one is kept for the statements.
  await tenantForm.getByLabel('Statement time zone').fill('Mars/Olympus_Mons');
  await tenantForm.getByRole('button', { name: 'Create tenant' }).click();
  await expect(tenantForm).toContainText('Unknown IANA timezone');
  await tenantForm.getByLabel('Statement time zone').fill('America/Chicago');
  await tenantForm.getByRole('button', { name: 'Create tenant' }).click();
  const tenantRow = page.getByTestId('tenants-table').getByRole('row', { name: new RegExp(tenantName) });
  await expect(tenantRow).toContainText('$0.0800/kWh');
  await expect(tenantRow).toContainText('$50.00');
  await expect(tenantRow).toContainText('America/Chicago');

  // A rival tenant holds the third machine (set up through the API).
  const rival = await (await api.post('/api/v1/tenants', { data: { name: `Rival ${tag}` } })).json();
  expect(
    (
      await api.post('/api/v1/devices/move-tenant', { data: { deviceIds: [foreign.id], tenantId: rival.id } })
    ).ok(),
  ).toBe(true);

  // Settings → Users: a viewer of the tenant, with a generated password shown once.
  const email = `ops-${tag.toLowerCase()}@acme.example`;
  await page.goto('/settings/users');
  await page.getByTestId('create-user').click();
  const userForm = page.getByRole('form', { name: 'New user' });
  await userForm.getByLabel('Email').fill(email);
  await userForm.getByLabel('Name').fill(`Acme ops ${tag}`);
  await userForm.getByLabel('Tenant').selectOption({ label: tenantName });
  await userForm.getByRole('button', { name: 'Create user' }).click();
  const password = await page.getByTestId('generated-password').inputValue();
  expect(password.length).toBeGreaterThanOrEqual(12);
  await snap(page, testInfo, 'generated-password');
  await page.getByRole('button', { name: 'Done' }).click();
  await expect(page.getByTestId('users-table').getByRole('row', { name: new RegExp(email) })).toContainText(
    tenantName,
  );

  // Devices: select the two machines and move them to the tenant.
  await page.goto(`/devices?q=acme-${tag}`);
  const table = page.getByTestId('devices-table');
  for (const d of mine) await table.getByLabel(`Select row ${d.id}`).check();
  await page.getByTestId('move-tenant').click();
  const moveForm = page.getByRole('form', { name: 'Move to tenant' });
  await moveForm.getByLabel('Tenant').selectOption({ label: tenantName });
  await moveForm.getByRole('button', { name: 'Move 2 devices' }).click();
  await expect(page.getByText('2 moved')).toBeVisible();
  const tenants = await (await api.get('/api/v1/tenants')).json();
  expect(tenants.data.find((t: { name: string }) => t.name === tenantName)).toMatchObject({
    devices: 2,
    users: 1,
  });

  // Settings → API tokens: the client's site agent gets a token confined to the tenant.
  await page.goto('/settings/tokens');
  await page.getByTestId('create-token').click();
  const tokenDialog = page.getByRole('dialog');
  await tokenDialog.getByLabel('Name').fill(`acme-agent-${tag}`);
  await tokenDialog.getByLabel('Tenant').selectOption({ label: tenantName });
  await tokenDialog.getByRole('button', { name: 'Create token' }).click();
  const agentToken = await tokenDialog.getByTestId('new-token-value').inputValue();
  await tokenDialog.getByRole('button', { name: 'Done' }).click();
  await expect(
    page
      .getByTestId('tokens-table')
      .getByRole('row')
      .filter({ hasText: `acme-agent-${tag}` }),
  ).toContainText(tenantName);
  const agent = await playwright.request.newContext({
    baseURL,
    storageState: { cookies: [], origins: [] },
    extraHTTPHeaders: { authorization: `Bearer ${agentToken}` },
  });
  const seen = (await (await agent.get('/api/v1/devices?limit=500')).json()) as { data: { id: number }[] };
  expect(seen.data.map((d) => d.id).sort()).toEqual(mine.map((d) => d.id).sort());
  expect((await agent.get(`/api/v1/devices/${foreign.id}`)).status()).toBe(404);
  await agent.dispose();

  // The client signs in through the form and lands on its tenant home.
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const client = await context.newPage();
  await client.goto('/login');
  await client.getByLabel('Email').fill(email);
  await client.getByLabel('Password').fill(password);
  await client.getByRole('button', { name: 'Sign in' }).click();
  await expect(client).toHaveURL(/\/home$/);
  await expect(client.getByRole('heading', { name: tenantName, level: 1 })).toBeVisible();
  await expect(client.getByTestId('home-machines')).toContainText('2');
  const machines = client.getByTestId('tenant-machines');
  for (const d of mine) await expect(machines).toContainText(d.name);
  await expect(machines).not.toContainText(foreign.name);
  const bill = client.getByTestId('home-bill');
  await expect(bill).toContainText('$0.0800 per kWh + $50.00 per device-month');
  await expect(client.getByTestId('home-bill-amount')).toHaveText(/^\$\d/);
  // The navigation is the client's: no provider areas.
  const nav = client.getByRole('navigation', { name: 'Main' });
  await expect(nav.getByRole('link', { name: 'Home' })).toBeVisible();
  for (const area of ['Fleet', 'Sites', 'Allocation', 'Market', 'Workloads', 'Settings'])
    await expect(nav.getByRole('link', { name: area })).toHaveCount(0);
  await snap(client, testInfo, 'tenant-home');

  // The devices list holds its two machines only; the rival's device page is a real 404.
  await client.goto('/devices');
  await expect(client.getByTestId('pagination-summary')).toContainText('of 2');
  const response = await client.goto(`/devices/${foreign.id}`);
  expect(response?.status()).toBe(404);
  await expect(
    client.getByText('It does not exist, was deleted, or belongs to another tenant.'),
  ).toBeVisible();
  const own = await client.goto(`/devices/${mine[0]!.id}`);
  expect(own?.status()).toBe(200);
  await context.close();
});

test('the audit log shows who moved what from where, filters and exports CSV', async ({
  page,
  api,
}, testInfo) => {
  const tag = uniqueTag();
  const created = await (await api.post('/api/v1/tenants', { data: { name: `Audited ${tag}` } })).json();
  await page.goto('/settings/audit');
  const table = page.getByTestId('audit-table');
  const row = table
    .getByRole('row')
    .filter({ has: page.getByRole('cell', { name: `tenant:${created.id}`, exact: true }) });
  await expect(row).toContainText('tenant.create');
  await expect(row).toContainText('127.0.0.1');

  await page.getByLabel('Action').selectOption('tenant.create');
  await expect(page).toHaveURL(/action=tenant\.create/);
  await expect(table.getByRole('row').nth(1)).toContainText('tenant.create');
  await page.getByLabel('Actor').fill('no-such-actor-anywhere');
  await expect(page.getByText('Nothing matches')).toBeVisible();
  await page.getByRole('button', { name: 'Clear filters' }).click();
  await expect(row).toBeVisible();
  await snap(page, testInfo, 'audit-log');

  await page.getByLabel('Action').selectOption('tenant.create');
  const [download] = await Promise.all([
    page.waitForEvent('download'),
    page.getByTestId('audit-export').click(),
  ]);
  expect(download.suggestedFilename()).toMatch(/^audit-\d{4}-\d{2}-\d{2}\.csv$/);
  const text = readFileSync((await download.path())!, 'utf8');
  const lines = text.trim().split('\r\n');
  expect(lines[0]).toBe('Time,Actor type,Actor,Action,Target,Address,Details');
  expect(lines.slice(1).every((l) => l.includes(',tenant.create,'))).toBe(true);
  expect(text).toContain(`tenant:${created.id}`);
});

test('GPU rental settings: a site override saved from the workloads area', async ({ page, api }) => {
  const tag = uniqueTag();
  const site = await createSite(api, `Rental hall ${tag}`);
  await page.goto('/workloads/rental');
  await expect(page.getByRole('form', { name: 'GPU rental: Fleet default' })).toBeVisible();
  await page.getByLabel('Site to override').selectOption({ label: site.name });
  const form = page.getByRole('form', { name: `GPU rental: ${site.name}` });
  await form.getByLabel('Utilisation (%)').fill('42');
  await form.getByLabel('Floor ($/GPU-h)').fill('1.5');
  await form.getByRole('button', { name: 'Save' }).click();
  await expect(page.getByText(`GPU rental saved for ${site.name}`)).toBeVisible();
  const settings = await (await api.get('/api/v1/rental-settings')).json();
  expect(settings.sites.find((s: { siteId: number }) => s.siteId === site.id)).toMatchObject({
    utilisationPct: 42,
    minUsdPerGpuHour: 1.5,
    enabled: true,
  });
  await page.reload();
  await expect(
    page.getByRole('form', { name: `GPU rental: ${site.name}` }).getByLabel('Utilisation (%)'),
  ).toHaveValue('42');
});

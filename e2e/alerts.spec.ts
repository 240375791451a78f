// A simulated fault fires an alert that an operator acknowledges in the browser with a note, and
// that resolves when the device recovers. The fault is a telemetry sample a few minutes ahead of
// the clock (ingest allows agent skew), so the live simulator's own samples cannot mask it.
import { expect, snap, test, uniqueTag } from './fixtures';
import { createDevice, createSite, modelId } from './seed';

test('a fault fires an alert, the operator acknowledges it, and it resolves on recovery', async ({
  page,
  api,
}, testInfo) => {
  const tag = uniqueTag();
  const site = await createSite(api, `Alert hall ${tag}`);
  const device = await createDevice(api, {
    name: `ALERT-${tag}`,
    serial: `ALERT-${tag}`,
    siteId: site.id,
    modelId: await modelId(api, 'S21'),
  });
  const ruleName = `Chip meltdown ${tag}`;
  const rule = await api.post('/api/v1/alert-rules', {
    data: {
      name: ruleName,
      metric: 'chipTempC',
      op: '>',
      threshold: 150,
      clearThreshold: 100,
      forS: 0,
      severity: 'critical',
      scope: { deviceIds: [device.id] },
      enabled: true,
    },
  });
  expect(rule.status(), await rule.text()).toBe(201);

  const sample = async (minutesAhead: number, chipTempC: number) => {
    const data = {
      samples: [
        {
          deviceId: device.id,
          ts: Date.now() + minutesAhead * 60_000,
          hashrateThs: 200,
          powerW: 3500,
          chipTempC,
          fanRpm: 4200,
          status: 'ok',
        },
      ],
    };
    // A device created a moment ago may still be unknown to the ingest directory (reloads every 5 s).
    await expect(async () => {
      const res = await api.post('/api/v1/telemetry', { data });
      expect(res.status(), await res.text()).toBe(200);
      expect((await res.json()).rejected).toEqual([]);
    }).toPass({ timeout: 20_000 });
  };
  await sample(3, 170);

  await page.goto('/alerts');
  const row = page.getByTestId('alerts-table').getByRole('row').filter({ hasText: ruleName });
  await expect(row).toBeVisible({ timeout: 45_000 });
  await expect(row).toContainText(device.name);
  await expect(
    page
      .getByRole('link', { name: /Alerts/ })
      .getByText(/\d+/)
      .first(),
  ).toBeVisible();
  await row.click();

  const detail = page.getByTestId('alert-detail');
  await expect(detail.getByTestId('alert-status')).toHaveText('firing');
  await detail.getByLabel('Note').fill('Checking the fans');
  await detail.getByTestId('ack-alert').click();
  await expect(detail.getByTestId('alert-status')).toHaveText('acknowledged');
  await expect(detail.getByTestId('alert-ack')).toContainText('Checking the fans');
  await expect(detail.getByTestId('alert-timeline')).toContainText('acknowledged');
  await snap(page, testInfo, 'acknowledged');

  await sample(4, 65);
  await expect(detail.getByTestId('alert-status')).toHaveText('resolved', { timeout: 45_000 });
  await expect(detail.getByTestId('alert-timeline')).toContainText('resolved');
  await snap(page, testInfo, 'resolved');

  await page.goto(`/devices/${device.id}`);
  await expect(page.getByTestId('device-alerts')).toContainText(ruleName);
});

test('an admin adds a webhook target, pauses it and removes it from the Notifications tab', async ({
  page,
  api,
}) => {
  const tag = uniqueTag();
  const name = `Ops hook ${tag}`;
  await page.goto('/alerts');
  await page.getByRole('tab', { name: 'Notifications' }).click();
  const panel = page.getByTestId('notification-targets');
  await panel.getByLabel('Target name').fill(name);
  await panel.getByLabel('Target address').fill('not a url');
  await panel.getByRole('button', { name: 'Add target' }).click();
  await expect(panel.getByText('A webhook needs an http(s) URL')).toBeVisible();
  await panel.getByLabel('Target address').fill(`http://127.0.0.1:9/hook-${tag}`);
  await panel.getByLabel('Minimum severity').selectOption('critical');
  await panel.getByRole('button', { name: 'Add target' }).click();
  const row = panel.getByRole('row', { name: new RegExp(name) });
  await expect(row).toContainText('critical+');
  await expect(row).toContainText('never used');

  await expect(row).toContainText('active');
  await row.getByRole('button', { name: 'Pause' }).click();
  await expect(row).toContainText('paused');
  await expect(row.getByRole('button', { name: 'Resume' })).toBeVisible();
  await expect
    .poll(async () => {
      const list = (await (await api.get('/api/v1/notification-targets')).json()) as {
        data: { name: string; enabled: boolean }[];
      };
      return list.data.find((t) => t.name === name)?.enabled;
    })
    .toBe(false);

  page.once('dialog', (d) => void d.accept());
  await row.getByRole('button', { name: 'Remove' }).click();
  await expect(panel.getByRole('row', { name: new RegExp(name) })).toHaveCount(0);
});

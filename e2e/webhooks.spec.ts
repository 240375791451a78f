// Settings → Webhooks against a real receiver on loopback: add an endpoint, read its secret once,
// send a test event, see the delivery in the log, and check the receiver got a valid signature.
import { createHmac } from 'node:crypto';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { expect, snap, test, uniqueTag } from './fixtures';

test('a webhook is added, tested, delivered signed and logged', async ({ page }, testInfo) => {
  const received: { headers: http.IncomingHttpHeaders; body: string }[] = [];
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    received.push({ headers: req.headers, body: Buffer.concat(chunks).toString('utf8') });
    res.writeHead(204).end();
  });
  await new Promise<void>((r) => server.listen(0, '127.0.0.1', () => r()));
  const { port } = server.address() as AddressInfo;
  try {
    const name = `Ops ${uniqueTag()}`;
    await page.goto('/settings/webhooks');
    await expect(page.getByRole('heading', { name: 'Webhooks', level: 1 })).toBeVisible();
    await page.getByLabel('Name').fill(name);
    await page.getByLabel('URL').fill(`http://127.0.0.1:${port}/events`);
    await page.getByRole('button', { name: 'Add webhook' }).click();
    const secret = (await page.getByTestId('webhook-secret').textContent())?.trim() ?? '';
    expect(secret).toMatch(/^whsec_/);

    const row = page.getByTestId('webhooks-table').getByRole('row', { name: new RegExp(name) });
    await row.getByRole('button', { name: 'Send test' }).click();
    const log = page.getByTestId('webhook-deliveries');
    // The delivery job runs every 5 s and the log refreshes every 5 s.
    await expect(log.getByText('HTTP 204')).toBeVisible({ timeout: 30_000 });
    await expect(log.getByText('webhook.test')).toBeVisible();
    await snap(page, testInfo, 'settings-webhooks');

    expect(received).toHaveLength(1);
    const [hit] = received;
    const ts = String(hit!.headers['x-switchyard-timestamp']);
    const expected = `sha256=${createHmac('sha256', secret).update(`${ts}.${hit!.body}`).digest('hex')}`;
    expect(hit!.headers['x-switchyard-signature']).toBe(expected);
    expect(JSON.parse(hit!.body)).toMatchObject({ type: 'webhook.test', data: { name } });
  } finally {
    await new Promise<void>((r) => server.close(() => r()));
  }
});

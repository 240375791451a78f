// The security headers on a real production server: a script CSP with a fresh nonce per response
// and no 'unsafe-inline', frame-ancestors 'none', COOP/CORP, no HSTS over plain HTTP (a client's
// own X-Forwarded-Proto is not trusted), no-store on API JSON — and the main pages run under that
// policy without a single CSP violation in Chromium.
import { expect, test } from './fixtures';

function scriptSrc(csp: string): string {
  return (
    csp
      .split(';')
      .map((d) => d.trim())
      .find((d) => d.startsWith('script-src ')) ?? ''
  );
}

function nonceOf(csp: string): string | undefined {
  return /'nonce-([A-Za-z0-9+/=]+)'/.exec(scriptSrc(csp))?.[1];
}

test('pages carry a nonce CSP that changes on every response, and no HSTS over HTTP', async ({ request }) => {
  const nonces = new Set<string>();
  for (const path of ['/fleet', '/fleet', '/login']) {
    const response = await request.get(path, { headers: { 'x-forwarded-proto': 'https' } });
    expect(response.status(), path).toBe(200);
    const headers = response.headers();
    const csp = headers['content-security-policy'] ?? '';
    expect(scriptSrc(csp), path).toContain("'strict-dynamic'");
    expect(scriptSrc(csp), path).not.toContain("'unsafe-inline'");
    expect(scriptSrc(csp), path).not.toContain("'unsafe-eval'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    const nonce = nonceOf(csp);
    expect(nonce, path).toBeTruthy();
    // The page's own scripts carry this response's nonce (Next's and the theme script).
    const html = await response.text();
    expect(html).toContain(`nonce="${nonce}"`);
    nonces.add(nonce as string);
    expect(headers['cross-origin-opener-policy']).toBe('same-origin');
    expect(headers['cross-origin-resource-policy']).toBe('same-origin');
    expect(headers['x-frame-options']).toBe('DENY');
    // Plain HTTP, and the server does not trust a proxy: the forged header must not bring HSTS.
    expect(headers['strict-transport-security'], path).toBeUndefined();
  }
  expect(nonces.size).toBe(3);
});

test('API JSON is never stored and carries a script-free policy', async ({ api }) => {
  for (const path of ['/api/v1/devices?limit=1', '/api/v1/nope']) {
    const response = await api.get(path, { headers: { 'x-forwarded-proto': 'https' } });
    const headers = response.headers();
    expect(headers['content-type'], path).toContain('application/json');
    expect(headers['cache-control'], path).toBe('no-store');
    expect(headers['content-security-policy'], path).toContain("default-src 'none'");
    expect(headers['strict-transport-security'], path).toBeUndefined();
  }
});

const MAIN_PAGES = [
  '/fleet',
  '/devices',
  '/devices/1',
  '/sites',
  '/sites/1',
  '/alerts',
  '/market',
  '/reports',
  '/allocation',
  '/workloads/jobs',
  '/settings',
  '/settings/account',
  '/settings/api',
];

for (const path of MAIN_PAGES) {
  test(`${path} runs under the CSP without violations, hydrated and themed`, async ({ page }) => {
    const violations: string[] = [];
    page.on('console', (message) => {
      if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
        violations.push(message.text());
    });
    page.on('pageerror', (error) => violations.push(error.message));
    // The inline theme script runs before paint only if its nonce is accepted: the stored dark
    // choice must be on <html>.
    await page.addInitScript(() => window.localStorage.setItem('switchyard-theme', 'dark'));
    const response = await page.goto(path);
    expect(response?.status()).toBe(200);
    await expect(page.locator('html')).toHaveClass(/\bdark\b/);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    // Client navigation works (the bundles loaded and hydrated under 'strict-dynamic').
    await page.getByRole('link', { name: 'Devices', exact: true }).first().click();
    await expect(page).toHaveURL(/\/devices$/);
    await expect(page.getByRole('heading', { level: 1 }).first()).toBeVisible();
    expect(violations).toEqual([]);
  });
}

test('the sign-in page runs under the CSP without violations', async ({ browser, baseURL }) => {
  const context = await browser.newContext({ baseURL, storageState: { cookies: [], origins: [] } });
  const page = await context.newPage();
  const violations: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error' && /Content Security Policy|Refused to/i.test(message.text()))
      violations.push(message.text());
  });
  await page.goto('/login');
  await expect(page.getByRole('button', { name: /sign in/i })).toBeVisible();
  expect(violations).toEqual([]);
  await context.close();
});

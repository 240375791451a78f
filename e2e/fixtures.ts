// Test fixtures: one API sign-in per worker (the login route is rate limited per account), its cookie
// reused by every page, and an authenticated request context for seeding data through the API.
import { type APIRequestContext, test as base, expect, type TestInfo } from '@playwright/test';
import { ADMIN_EMAIL, ADMIN_PASSWORD } from './constants';

type StorageState = Awaited<ReturnType<APIRequestContext['storageState']>>;

export const test = base.extend<{ api: APIRequestContext }, { adminState: StorageState }>({
  adminState: [
    async ({ playwright }, use, workerInfo) => {
      const baseURL = workerInfo.project.use.baseURL!;
      const request = await playwright.request.newContext({ baseURL });
      // Mutations authenticated by cookie must carry our Origin (CSRF check); browsers send it themselves.
      const response = await request.post('/api/auth/login', {
        data: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
        headers: { origin: baseURL },
      });
      expect(response.status(), await response.text()).toBe(200);
      await use(await request.storageState());
      await request.dispose();
    },
    { scope: 'worker' },
  ],
  storageState: async ({ adminState }, use) => use(adminState),
  api: async ({ playwright, adminState, baseURL }, use) => {
    const request = await playwright.request.newContext({
      baseURL,
      storageState: adminState,
      extraHTTPHeaders: { origin: baseURL! },
    });
    await use(request);
    await request.dispose();
  },
});

export { expect };

/** A short random tag so names created by one test never collide with another run's. */
export function uniqueTag(): string {
  return Math.random().toString(36).slice(2, 8).toUpperCase();
}

/** Full-page screenshot kept with the test's artifacts (e2e/artifacts/<test>/<name>.png). */
export async function snap(page: import('@playwright/test').Page, testInfo: TestInfo, name: string) {
  await page.screenshot({ path: testInfo.outputPath(`${name}.png`), fullPage: true });
}

/**
 * Clicks once React has hydrated the element. Server-rendered pages show their buttons before the
 * client code attaches handlers, and a click in that window does nothing — a busy machine makes the
 * window seconds long. React marks a hydrated DOM node with its props key.
 */
export async function clickWhenHydrated(locator: import('@playwright/test').Locator) {
  await expect
    .poll(() => locator.evaluate((el) => Object.keys(el).some((k) => k.startsWith('__reactProps$'))), {
      message: 'the element is never hydrated',
      timeout: 30_000,
    })
    .toBe(true);
  await locator.click();
}

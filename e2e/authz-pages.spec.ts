// Every page of the app (the list is the one the authorization matrix checks against app/) sends a
// caller without a valid session to sign in — the page itself, not only the proxy: a forged cookie
// gets past the proxy's optimistic check, so the redirect below comes from the page's own guard.
import { PAGES } from '../tests/authz/expectations';
import { expect, test } from './fixtures';

test.use({ storageState: { cookies: [], origins: [] } });

const guarded = Object.entries(PAGES).filter(([, rule]) => !rule.public);

for (const [pattern, rule] of guarded) {
  test(`${pattern} redirects a caller without a valid session to sign in`, async ({ request }) => {
    const attempts: Record<string, string>[] = [{}, { cookie: 'sy_session=forged-session-token' }];
    for (const headers of attempts) {
      const response = await request.get(rule.sample, { headers });
      expect(response.status()).toBe(200);
      expect(new URL(response.url()).pathname, `${rule.sample} ${JSON.stringify(headers)}`).toBe('/login');
    }
  });
}

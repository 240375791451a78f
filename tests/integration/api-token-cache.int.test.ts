// Bearer lookups are cached for a second (lib/auth/api-tokens.ts): the ingest hot path must not
// query the token table per batch, yet a revoke in this process ends the token at once, and an
// expired token is refused even while its lookup is cached.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '@/lib/auth/actor';
import { createApiToken, getTokenActor, revokeApiToken } from '@/lib/auth/api-tokens';
import { createTestDb, type TestDb } from '../helpers/test-db';

describe('API token lookup cache', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb('sqlite');
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('serves repeated lookups, and a revoke takes effect on the next request', async () => {
    const { token, id } = await createApiToken(SYSTEM_ACTOR, { name: 'agent', role: 'operator' });
    expect(await getTokenActor(token)).toMatchObject({ kind: 'token', id, role: 'operator' });
    expect(await getTokenActor(token)).toMatchObject({ id });
    await revokeApiToken(SYSTEM_ACTOR, id);
    expect(await getTokenActor(token)).toBeNull();
  });

  it('refuses a cached token once it has expired', async () => {
    const now = new Date();
    const { token } = await createApiToken(
      SYSTEM_ACTOR,
      { name: 'short', role: 'viewer', expiresDays: 1 },
      now,
    );
    expect(await getTokenActor(token, now)).not.toBeNull();
    expect(await getTokenActor(token, new Date(now.getTime() + 86_400_000))).toBeNull();
  });
});

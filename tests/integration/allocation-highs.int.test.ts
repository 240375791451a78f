// The exact path through the API: `solver: "highs"` on a small site solves the MILP in the HiGHS
// worker, reports a proven gap, and the plan passes the same post-check as the heuristic's.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as plansRoute from '@/app/api/v1/allocation/plans/route';
import { getDb } from '@/lib/db/client';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, type TestDb } from '../helpers/test-db';

describe('allocation plan with HiGHS (sqlite)', () => {
  let db: TestDb;
  let operator: string;
  let siteId: number;
  beforeAll(async () => {
    db = await createTestDb('sqlite');
    const fleet = await createSmallFleet(4, 'Exact');
    siteId = fleet.site.id;
    await getDb().device.updateMany({ data: { status: 'online' } });
    operator = await tokenFor('operator');
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('solves a small site exactly', async () => {
    const res = await call(plansRoute.POST, {
      method: 'POST',
      token: operator,
      body: { siteIds: [siteId], horizonH: 4, solver: 'highs', overrides: { hashpriceUsdPerPhDay: 50 } },
    });
    expect(res.status, JSON.stringify(res.json).slice(0, 400)).toBe(201);
    expect(res.json.solver).toBe('highs');
    if (res.json.chosen === 'solver') expect(res.json.gapPct).toBeLessThanOrEqual(0.05);
    expect(res.json.sites[0].hours).toHaveLength(4);
  }, 120_000);
});

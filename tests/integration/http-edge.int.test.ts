// Inputs that used to end as 500: each must be a 4xx in the error envelope.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as logout from '@/app/api/auth/logout/route';
import * as device from '@/app/api/v1/devices/[id]/route';
import * as sites from '@/app/api/v1/sites/route';
import * as telemetry from '@/app/api/v1/telemetry/route';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, type TestDb } from '../helpers/test-db';

describe('HTTP edge inputs', () => {
  let db: TestDb;
  let operator: string;
  let deviceId: number;

  beforeAll(async () => {
    db = await createTestDb('sqlite');
    operator = await tokenFor('operator');
    deviceId = (await createSmallFleet(1, 'Edge')).devices[0]?.id ?? 0;
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it.each([8640000000000001, 9007199254740991])(
    'rejects telemetry ts %i (beyond the Date range) with 400',
    async (ts) => {
      const res = await call(telemetry.POST, {
        method: 'POST',
        token: operator,
        body: { samples: [{ deviceId, ts, powerW: 1 }] },
      });
      expect(res.status, JSON.stringify(res.json)).toBe(400);
      expect(res.json.error.details.rejected).toEqual([
        { index: 0, error: expect.stringMatching(/date range/) },
      ]);
    },
  );

  it.each(['%E0%A4%A', '%', 'a%zz'])(
    'treats a session cookie %j that is not percent-encoding as no session',
    async (value) => {
      const res = await call(sites.GET, { headers: { cookie: `sy_session=${value}` } });
      expect(res.status).toBe(401);
      expect(res.json.error.code).toBe('unauthorized');
      const out = await call(logout.POST, {
        method: 'POST',
        headers: { cookie: `sy_session=${value}`, origin: 'http://localhost', host: 'localhost' },
      });
      expect(out.status).toBe(204);
    },
  );

  it.each(['0x4B7', '1e3', ' 1 ', '01', '%E0%A4%A'])(
    'answers the non-canonical device id %j with 400',
    async (id) => {
      const res = await call(device.GET, { token: operator, params: { id } });
      expect(res.status).toBe(400);
      expect(res.json.error.code).toBe('invalid_input');
    },
  );
});

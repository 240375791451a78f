import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as hashprice from '@/app/api/v1/economics/hashprice/route';
import { call, tokenFor } from '../helpers/api';
import { createTestDb, type TestDb } from '../helpers/test-db';

describe('GET /api/v1/economics/hashprice', () => {
  let db: TestDb;
  let token: string;
  beforeAll(async () => {
    db = await createTestDb('sqlite');
    token = await tokenFor('viewer');
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('reproduces the 2024-12-23 Hashrate Index check (≈ $55.75/PH/day)', async () => {
    const res = await call(hashprice.GET, {
      token,
      path: '/api/v1/economics/hashprice?difficulty=108.52e12&btcUsd=93450&feesBtcPerBlock=0.0931',
    });
    expect(res.status).toBe(200);
    expect(res.json.usdPerPhDay).toBeCloseTo(55.75, 2);
    expect(res.json.subsidyBtc).toBe(3.125);
  });

  it('derives the subsidy from a block height', async () => {
    const res = await call(hashprice.GET, {
      token,
      path: '/api/v1/economics/hashprice?difficulty=108.52e12&btcUsd=93450&feesBtcPerBlock=0&height=1050000',
    });
    expect(res.json.subsidyBtc).toBe(1.5625);
  });

  it('names the bad field on invalid input', async () => {
    const res = await call(hashprice.GET, {
      token,
      path: '/api/v1/economics/hashprice?difficulty=-5&btcUsd=abc&feesBtcPerBlock=0.1',
    });
    expect(res.status).toBe(400);
    const paths = res.json.error.details.map((d: { path: string }) => d.path);
    expect(paths).toEqual(expect.arrayContaining(['difficulty', 'btcUsd']));
  });
});

// Backtest API on SQLite and PostgreSQL with a short window: queue → the job runs it → results,
// CSV export, cancellation (queued and mid-run), CSV uploads with clear errors, validation.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as exportRoute from '@/app/api/v1/allocation/backtests/[id]/export/route';
import * as one from '@/app/api/v1/allocation/backtests/[id]/route';
import * as collection from '@/app/api/v1/allocation/backtests/route';
import * as uploads from '@/app/api/v1/allocation/backtests/uploads/route';
import { builtinElectricity } from '@/lib/allocation/backtest/builtin';
import { runBacktests } from '@/lib/allocation/backtest/runner';
import { getEnv } from '@/lib/env';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const FROM = '2024-01-08T00:00:00Z';
const TO = '2024-01-10T00:00:00Z';
const POLICIES = [
  { kind: 'always-mine' },
  { kind: 'strike', strikeUsdPerMwh: 60 },
  { kind: 'optimizer', lookahead: true },
  { kind: 'optimizer', lookahead: false },
];

describe.each(TEST_PROVIDERS)('allocation backtests API (%s)', (provider) => {
  let db: TestDb;
  let operator: string;
  let viewer: string;
  const post = (body: unknown, token = operator) =>
    call(collection.POST, { method: 'POST', path: '/api/v1/allocation/backtests', token, body });
  const get = (id: number) =>
    call(one.GET, { path: `/api/v1/allocation/backtests/${id}`, token: viewer, params: { id: String(id) } });

  beforeAll(async () => {
    db = await createTestDb(provider);
    await createSmallFleet(4, 'Backtest');
    operator = await tokenFor('operator');
    viewer = await tokenFor('viewer');
  }, 60_000);
  afterAll(async () => {
    await db.cleanup();
  });

  it('refuses bad requests with a reason', async () => {
    expect((await post({ from: FROM, to: TO, policies: POLICIES }, viewer)).status).toBe(403);
    const backwards = await post({ from: TO, to: FROM, policies: POLICIES });
    expect(backwards.status).toBe(400);
    expect(backwards.json.error.message).toMatch(/to must be after from/);
    const outside = await post({ from: '2025-03-01', to: '2025-03-02', policies: POLICIES });
    expect(outside.status).toBe(400);
    expect(outside.json.error.message).toMatch(/no electricity price for the hour 2025-03-01T00:00:00.000Z/);
    const half = await post({ from: '2024-01-01T00:30:00Z', to: TO, policies: POLICIES });
    expect(half.status).toBe(400);
    const badPolicy = await post({ from: FROM, to: TO, policies: [{ kind: 'strike' }] });
    expect(badPolicy.status).toBe(400);
    const noUpload = await post({
      from: FROM,
      to: TO,
      policies: POLICIES,
      electricity: { csvUploadId: 999 },
    });
    expect(noUpload.status).toBe(404);
  });

  it('runs a queued backtest to the end and keeps the result', async () => {
    const res = await post({ from: FROM, to: TO, policies: POLICIES });
    expect(res.status).toBe(202);
    const id = res.json.id as number;
    expect((await get(id)).json.status).toBe('queued');
    expect(await runBacktests(Date.now())).toBe(1);
    const { json } = await get(id);
    expect(json.status).toBe('done');
    expect(json.progress).toBe(1);
    expect(json.meta.hours).toBe(48);
    expect(json.meta.devices).toBe(5);
    expect(json.meta.attribution.join(' ')).toMatch(/Energinet/);
    const [always, strike, ahead, hourly] = json.results;
    for (const r of json.results) {
      for (const k of [
        'profitUsd',
        'revenueUsd',
        'energyCostUsd',
        'mwh',
        'curtailedHours',
        'switches',
        'aiRevenueUsd',
      ])
        expect(Number.isFinite(r[k]), k).toBe(true);
      expect(r.cumulative).toHaveLength(48);
      expect(r.cumulative.at(-1).profitUsd).toBeCloseTo(r.profitUsd, 1);
    }
    expect(always.curtailedHours).toBe(0);
    // The fixture's 4 ASICs run nothing now: always mine switches each on once, in the first hour.
    expect(always.switches).toBe(4);
    // The strike policy curtails exactly the hours the shipped SE3 series prices above $60/MWh.
    const prices = builtinElectricity(getEnv().SWITCHYARD_EUR_USD);
    let above = 0;
    for (let t = Date.parse(FROM); t < Date.parse(TO); t += 3_600_000) if (prices.get(t)! > 60) above++;
    expect(strike.curtailedHours).toBe(above);
    expect(ahead.mwh).toBeGreaterThan(0);
    expect(hourly.label).toBe('Optimizer (hour by hour)');

    const list = await call(collection.GET, { path: '/api/v1/allocation/backtests', token: viewer });
    expect(list.json.data[0]).toMatchObject({ id, status: 'done' });
    expect(list.json.data[0].results[0].cumulative).toEqual([]);

    const csv = await call(exportRoute.GET, {
      path: `/api/v1/allocation/backtests/${id}/export`,
      token: viewer,
      params: { id: String(id) },
    });
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/text\/csv/);
    const lines = String(csv.json).trim().split('\n');
    expect(lines[0]).toMatch(/^policy,profit_usd,revenue_usd/);
    expect(lines).toHaveLength(5);
    const columns = lines[0]!.split(',');
    const shed = columns.indexOf('cap_shed_device_hours');
    expect(shed).toBeGreaterThan(0);
    // Labels hold no commas here ("Strike $60/MWh" without hold), so a plain split reads the rows.
    lines.slice(1).forEach((line, i) => {
      expect(Number(line.split(',')[shed])).toBe(json.results[i].capShedDeviceHours);
    });
    const series = await call(exportRoute.GET, {
      path: `/api/v1/allocation/backtests/${id}/export?what=cumulative`,
      token: viewer,
      params: { id: String(id) },
    });
    expect(String(series.json).trim().split('\n')).toHaveLength(49);

    const again = await call(one.DELETE, {
      method: 'DELETE',
      path: `/api/v1/allocation/backtests/${id}`,
      token: operator,
      params: { id: String(id) },
    });
    expect(again.status).toBe(409);
  });

  it('cancels a queued backtest and one that is running', async () => {
    const del = (id: number) =>
      call(one.DELETE, {
        method: 'DELETE',
        path: `/api/v1/allocation/backtests/${id}`,
        token: operator,
        params: { id: String(id) },
      });
    const queued = (await post({ from: FROM, to: TO, policies: POLICIES })).json.id as number;
    const res = await del(queued);
    expect(res.status).toBe(200);
    expect(res.json.status).toBe('cancelled');
    expect(await runBacktests(Date.now())).toBe(0);

    const running = (await post({ from: FROM, to: TO, policies: [{ kind: 'optimizer', lookahead: false }] }))
      .json.id as number;
    // A clock a second further on every read: the runner writes progress after every chunk.
    let t = Date.now();
    const seen: number[] = [];
    await runBacktests(t, {
      clock: () => (t += 1000),
      onProgress: async (id, progress) => {
        seen.push(progress);
        if (seen.length === 1) expect((await del(id)).status).toBe(200);
      },
    });
    expect(seen).toHaveLength(1);
    const after = (await get(running)).json;
    expect(after.status).toBe('cancelled');
    expect(after.results).toEqual([]);
    expect(after.progress).toBeGreaterThan(0);
    expect(after.progress).toBeLessThan(1);
  });

  it('takes uploaded series and explains a bad CSV line by line', async () => {
    const upload = (kind: string, text: string) =>
      call(uploads.POST, {
        method: 'POST',
        path: `/api/v1/allocation/backtests/uploads?kind=${kind}&name=test`,
        token: operator,
        rawBody: text,
        contentType: 'text/csv',
      });
    const bad = await upload(
      'electricity',
      'timestamp,price_usd\n2025-06-01T00:00:00Z,abc\n2025-06-01T01:00:00Z,12\n',
    );
    expect(bad.status).toBe(422);
    expect(bad.json.error.code).toBe('invalid_csv');
    expect(bad.json.error.details.issues[0].line).toBe(2);
    const badBtc = await upload('bitcoin', 'date,btc_usd,difficulty\n2025-06-01,-3,1e14\n');
    expect(badBtc.status).toBe(422);
    expect(badBtc.json.error.details.issues[0]).toMatchObject({ line: 2 });

    const hours = Array.from(
      { length: 24 },
      (_, h) => `2025-06-01T${String(h).padStart(2, '0')}:00:00Z,${h < 12 ? 20 : 500}`,
    );
    const e = await upload('electricity', `timestamp,price_usd\n${hours.join('\n')}\n`);
    expect(e.status).toBe(201);
    expect(e.json).toMatchObject({ kind: 'electricity', rowCount: 24, from: '2025-06-01T00:00:00.000Z' });
    const b = await upload(
      'bitcoin',
      'date,btc_usd,difficulty,fees_btc_per_block\n2025-06-01,105000,126e12,0.03\n',
    );
    expect(b.status).toBe(201);
    const res = await post({
      from: '2025-06-01T00:00:00Z',
      to: '2025-06-02T00:00:00Z',
      policies: [{ kind: 'always-mine' }, { kind: 'strike', strikeUsdPerMwh: 100 }],
      electricity: { csvUploadId: e.json.id },
      bitcoin: { csvUploadId: b.json.id },
    });
    expect(res.status).toBe(202);
    await runBacktests(Date.now());
    const { json } = await get(res.json.id);
    expect(json.status).toBe('done');
    expect(json.results[1].curtailedHours).toBe(12);
    const list = await call(uploads.GET, { path: '/api/v1/allocation/backtests/uploads', token: viewer });
    expect(list.json.data).toHaveLength(2);
  });
});

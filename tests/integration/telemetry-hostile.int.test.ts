// Hostile input to POST /api/v1/telemetry, generated with fast-check and sent through the real
// route handler: the answer is always a 4xx, or a 200 that lists every bad sample in `rejected`
// when at least one sample is valid; never a 5xx; and the database holds exactly the samples
// reported accepted, with the values sent (nothing partially stored).
import { gzipSync } from 'node:zlib';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as telemetry from '@/app/api/v1/telemetry/route';
import { queryOne, queryRows, sql } from '@/lib/db/raw';
import { NUMERIC_METRICS, REPORTED_STATUSES } from '@/lib/telemetry/metrics';
import { type CallOptions, call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

const HOUR = 3_600_000;
const KNOWN_FIELDS = new Set([
  'deviceId',
  'serial',
  'ts',
  'status',
  'poolUrl',
  ...NUMERIC_METRICS.map((m) => m.key),
]);
type Ref = { deviceId: number } | { serial: string };
/** A sample as text for a given (unique) timestamp, and whether the API must accept it. */
type Spec = {
  valid: boolean;
  text: (ts: number) => string;
  stored?: (ts: number) => Record<string, unknown>;
};

const withRaw = (object: Record<string, unknown>, key: string, literal: string) =>
  JSON.stringify({ ...object, [key]: '__RAW__' }).replace('"__RAW__"', literal);

function arbitraries(refs: Ref[], now: number) {
  const ref = fc.constantFrom(...refs);
  const base = (ts: number) => ({ ...refs[0]!, ts, powerW: 3000 });
  const metricValue = (m: (typeof NUMERIC_METRICS)[number]) =>
    fc.oneof(
      fc.double({ min: m.min, max: m.max, noNaN: true }),
      fc.integer({ min: Math.ceil(m.min), max: 1e6 }).filter((v) => v <= m.max),
    );
  const metrics = fc
    .subarray([...NUMERIC_METRICS], { minLength: 1 })
    .chain((ms) => fc.tuple(...ms.map((m) => metricValue(m).map((v) => [m.key, v] as const))));
  const valid: fc.Arbitrary<Spec> = fc
    .record({
      ref,
      metrics,
      nulls: fc.subarray(NUMERIC_METRICS.map((m) => m.key)),
      status: fc.option(fc.constantFrom(...REPORTED_STATUSES), { nil: undefined }),
      poolUrl: fc.option(fc.string({ maxLength: 300 }), { nil: undefined }),
      tsFormat: fc.constantFrom('ms', 'iso', 'offset'),
    })
    .map(({ ref: r, metrics: ms, nulls, status, poolUrl, tsFormat }) => {
      const values: Record<string, unknown> = Object.fromEntries(nulls.map((k) => [k, null]));
      for (const [k, v] of ms) values[k] = v;
      const tsText = (ts: number) =>
        tsFormat === 'ms'
          ? ts
          : tsFormat === 'iso'
            ? new Date(ts).toISOString()
            : new Date(ts + 2 * HOUR).toISOString().replace('Z', '+02:00');
      return {
        valid: true,
        text: (ts) => JSON.stringify({ ...r, ts: tsText(ts), ...values, status, poolUrl }),
        // Through JSON as the server sees it (-0 arrives as 0).
        stored: (ts) =>
          JSON.parse(JSON.stringify({ ts, ...values, status: status ?? null, poolUrl: poolUrl ?? null })),
      };
    });
  const bad = (text: fc.Arbitrary<(ts: number) => string>): fc.Arbitrary<Spec> =>
    text.map((t) => ({ valid: false, text: t }));
  const metricKey = fc.constantFrom(...NUMERIC_METRICS.map((m) => m.key));
  const hostile = fc.oneof(
    // Wrong JSON type for a number, non-finite literals, values out of range, deep nesting.
    bad(
      fc
        .tuple(
          metricKey,
          fc.oneof(fc.string(), fc.boolean(), fc.constant({}), fc.array(fc.integer(), { maxLength: 3 })),
        )
        .map(
          ([k, v]) =>
            (ts) =>
              JSON.stringify({ ...base(ts), [k]: v }),
        ),
    ),
    bad(
      fc.tuple(metricKey, fc.constantFrom('1e999', '-1e999', '1E400')).map(
        ([k, lit]) =>
          (ts) =>
            withRaw(base(ts), k, lit),
      ),
    ),
    bad(
      fc
        .tuple(
          fc.constantFrom(...NUMERIC_METRICS),
          fc.boolean(),
          fc.double({ min: 0, max: 1e6, noNaN: true }),
        )
        .map(
          ([m, above, d]) =>
            (ts) =>
              JSON.stringify({ ...base(ts), [m.key]: above ? m.max * 2 + 1 + d : m.min - 1 - d }),
        ),
    ),
    bad(
      fc
        .integer({ min: 1, max: 5000 })
        .map((d) => (ts) => withRaw(base(ts), 'powerW', `${'['.repeat(d)}${']'.repeat(d)}`)),
    ),
    // Timestamps: missing, far past or future, seconds, fractional, not ISO-8601 with a zone, wrong type.
    bad(
      fc
        .constantFrom<(ts: number) => unknown>(
          () => undefined,
          () => null,
          () => now - 49 * HOUR,
          () => now + 24 * HOUR,
          () => Math.floor(now / 1000),
          (ts) => ts + 0.5,
          () => 'yesterday',
          () => '2026-11-21',
          () => '2026-11-21T10:00:00',
          () => '1970-01-01T00:00:00Z',
          () => '9999-12-31T23:59:59Z',
          () => true,
          () => ({ ms: now }),
          () => 'NaN',
        )
        .map((tsOf) => (ts) => JSON.stringify({ ...base(ts), ts: tsOf(ts) })),
    ),
    bad(fc.constant((ts: number) => withRaw(base(ts), 'ts', '1e999'))),
    // Device references: missing, both, malformed, unknown.
    bad(
      fc
        .constantFrom<Record<string, unknown>>(
          {},
          { deviceId: 0 },
          { deviceId: -3 },
          { deviceId: 1.5 },
          { deviceId: '1' },
          { deviceId: 2 ** 31 + 1 },
          { deviceId: null },
          { serial: '' },
          { serial: 'x'.repeat(65) },
          { serial: 42 },
          { deviceId: 999_999 },
          { serial: 'NOPE-unknown' },
          { ...refs[0], serial: 'also-a-serial' },
        )
        .map((r) => (ts) => JSON.stringify({ ts, powerW: 1, ...r })),
    ),
    // Unknown fields (prototype keys included), no metrics, bad status or pool URL, not an object.
    bad(
      fc
        .oneof(
          fc.string({ minLength: 1, maxLength: 20 }).filter((k) => !KNOWN_FIELDS.has(k)),
          fc.constantFrom('__proto__', 'constructor', 'prototype'),
        )
        .map((k) => (ts) => JSON.stringify(base(ts)).replace(/}$/, `,${JSON.stringify(k)}:1}`)),
    ),
    bad(
      fc.constantFrom<(ts: number) => string>(
        (ts) => JSON.stringify({ ...refs[0], ts }),
        (ts) => JSON.stringify({ ...refs[0], ts, powerW: null, hashrateThs: null }),
        (ts) => JSON.stringify({ ...base(ts), status: 'exploded' }),
        (ts) => JSON.stringify({ ...base(ts), status: 3 }),
        (ts) => JSON.stringify({ ...base(ts), poolUrl: 'p'.repeat(301) }),
        (ts) => JSON.stringify({ ...base(ts), poolUrl: { url: 'x' } }),
      ),
    ),
    bad(
      fc
        .oneof(
          fc.integer(),
          fc.string(),
          fc.constant(null),
          fc.boolean(),
          fc.array(fc.integer(), { maxLength: 3 }),
        )
        .map((v) => () => JSON.stringify(v)),
    ),
  );
  return { valid, hostile };
}

describe.each(TEST_PROVIDERS)('hostile telemetry payloads on %s', (provider) => {
  let db: TestDb;
  let refs: Ref[];
  const now = Date.now();
  let nextTs = now - 2 * HOUR;

  const count = async () =>
    Number((await queryOne<{ n: number }>(sql`SELECT COUNT(*) AS n FROM telemetry_sample`))?.n);
  const post = (token: string, options: CallOptions) =>
    call(telemetry.POST, { method: 'POST', token, contentType: 'application/json', ...options });

  beforeAll(async () => {
    db = await createTestDb(provider);
    const fleet = await createSmallFleet(5, 'Hostile Site');
    refs = [...fleet.devices, fleet.gpuNode].flatMap((d) => [{ deviceId: d.id }, { serial: d.serial }]);
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('accepts exactly the valid samples of a mixed batch, lists the others, stores what it reports', async () => {
    // A token per property: the per-token rate limit must not turn answers into 429s.
    const token = await tokenFor('operator', `hostile-mixed-${provider}`);
    const { valid, hostile } = arbitraries(refs, now);
    const batch = fc.array(fc.oneof({ weight: 3, arbitrary: valid }, { weight: 2, arbitrary: hostile }), {
      minLength: 1,
      maxLength: 40,
    });
    await fc.assert(
      fc.asyncProperty(batch, fc.boolean(), fc.boolean(), async (specs, repeatFirstValid, gzip) => {
        const timestamps = specs.map(() => nextTs++);
        const texts = specs.map((s, i) => s.text(timestamps[i]!));
        const firstValid = specs.findIndex((s) => s.valid);
        // A sample repeated within the batch is rejected as a duplicate, never stored twice.
        if (repeatFirstValid && firstValid >= 0) texts.push(texts[firstValid]!);
        const badIndexes = texts.map((_, i) => i).filter((i) => i >= specs.length || !specs[i]!.valid);
        const validIndexes = specs.map((_, i) => i).filter((i) => specs[i]!.valid);
        const body = `{"samples":[${texts.join(',')}]}`;
        const before = await count();
        const res = await post(
          token,
          gzip ? { rawBody: gzipSync(body), headers: { 'content-encoding': 'gzip' } } : { rawBody: body },
        );
        const after = await count();
        if (validIndexes.length === 0) {
          expect(res.status, JSON.stringify(res.json)).toBe(400);
          expect(res.json.error.details.rejected.map((r: { index: number }) => r.index)).toEqual(badIndexes);
          expect(after).toBe(before);
          return;
        }
        expect(res.status, JSON.stringify(res.json)).toBe(200);
        expect(res.json.rejected.map((r: { index: number }) => r.index)).toEqual(badIndexes);
        expect(res.json).toMatchObject({ accepted: validIndexes.length, duplicates: 0 });
        expect(after - before).toBe(validIndexes.length);
        const ts = validIndexes.map((i) => timestamps[i]!);
        const rows = await queryRows(
          sql`SELECT * FROM telemetry_sample WHERE ts >= ${Math.min(...ts)} AND ts <= ${Math.max(...ts)} ORDER BY ts`,
        );
        const expected = validIndexes.map((i) => specs[i]!.stored!(timestamps[i]!));
        expect(
          rows.map((row) =>
            Object.fromEntries(
              Object.keys(expected.find((e) => e.ts === Number(row.ts)) ?? {}).map((key) => {
                const column =
                  key === 'ts'
                    ? 'ts'
                    : key === 'poolUrl'
                      ? 'pool_url'
                      : key === 'status'
                        ? 'status'
                        : NUMERIC_METRICS.find((m) => m.key === key)!.column;
                const value = row[column];
                return [key, typeof value === 'bigint' || key === 'ts' ? Number(value) : value];
              }),
            ),
          ),
        ).toEqual(expected);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses malformed bodies as a whole with 400 and stores nothing', async () => {
    const token = await tokenFor('operator', `hostile-body-${provider}`);
    const depth = fc.integer({ min: 1, max: 50_000 });
    const body = fc.oneof(
      fc.jsonValue().map((v) => JSON.stringify(v)),
      fc.jsonValue().map((v) => JSON.stringify({ samples: v })),
      fc.array(fc.jsonValue(), { minLength: 1, maxLength: 5 }).map((v) => JSON.stringify({ samples: v })),
      fc.string({ maxLength: 200 }),
      fc.uint8Array({ maxLength: 200 }).map((bytes) => Buffer.from(bytes).toString('latin1')),
      depth.map((d) => `{"samples":${'['.repeat(d)}${']'.repeat(d)}}`),
      depth.map((d) => `{"samples":[${'{"a":'.repeat(d)}1${'}'.repeat(d)}]}`),
      fc.constantFrom(
        '',
        '{',
        'null',
        '[]',
        '{"samples":[]}',
        '{"samples":{}}',
        '{"samples":NaN}',
        '{"samples":[Infinity]}',
        `{"samples":[{"deviceId":1,"ts":${now},"powerW":NaN}]}`,
        `{"samples":[{"deviceId":1,"ts":${now},"powerW":-Infinity}]}`,
        '{"samples":[1,2,3]}',
        '{"samples":"[]"}',
        '\u0000',
        '\ufeff{"samples":[]}',
      ),
    );
    await fc.assert(
      fc.asyncProperty(body, async (text) => {
        const before = await count();
        const res = await post(token, { rawBody: text });
        expect(res.status, `${text.slice(0, 80)} → ${JSON.stringify(res.json)}`).toBe(400);
        expect(res.json.error.code).toMatch(/^(bad_request|invalid_json|invalid_samples)$/);
        expect(await count()).toBe(before);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses wrong content types and encodings and broken gzip, even around a valid batch', async () => {
    const token = await tokenFor('operator', `hostile-encoding-${provider}`);
    const validBody = () => JSON.stringify({ samples: [{ ...refs[0], ts: nextTs++, powerW: 3100 }] });
    const wrapping = fc.oneof(
      fc
        .constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data',
          'application/jsonp',
          'text/json',
          '',
        )
        .map((contentType) => ({ status: 415, options: () => ({ rawBody: validBody(), contentType }) })),
      fc.constantFrom('br', 'deflate', 'compress', 'gzip, gzip').map((encoding) => ({
        status: 415,
        options: () => ({ rawBody: gzipSync(validBody()), headers: { 'content-encoding': encoding } }),
      })),
      fc.uint8Array({ minLength: 0, maxLength: 300 }).map((bytes) => ({
        status: 400,
        options: () => ({ rawBody: bytes, headers: { 'content-encoding': 'gzip' } }),
      })),
      fc.integer({ min: 0, max: 30 }).map((cut) => ({
        status: 400,
        options: () => ({
          rawBody: gzipSync(validBody()).subarray(0, cut),
          headers: { 'content-encoding': 'gzip' },
        }),
      })),
      fc.constant({
        status: 400,
        options: () => ({ rawBody: gzipSync('{"samples": ['), headers: { 'content-encoding': 'gzip' } }),
      }),
    );
    await fc.assert(
      fc.asyncProperty(wrapping, async ({ status, options }) => {
        const before = await count();
        const res = await post(token, options());
        expect(res.status, JSON.stringify(res.json)).toBe(status);
        expect(await count()).toBe(before);
      }),
      { numRuns: 100 },
    );
  });

  it.each([
    [
      'more samples than INGEST_MAX_SAMPLES',
      413,
      () => ({ rawBody: JSON.stringify({ samples: Array.from({ length: 10_001 }, () => ({})) }) }),
    ],
    ['a body over 8 MB', 413, () => ({ rawBody: `${' '.repeat(9 * 1024 * 1024)}{"samples":[]}` })],
    [
      'a gzip bomb (40 MB inflated)',
      413,
      () => ({ rawBody: gzipSync(' '.repeat(40 * 1024 * 1024)), headers: { 'content-encoding': 'gzip' } }),
    ],
    [
      'no credentials',
      401,
      () => ({ rawBody: JSON.stringify({ samples: [{ ...refs[0], ts: nextTs++, powerW: 1 }] }), token: '' }),
    ],
    [
      'a forged token',
      401,
      () => ({
        rawBody: JSON.stringify({ samples: [{ ...refs[0], ts: nextTs++, powerW: 1 }] }),
        token: 'syd_forged',
      }),
    ],
  ] as const)('answers %s with %i and stores nothing', async (_what, status, options) => {
    const token = await tokenFor('operator', `hostile-limits-${provider}-${status}`);
    const before = await count();
    const res = await post(token, options());
    expect(res.status, JSON.stringify(res.json)).toBe(status);
    expect(await count()).toBe(before);
  });

  it('answers a viewer token with 403 and stores nothing', async () => {
    const viewer = await tokenFor('viewer', `hostile-viewer-${provider}`);
    const before = await count();
    const res = await post(viewer, {
      rawBody: JSON.stringify({ samples: [{ ...refs[0], ts: nextTs++, powerW: 1 }] }),
    });
    expect(res.status).toBe(403);
    expect(await count()).toBe(before);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as metrics from '@/app/metrics/route';
import { escapeLabel } from '@/lib/metrics/prometheus';
import { refreshLatest } from '@/lib/telemetry/latest';
import { storeSamples } from '@/lib/telemetry/store';
import { call, tokenFor } from '../helpers/api';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, type TestDb } from '../helpers/test-db';

describe('GET /metrics', () => {
  let db: TestDb;
  beforeAll(async () => {
    db = await createTestDb('sqlite');
  });
  afterAll(async () => {
    await db.cleanup();
  });

  it('exposes device counts and fresh gauges in the text format', async () => {
    const fleet = await createSmallFleet(3, 'Prom "site"');
    const now = Date.now();
    await storeSamples(
      fleet.devices.map((d) => ({ deviceId: d.id, ts: now - 5_000, hashrateThs: 201.5, powerW: 3500 })),
    );
    await refreshLatest(now);
    const res = await call(metrics.GET, { token: await tokenFor('viewer') });
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toMatch(/^text\/plain; version=0\.0\.4/);
    const text = res.json as unknown as string;
    expect(text).toContain('# TYPE switchyard_devices gauge');
    expect(text).toMatch(/switchyard_devices\{site="Prom \\"site\\"",class="asic",status="offline"\} 3/);
    expect(text.match(/^switchyard_device_hashrate_terahashes\{.*\} 201\.5$/gm)).toHaveLength(3);
    expect((await call(metrics.GET)).status).toBe(401);
  });

  it('escapes label values', () => {
    expect(escapeLabel('a\\b"c\nd')).toBe('a\\\\b\\"c\\nd');
  });
});

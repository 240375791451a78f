// The HTTP edge against the production server over loopback: what only a real Next server shows
// (its own path decoding, the connection address, gzip while other requests are served).
import { gzipSync } from 'node:zlib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SYSTEM_ACTOR } from '../../lib/auth/actor';
import { createUser } from '../../lib/auth/users';
import { buildIfStale } from '../../scripts/build-if-stale';
import { tokenFor } from '../helpers/api';
import { type RunningServer, startServer } from '../helpers/server';
import { createTestDb, type TestDb } from '../helpers/test-db';

const PASSWORD = 'correct horse battery staple';

describe('HTTP edge on the production server', () => {
  let db: TestDb;
  let server: RunningServer;
  let token: string;

  beforeAll(async () => {
    buildIfStale(process.cwd());
    db = await createTestDb('sqlite');
    token = await tokenFor('operator');
    await createUser(SYSTEM_ACTOR, {
      email: 'owner@example.com',
      name: 'Owner',
      password: PASSWORD,
      role: 'viewer',
    });
    server = await startServer({ databaseUrl: db.url });
  }, 600_000);
  afterAll(async () => {
    await server?.stop();
    await db?.cleanup();
  });

  it.each([
    '/api/v1/devices/%E0%A4%A',
    '/api/v1/devices/%',
    '/api/v1/sites/%E0%A4%A/racks',
    '/api/v1/devices/0x4B7',
    '/api/v1/devices/1e3',
    '/api/v1/devices/%201%20',
  ])('answers GET %s with 400/404 in the error envelope, not 500', async (path) => {
    const res = await fetch(`${server.url}${path}`, { headers: { authorization: `Bearer ${token}` } });
    expect([400, 404], `${res.status} ${await res.clone().text()}`).toContain(res.status);
  });

  it('throttles by the connection address, whatever X-Real-IP, X-Forwarded-For or peer header a client sends', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 7; i++) {
      const res = await fetch(`${server.url}/api/auth/login`, {
        method: 'POST',
        headers: {
          'content-type': 'application/json',
          origin: server.url,
          'x-real-ip': `198.51.100.${i}`,
          'x-forwarded-for': `192.0.2.${i}`,
          'x-switchyard-peer': `203.0.113.${i}`,
        },
        body: JSON.stringify({ email: 'owner@example.com', password: 'wrong' }),
      });
      statuses.push(res.status);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 401, 429, 429]);
  });

  it('refuses a gzip bomb with 413 and keeps answering health checks meanwhile', async () => {
    const bomb = gzipSync(Buffer.alloc(600 * 1024 * 1024));
    const post = fetch(`${server.url}/api/v1/telemetry`, {
      method: 'POST',
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        'content-encoding': 'gzip',
      },
      body: bomb,
    });
    const health = await fetch(`${server.url}/api/health`);
    expect(health.status).toBe(200);
    expect((await post).status).toBe(413);
  });
});

// Two web instances on one database each run a live simulator (the documented scale-out). Each
// simulator must keep working beside its peer: neither may revoke the other's ingest token.
// Both post through a real loopback HTTP server into the real ingest route.
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import * as telemetry from '@/app/api/v1/telemetry/route';
import { getDb } from '@/lib/db/client';
import { LiveSimulator, SIMULATOR_TOKEN_NAME } from '@/lib/sim/live';
import { createSmallFleet } from '../helpers/fixtures';
import { createTestDb, TEST_PROVIDERS, type TestDb } from '../helpers/test-db';

/** The ingest route behind a real HTTP listener on 127.0.0.1. */
async function ingestServer(): Promise<{ url: string; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const headers = new Headers();
    for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
    const response = await telemetry.POST(
      new Request(`http://127.0.0.1${req.url}`, { method: req.method, headers, body: Buffer.concat(chunks) }),
      { params: Promise.resolve({}) },
    );
    res.writeHead(response.status, { 'content-type': 'application/json' });
    res.end(Buffer.from(await response.arrayBuffer()));
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}

describe.each(TEST_PROVIDERS)('two simulators on one %s database', (provider) => {
  let db: TestDb;
  let server: Awaited<ReturnType<typeof ingestServer>>;

  beforeAll(async () => {
    db = await createTestDb(provider);
    await createSmallFleet(20, 'Peers');
    server = await ingestServer();
  });
  afterAll(async () => {
    await server.close();
    await db.cleanup();
  });

  it('both keep ingesting, turn after turn, without revoking each other', async () => {
    const make = () =>
      new LiveSimulator({ baseUrl: server.url, seed: 42, intervalMs: 30_000, log: () => {} });
    const [a, b] = [make(), make()];
    const t0 = Date.now();
    // Alternate like two schedulers taking the simulator lock in turn, each a new cadence slot.
    for (let turn = 0; turn < 4; turn++) {
      const now = t0 + turn * 30_000;
      await expect(a.tick(now), `instance A, turn ${turn}`).resolves.toBeGreaterThanOrEqual(0);
      await expect(b.tick(now + 15_000), `instance B, turn ${turn}`).resolves.toBeGreaterThanOrEqual(0);
    }
    const live = await getDb().apiToken.count({ where: { name: SIMULATOR_TOKEN_NAME, revokedAt: null } });
    expect(live).toBe(2);
    expect(await getDb().telemetrySample.count()).toBeGreaterThan(0);
  });

  it("revokes only a dead peer's token (unused for a quarter hour), never a live one", async () => {
    const now = Date.now();
    const stale = await getDb().apiToken.create({
      data: {
        name: SIMULATOR_TOKEN_NAME,
        role: 'operator',
        tokenHash: `stale-${provider}`,
        displayHint: 'syd_dead…',
        createdAt: new Date(now - 3_600_000),
        lastUsedAt: new Date(now - 20 * 60_000),
      },
    });
    const sim = new LiveSimulator({ baseUrl: server.url, seed: 42, intervalMs: 30_000, log: () => {} });
    await sim.tick(now + 200_000);
    const after = await getDb().apiToken.findUniqueOrThrow({ where: { id: stale.id } });
    expect(after.revokedAt).not.toBeNull();
    expect(await getDb().apiToken.count({ where: { name: SIMULATOR_TOKEN_NAME, revokedAt: null } })).toBe(3);
  });
});

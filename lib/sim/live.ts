// The embedded demo's live fleet: every device reports on its own 30-second cadence (phase spread
// by id), and the samples go to the server through the same HTTP ingest API real agents use,
// authenticated with a token each simulator (one per web instance) creates for itself at start-up.
import { SYSTEM_ACTOR } from '../auth/actor';
import { createApiToken, forgetCachedTokens } from '../auth/api-tokens';
import { getDb } from '../db/client';
import { queryRows, sql } from '../db/raw';
import type { TelemetrySample } from '../telemetry/metrics';
import { readHistoryState } from './backfill';
import { loadSimFleet, modeAt, type SimFleet } from './fleet-source';
import { simulateSample } from './telemetry-model';

export const SIMULATOR_TOKEN_NAME = 'built-in simulator';
/** A live simulator uses its token every few seconds; one silent this long belongs to a stopped instance. */
const ABANDONED_AFTER_MS = 15 * 60_000;
/** Bounded, so a token lost with its process stops working even if nobody cleans it up. */
const TOKEN_LIFETIME_DAYS = 30;
const BATCH = 1000;
const FLEET_REFRESH_MS = 30_000;
const CATCH_UP_MS = 60 * 60_000;

async function lastStoredSamples(): Promise<Map<number, number>> {
  const rows = await queryRows<{ device_id: number; ts: number }>(
    sql`SELECT device_id, ts FROM device_latest`,
  );
  return new Map(rows.map((r) => [Number(r.device_id), Number(r.ts)]));
}

export type LiveSimulatorOptions = {
  baseUrl: string;
  seed: number;
  intervalMs: number;
  log: (line: string) => void;
  /** Over-the-wire demo: the collector polls the other devices' fakes, the simulator feeds push devices only. */
  pushOnly?: boolean;
};

/** A simulator token no instance has used for ABANDONED_AFTER_MS (peers' live tokens never are). */
export function isAbandonedToken(token: { createdAt: Date; lastUsedAt: Date | null }, now: number): boolean {
  return now - (token.lastUsedAt ?? token.createdAt).getTime() > ABANDONED_AFTER_MS;
}

/**
 * A fresh operator token for this process. Several instances share one database, each with its
 * own simulator and token: only abandoned tokens (of stopped instances) are revoked, never a
 * peer's, or the instances would revoke each other in turn and ingest would answer 401.
 */
async function simulatorToken(now: number): Promise<string> {
  const tokens = await getDb().apiToken.findMany({
    where: { name: SIMULATOR_TOKEN_NAME, revokedAt: null },
    select: { id: true, createdAt: true, lastUsedAt: true },
  });
  const abandoned = tokens.filter((t) => isAbandonedToken(t, now)).map((t) => t.id);
  if (abandoned.length > 0) {
    await getDb().apiToken.updateMany({
      where: { id: { in: abandoned }, revokedAt: null },
      data: { revokedAt: new Date(now) },
    });
    forgetCachedTokens();
  }
  const { token } = await createApiToken(
    SYSTEM_ACTOR,
    { name: SIMULATOR_TOKEN_NAME, role: 'operator', expiresInDays: TOKEN_LIFETIME_DAYS },
    new Date(now),
  );
  return token;
}

export class LiveSimulator {
  private fleet: SimFleet | undefined;
  private fleetLoadedAt = 0;
  private controlAt = 0;
  private token: string | undefined;
  /** Last sample time sent per device, so each due sample goes out exactly once. */
  private readonly lastSent = new Map<number, number>();

  constructor(private readonly options: LiveSimulatorOptions) {}

  /**
   * Due samples at `now`: every cadence slot of every device not sent yet. After a restart a
   * device catches up from its last stored sample (at most CATCH_UP_MS back), as a buffering
   * agent would, so restarts leave no hole in the history. Nothing at or before `floorMs` is
   * sent: that span belongs to the first-start history fill (lib/sim/backfill.ts).
   */
  dueSamples(
    fleet: SimFleet,
    now: number,
    lastStored: Map<number, number> = new Map(),
    floorMs = 0,
  ): TelemetrySample[] {
    const { intervalMs, seed } = this.options;
    const samples: TelemetrySample[] = [];
    for (const { device, siteId, protocol } of fleet.devices) {
      if (this.options.pushOnly && protocol !== 'push') continue;
      const site = fleet.sites.get(siteId);
      if (!site) continue;
      const phase = (device.id * 7919) % intervalMs;
      const latestSlot = now - ((((now - phase) % intervalMs) + intervalMs) % intervalMs);
      const sent =
        this.lastSent.get(device.id) ??
        Math.max(lastStored.get(device.id) ?? 0, floorMs, latestSlot - CATCH_UP_MS);
      let slot = latestSlot - Math.floor((latestSlot - sent) / intervalMs) * intervalMs;
      if (slot <= sent) slot += intervalMs;
      for (; slot <= latestSlot; slot += intervalMs) {
        const sample = simulateSample({
          device: modeAt(device, seed, slot),
          site,
          ts: slot,
          seed,
          intervalMs,
        });
        if (sample) samples.push(sample);
      }
      this.lastSent.set(device.id, Math.max(sent, latestSlot));
    }
    return samples;
  }

  async tick(now = Date.now()): Promise<number> {
    // A remote action on a simulated device (sim_device_control) reloads the fleet at once.
    const control = await queryRows(sql`SELECT MAX(updated_at) AS at FROM sim_device_control`);
    const controlAt = Number(control[0]?.at ?? 0);
    if (!this.fleet || now - this.fleetLoadedAt > FLEET_REFRESH_MS || controlAt !== this.controlAt) {
      this.fleet = await loadSimFleet(this.options.seed, now);
      this.fleetLoadedAt = now;
      this.controlAt = controlAt;
    }
    this.token ??= await simulatorToken(now);
    const firstTick = this.lastSent.size === 0;
    const lastStored = firstTick ? await lastStoredSamples() : undefined;
    const floorMs = firstTick ? ((await readHistoryState())?.untilMs ?? 0) : 0;
    const samples = this.dueSamples(this.fleet, now, lastStored, floorMs);
    let accepted = 0;
    for (let i = 0; i < samples.length; i += BATCH) {
      const res = await fetch(`${this.options.baseUrl}/api/v1/telemetry`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${this.token}` },
        body: JSON.stringify({ samples: samples.slice(i, i + BATCH) }),
        signal: AbortSignal.timeout(20_000),
      });
      if (res.status === 401) this.token = undefined;
      if (!res.ok) throw new Error(`ingest answered ${res.status}: ${(await res.text()).slice(0, 200)}`);
      accepted += ((await res.json()) as { accepted: number }).accepted;
    }
    return accepted;
  }
}

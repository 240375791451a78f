// GET /api/v1/sites/{id}/swarm: the site's micro-miners with their latest figures and what the
// collector learnt from them (firmware, best difficulties), summarised by summariseSwarm.
import { type Actor, requireRole } from '../auth/actor';
import { queryRows, sql } from '../db/raw';
import { toNumberOrNull } from '../db/values';
import { assertSiteVisible, deviceScopeSql } from '../inventory/scope';
import { loadMarketSnapshot } from '../market/views/snapshot';
import { type Swarm, type SwarmDeviceInput, summariseSwarm } from './summarise';

export type SwarmView = Swarm & { siteId: number; difficultyAsOf: string | null };

export async function getSiteSwarm(actor: Actor, siteId: number, now = Date.now()): Promise<SwarmView> {
  requireRole(actor, 'viewer');
  await assertSiteVisible(actor, siteId);
  const rows = await queryRows(sql`
    SELECT d.id, d.name, m.vendor, m.model, d.protocol, d.host, d.status, l.ts AS last_ts, l.hashrate_ths,
           l.accepted_shares, l.rejected_shares, c.firmware, c.best_diff_session, c.best_diff_all_time
    FROM device d
    JOIN device_model m ON m.id = d.model_id
    LEFT JOIN device_latest l ON l.device_id = d.id
    LEFT JOIN collector_state c ON c.device_id = d.id
    WHERE d.site_id = ${siteId} AND m.class = 'micro' ${deviceScopeSql(actor)}
    ORDER BY d.name, d.id`);
  const devices: SwarmDeviceInput[] = rows.map((r) => ({
    id: Number(r.id),
    name: String(r.name),
    vendor: String(r.vendor),
    model: String(r.model),
    protocol: String(r.protocol),
    host: (r.host as string | null) ?? null,
    status: String(r.status),
    hashrateThs: toNumberOrNull(r.hashrate_ths),
    acceptedShares: toNumberOrNull(r.accepted_shares),
    rejectedShares: toNumberOrNull(r.rejected_shares),
    bestDiffSession: toNumberOrNull(r.best_diff_session),
    bestDiffAllTime: toNumberOrNull(r.best_diff_all_time),
    firmware: (r.firmware as string | null) ?? null,
    lastSeenAt: r.last_ts == null ? null : new Date(Number(r.last_ts)).toISOString(),
  }));
  const market = await loadMarketSnapshot(now);
  const difficulty = market.difficulty?.value ?? null;
  return {
    siteId,
    difficultyAsOf: market.difficulty ? new Date(market.difficulty.ts).toISOString() : null,
    ...summariseSwarm(devices, difficulty),
  };
}

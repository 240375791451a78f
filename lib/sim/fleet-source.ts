import { queryRows, sql } from '../db/raw';
import type { PowerProfile } from '../inventory/catalogue';
import type { AssignmentKind } from '../workloads/schemas';
import { aiBusyAt } from './ai-schedule';
import { DEMO_SITE_PLANS, type SiteClimate } from './demo-sites';
import type { SimDevice, SimSite } from './telemetry-model';

export type SimFleet = {
  devices: { device: SimDevice; siteId: number; protocol: string }[];
  sites: Map<number, SimSite>;
};

/** A plausible climate from latitude for sites that are not part of the demo (no demo plan). */
export function climateForLatitude(latitude: number | null): SiteClimate {
  const lat = Math.abs(latitude ?? 40);
  return {
    meanAnnualC: Math.max(-5, 28 - 0.45 * lat),
    seasonalAmplitudeC: Math.min(16, 2 + lat / 4),
    dailyAmplitudeC: 5,
    hemisphere: (latitude ?? 40) >= 0 ? 'north' : 'south',
    inletOffsetC: 4,
    inletFloorC: 12,
    controlledInletC: null,
  };
}

/**
 * The inventory as the simulator sees it: every device with its model figures and what the
 * server currently asks of it (maintenance, curtailed, power target), plus site climates.
 */
export async function loadSimFleet(seed: number, now: number): Promise<SimFleet> {
  const siteRows = await queryRows<{ id: number; name: string; timezone: string; latitude: number | null }>(
    sql`SELECT id, name, timezone, latitude FROM site`,
  );
  const sites = new Map<number, SimSite>();
  for (const s of siteRows) {
    const plan = DEMO_SITE_PLANS.find((p) => p.site.name === s.name);
    sites.set(Number(s.id), {
      key: plan?.site.key ?? `site-${s.id}`,
      timezone: s.timezone,
      climate: plan?.climate ?? climateForLatitude(s.latitude),
    });
  }
  const rows = await queryRows<{
    id: number;
    site_id: number;
    status: string;
    status_changed_at: unknown;
    power_target_w: number | null;
    class: 'asic' | 'micro' | 'gpu';
    nominal_hashrate_ths: number | null;
    nominal_power_w: number;
    max_temp_c: number;
    gpu_count: number | null;
    gpu_memory_gb: number | null;
    power_profiles: string | null;
    protocol: string;
    workload: AssignmentKind | null;
    since_ts: number | null;
    pool_urls: string | null;
    sim_paused: unknown;
    sim_power_target_w: number | null;
    sim_pool_url: string | null;
    sim_updated_at: number | null;
  }>(sql`SELECT d.id, d.site_id, d.protocol, d.status, d.status_changed_at, d.power_target_w, m.class, m.nominal_hashrate_ths,
                m.nominal_power_w, m.max_temp_c, m.gpu_count, m.gpu_memory_gb, m.power_profiles,
                w.kind AS workload, w.since_ts, p.urls AS pool_urls, c.paused AS sim_paused,
                c.power_target_w AS sim_power_target_w, c.pool_url AS sim_pool_url, c.updated_at AS sim_updated_at
         FROM device d JOIN device_model m ON m.id = d.model_id
           LEFT JOIN device_workload w ON w.device_id = d.id
           LEFT JOIN pool_profile p ON p.id = w.pool_id AND w.kind = 'pool'
           LEFT JOIN sim_device_control c ON c.device_id = d.id
         ORDER BY d.id`);
  const devices = rows.map((r) => {
    const id = Number(r.id);
    const assignedMode = r.workload ? modeForWorkload(r.workload, r.class) : null;
    // Remote actions on a simulated device (lib/actions/send.ts): paused, a power target, a pool.
    const simPaused = r.sim_paused === true || Number(r.sim_paused) === 1;
    const mode: SimDevice['mode'] =
      r.status === 'maintenance'
        ? 'maintenance'
        : r.status === 'curtailed' || simPaused
          ? 'curtailed'
          : (assignedMode ?? (r.class === 'gpu' ? (aiBusyAt(seed, id, now) ? 'ai' : 'idle') : 'mining'));
    // A device on a pool reports that pool's primary URL, as a miner switched to it would.
    const poolUrls = r.sim_pool_url
      ? [r.sim_pool_url]
      : r.pool_urls
        ? (JSON.parse(r.pool_urls) as string[])
        : null;
    const device: SimDevice = {
      id,
      class: r.class,
      nominalHashrateThs: r.nominal_hashrate_ths,
      nominalPowerW: Number(r.nominal_power_w),
      maxTempC: Number(r.max_temp_c),
      gpuCount: r.gpu_count,
      gpuMemoryGb: r.gpu_memory_gb,
      powerTargetW: r.sim_power_target_w ?? r.power_target_w,
      powerProfiles: r.power_profiles ? (JSON.parse(r.power_profiles) as PowerProfile[]) : null,
      mode,
      ...(r.sim_updated_at != null
        ? { modeSinceTs: Number(r.sim_updated_at) }
        : assignedMode && r.since_ts != null
          ? { modeSinceTs: Number(r.since_ts) }
          : {}),
      assigned: assignedMode !== null,
      poolUrl: r.class === 'gpu' ? null : (poolUrls?.[0] ?? 'stratum+tcp://pool.example.net:3333'),
    };
    return { device, siteId: Number(r.site_id), protocol: String(r.protocol) };
  });
  return { devices, sites };
}

/**
 * What an assigned device does: GPU work (job, rent) runs AI load, curtailed or idle machines draw
 * (almost) nothing, or idle power for GPU servers. Unassigned devices keep the stand-in behaviour.
 */
export function modeForWorkload(kind: AssignmentKind, deviceClass: SimDevice['class']): SimDevice['mode'] {
  if (kind === 'maintenance') return 'maintenance';
  if (kind === 'curtail') return 'curtailed';
  if (deviceClass === 'gpu') return kind === 'job' || kind === 'rent' ? 'ai' : 'idle';
  return kind === 'pool' ? 'mining' : 'curtailed';
}

/**
 * Unassigned GPU nodes follow the stand-in AI schedule at each sample's own time (backfill spans
 * days); an assigned node does what it was assigned.
 */
export function modeAt(device: SimDevice, seed: number, ts: number): SimDevice {
  if (
    device.assigned ||
    device.class !== 'gpu' ||
    device.mode === 'maintenance' ||
    device.mode === 'curtailed'
  )
    return device;
  const mode = aiBusyAt(seed, device.id, ts) ? 'ai' : 'idle';
  return mode === device.mode ? device : { ...device, mode };
}

import { queryRows, sql } from '../../db/raw';
import { loadPlanInputs } from '../load-inputs';
import type { AllocationInput } from '../types';

/**
 * The inventory a backtest replays: the allocation engine's instance as the plans read it
 * (lib/allocation/load-inputs.ts: sites with cap, PUE, pool fee; catalogue power profiles; what
 * runs now; rental rates), narrowed to the caller's tenant and the requested sites/devices. The
 * site's own price is not used (the backtest's series replaces it); devices offline or in
 * maintenance today are replayed as available, since the window is history.
 */
export async function loadBacktestFleet(args: {
  now: number;
  tenantId: number | null;
  siteIds?: number[];
  deviceIds?: number[];
  holdTimes: boolean;
}): Promise<{ input: AllocationInput; notes: string[] }> {
  const inputs = await loadPlanInputs({
    now: args.now,
    siteIds: args.siteIds,
    horizonH: 1,
    intervalMin: 60,
    constraints: { guardrails: false, holdTimes: args.holdTimes },
  });
  const notes = inputs.skippedSites.map((s) => `site ${s.name} left out: ${s.reason}`);
  let allowed: Set<string> | null = null;
  if (args.tenantId !== null) {
    const rows = await queryRows(sql`SELECT id FROM device WHERE tenant_id = ${args.tenantId}`);
    allowed = new Set(rows.map((r) => String(r.id)));
  }
  if (args.deviceIds) {
    const wanted = new Set(args.deviceIds.map(String));
    allowed = allowed ? new Set([...allowed].filter((id) => wanted.has(id))) : wanted;
  }
  const instance = inputs.instance;
  let unavailable = 0;
  const devices = instance.devices
    .filter((d) => allowed === null || allowed.has(d.deviceId))
    .map((d) => {
      if (!d.maintenance) return d;
      unavailable++;
      return { ...d, maintenance: false };
    });
  if (unavailable)
    notes.push(`${unavailable} device(s) offline or in maintenance now are replayed as available`);
  const siteIds = new Set(devices.map((d) => d.siteId));
  const sites = instance.sites.filter((s) => siteIds.has(s.siteId));
  if (args.siteIds) {
    const found = new Set(instance.sites.map((s) => s.siteId));
    const missing = args.siteIds.filter((id) => !found.has(String(id)));
    if (missing.length) notes.push(`site id(s) ${missing.join(', ')} not found or not priced`);
  }
  return { input: { ...instance, sites, devices, jobs: [] }, notes };
}

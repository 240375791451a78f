import type { Actor } from '../auth/actor';
import { type FleetNow, getFleetNow } from '../telemetry/fleet';

export type FleetSummary = FleetNow;

/** The fleet (or one site) now: inventory, live totals and, once market data exists, the money view. */
export async function getFleetSummary(actor: Actor, siteId?: number): Promise<FleetSummary> {
  return getFleetNow(actor, siteId);
}

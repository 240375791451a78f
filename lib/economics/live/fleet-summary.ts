import type { Actor } from '../../auth/actor';
import { type FleetNow, getFleetNow } from '../../telemetry/fleet-now';
import { type FleetMoney, getFleetMoney } from './money';

export type FleetSummary = FleetNow & {
  /** Money at current rates (DESIGN §7); null when the money view could not be computed. */
  revenueUsdPerDay: number | null;
  energyCostUsdPerDay: number | null;
  marginUsdPerDay: number | null;
  /** Per hour, mining vs AI, cost per BTC, and which sites the totals leave out (unknown power price). */
  money: FleetMoney | null;
};

/** The fleet (or one site) now: inventory, live totals and the money view. */
export async function getFleetSummary(
  actor: Actor,
  siteId?: number,
  now = Date.now(),
): Promise<FleetSummary> {
  const fleet = await getFleetNow(actor, siteId, now);
  let money: FleetMoney | null = null;
  try {
    money = await getFleetMoney(actor, siteId, now);
  } catch (error) {
    // The operational totals must stay available even if the market side is broken.
    console.error('[fleet] money view failed', error);
  }
  return {
    ...fleet,
    revenueUsdPerDay: money?.revenueUsdPerDay ?? null,
    energyCostUsdPerDay: money?.energyCostUsdPerDay ?? null,
    marginUsdPerDay: money?.marginUsdPerDay ?? null,
    money,
  };
}

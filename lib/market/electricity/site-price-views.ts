import { z } from 'zod';
import { type Actor, requireStaff } from '../../auth/actor';
import { TouBand } from '../../inventory/schemas';
import { type ContractPrice, type ContractPricePoint, contractProvider, type SiteContract } from './contract';
import { averagePriceUsdPerMwh, getSiteContract, sitePriceSeries, sitePricesAt } from './site-price';
import { parseSpotSource } from './spot-source';

export type SitePricesView = {
  siteId: number;
  siteName: string;
  timezone: string;
  contractKind: SiteContract['contractKind'];
  spotSource: string | null;
  spotAdderUsdPerMwh: number;
  /** Provider the contract expects (fixed, tou, sim-se3, ercot, …), or null when the contract is incomplete. */
  provider: string | null;
  simulated: boolean;
  from: number;
  to: number;
  now: ContractPrice;
  averageUsdPerMwh: number | null;
  points: ContractPricePoint[];
  /** Why the range has no prices, when it has none. */
  reason: string | null;
};

function sourceInfo(contract: SiteContract) {
  const expected = contractProvider(contract);
  const provider = 'provider' in expected ? expected.provider : null;
  const spot = contract.contractKind === 'spot' ? parseSpotSource(contract.spotSource) : null;
  return { provider, simulated: Boolean(spot?.ok && spot.source.kind === 'sim') };
}

/** Prices of a site over [from, to) (charts, the 24 h preview) and its price now. */
export async function getSitePrices(
  actor: Actor,
  siteId: number,
  range: { from: number; to: number },
  now: number,
): Promise<SitePricesView> {
  const site = await getSiteContract(actor, siteId);
  const [series, current] = await Promise.all([
    sitePriceSeries(site, range.from, range.to),
    sitePricesAt([site], now),
  ]);
  return {
    siteId: site.id,
    siteName: site.name,
    timezone: site.timezone,
    contractKind: site.contractKind,
    spotSource: site.spotSource,
    spotAdderUsdPerMwh: site.spotAdderUsdPerMwh,
    ...sourceInfo(site),
    from: range.from,
    to: range.to,
    now: current.get(site.id)!,
    averageUsdPerMwh: averagePriceUsdPerMwh(series.points),
    points: series.points,
    reason: series.reason,
  };
}

export const ContractDraftSchema = z.strictObject({
  contractKind: z.enum(['fixed', 'tou', 'spot']),
  fixedPriceUsdPerMwh: z.number().min(-1000).max(100_000).nullable().optional(),
  touSchedule: z.array(TouBand).max(200).nullable().optional(),
  spotSource: z.string().trim().max(200).nullable().optional(),
  spotAdderUsdPerMwh: z.number().min(-1000).max(10_000).optional(),
});
export type ContractDraft = z.infer<typeof ContractDraftSchema>;

/** The next `hours` of prices under a contract that is being edited (not saved yet). */
export async function previewSiteContract(
  actor: Actor,
  siteId: number,
  draft: ContractDraft,
  now: number,
  hours = 24,
): Promise<SitePricesView> {
  requireStaff(actor, 'viewer');
  const site = await getSiteContract(actor, siteId);
  const contract = {
    ...site,
    contractKind: draft.contractKind,
    fixedPriceUsdPerMwh: draft.fixedPriceUsdPerMwh ?? null,
    touSchedule: draft.touSchedule ?? null,
    spotSource: draft.spotSource ?? null,
    spotAdderUsdPerMwh: draft.spotAdderUsdPerMwh ?? 0,
  };
  const from = now - (now % 3_600_000);
  const to = from + hours * 3_600_000;
  const [series, current] = await Promise.all([
    sitePriceSeries(contract, from, to),
    sitePricesAt([contract], now),
  ]);
  return {
    siteId: site.id,
    siteName: site.name,
    timezone: site.timezone,
    contractKind: contract.contractKind,
    spotSource: contract.spotSource,
    spotAdderUsdPerMwh: contract.spotAdderUsdPerMwh,
    ...sourceInfo(contract),
    from,
    to,
    now: current.get(site.id)!,
    averageUsdPerMwh: averagePriceUsdPerMwh(series.points),
    points: series.points,
    reason: series.reason,
  };
}

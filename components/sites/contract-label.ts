import type { SiteView } from '@/lib/api-client/types';
import { formatNumber, formatUsdPerMwh } from '@/lib/format';

/** One line for a site's energy contract: "Fixed $45.00/MWh", "Time-of-use (4 bands)", "Spot sim:se3 + $6.00/MWh". */
export function contractLabel(
  site: Pick<
    SiteView,
    'contractKind' | 'fixedPriceUsdPerMwh' | 'touSchedule' | 'spotSource' | 'spotAdderUsdPerMwh'
  >,
): string {
  switch (site.contractKind) {
    case 'fixed':
      return `Fixed ${formatUsdPerMwh(site.fixedPriceUsdPerMwh)}`;
    case 'tou':
      return `Time-of-use (${formatNumber(site.touSchedule?.length ?? 0)} bands)`;
    case 'spot':
      return `Spot ${site.spotSource ?? ''}${site.spotAdderUsdPerMwh ? ` + ${formatUsdPerMwh(site.spotAdderUsdPerMwh)}` : ''}`;
  }
}

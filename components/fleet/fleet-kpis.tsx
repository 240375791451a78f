import { Activity, Gauge, Leaf, Zap } from 'lucide-react';
import { FleetMoneyCards } from '@/components/money/fleet-money-cards';
import type { DeviceStatus } from '@/components/ui/device-status';
import { KpiCard } from '@/components/ui/kpi-card';
import type { FleetSummary } from '@/lib/api-client/types';
import { formatEfficiency, formatHashrate, formatNumber, formatPercent, formatPower } from '@/lib/format';

export interface FleetKpisProps {
  summary: FleetSummary | undefined;
  /** Scope of the money cards: one site, or the whole fleet when absent. */
  siteId?: number;
  /** The site page shows money in its fuller economics panel instead. */
  showMoney?: boolean;
  isLoading?: boolean;
  /** Grid connection of the sites shown, for "x % of capacity". */
  capacityKw?: number;
  statusHref: (status: DeviceStatus) => string;
}

const STATUS_CARDS: { status: DeviceStatus; label: string }[] = [
  { status: 'online', label: 'Online' },
  { status: 'degraded', label: 'Degraded' },
  { status: 'offline', label: 'Offline' },
];

/** Headline figures: hashrate, power, J/TH and the three statuses an operator acts on. */
export function FleetKpis({
  summary,
  isLoading = !summary,
  capacityKw,
  statusHref,
  siteId,
  showMoney = true,
}: FleetKpisProps) {
  const devices = summary?.devices ?? 0;
  const capacityW = capacityKw ? capacityKw * 1000 : null;
  return (
    <div className="flex flex-col gap-3">
      <div data-testid="fleet-kpis" className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-6">
        <KpiCard
          data-testid="kpi-hashrate"
          label="Hashrate"
          icon={Gauge}
          isLoading={isLoading}
          value={formatHashrate(summary?.hashrateThs)}
          sub={summary && `${formatNumber(summary.reporting)} of ${formatNumber(devices)} reporting`}
        />
        <KpiCard
          data-testid="kpi-power"
          label="Power"
          icon={Zap}
          isLoading={isLoading}
          value={formatPower(summary?.powerW)}
          sub={
            summary && capacityW
              ? `${formatPercent((summary.powerW / capacityW) * 100, 0)} of ${formatPower(capacityW)}`
              : undefined
          }
        />
        <KpiCard
          data-testid="kpi-efficiency"
          label="Efficiency"
          icon={Leaf}
          isLoading={isLoading}
          value={formatEfficiency(summary?.efficiencyJPerTh)}
          sub="hashing devices, now"
        />
        {STATUS_CARDS.map(({ status, label }) => {
          const count = summary?.statusCounts[status] ?? 0;
          return (
            <KpiCard
              key={status}
              data-testid={`kpi-${status}`}
              label={label}
              icon={Activity}
              isLoading={isLoading}
              href={statusHref(status)}
              value={formatNumber(count)}
              sub={devices > 0 ? `${formatPercent((count / devices) * 100)} of devices` : undefined}
            />
          );
        })}
      </div>
      {showMoney && <FleetMoneyCards siteId={siteId ?? null} />}
    </div>
  );
}

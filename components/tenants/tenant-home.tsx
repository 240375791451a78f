import { Activity, Gauge, Plug, Receipt, Server } from 'lucide-react';
import Link from 'next/link';
import { Card, CardContent, CardDescription, CardHeader, CardTitle } from '@/components/ui/card';
import { KpiCard } from '@/components/ui/kpi-card';
import type { DeviceRow } from '@/lib/api-client/types';
import {
  EMPTY_VALUE,
  formatEnergy,
  formatHashrate,
  formatNumber,
  formatPercent,
  formatPower,
  formatUsd,
} from '@/lib/format';
import type { TenantHome } from '@/lib/tenants/home';
import { TenantMachines } from './tenant-machines';

function terms(home: TenantHome): string {
  const { hostingRateUsdPerKwh: perKwh, hostingRateUsdPerDeviceMonth: perDevice } = home.tenant;
  const parts = [
    perKwh === null ? null : `${formatUsd(perKwh, { decimals: 4 })} per kWh`,
    perDevice === null ? null : `${formatUsd(perDevice)} per device-month`,
  ].filter(Boolean);
  return parts.length > 0 ? parts.join(' + ') : 'No hosting terms set';
}

/** What a hosting client sees first: its machines now, and its month so far with the bill. */
export function TenantHomeView({ home, preview }: { home: TenantHome; preview?: DeviceRow[] }) {
  const online = home.statusCounts.online ?? 0;
  const month = home.from.slice(0, 7);
  return (
    <div className="flex flex-col gap-4" data-testid="tenant-home">
      <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
        <KpiCard
          label="Machines"
          icon={Server}
          value={formatNumber(home.devices)}
          sub={`${formatNumber(online)} online · ${formatNumber(home.reporting)} reporting`}
          data-testid="home-machines"
        />
        <KpiCard
          label="Hashrate now"
          icon={Gauge}
          value={formatHashrate(home.hashrateThs)}
          data-testid="home-hashrate"
        />
        <KpiCard label="Power now" icon={Plug} value={formatPower(home.powerW)} data-testid="home-power" />
        <KpiCard
          label={`Uptime ${month}`}
          icon={Activity}
          value={formatPercent(home.uptimePct)}
          sub="Share of the month's hours online, from the hourly records"
          data-testid="home-uptime"
        />
      </div>
      <Card data-testid="home-bill">
        <CardHeader>
          <CardTitle className="flex items-center gap-2">
            <Receipt aria-hidden className="size-4" />
            Your bill for {month} so far
          </CardTitle>
          <CardDescription>{terms(home)}. Energy is metered at your machines.</CardDescription>
        </CardHeader>
        <CardContent>
          <dl className="grid grid-cols-2 gap-3 text-sm sm:grid-cols-4">
            <div>
              <dt className="text-muted-foreground text-xs">Energy</dt>
              <dd className="font-medium tabular-nums">{formatEnergy(home.bill.itEnergyKwh)}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground text-xs">Device-months</dt>
              <dd className="font-medium tabular-nums">{formatNumber(home.bill.deviceMonths, 3)}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground text-xs">Hosting charge</dt>
              <dd className="font-semibold tabular-nums" data-testid="home-bill-amount">
                {home.bill.hostingChargeUsd === null ? EMPTY_VALUE : formatUsd(home.bill.hostingChargeUsd)}
              </dd>
            </div>
            <div>
              <dt className="text-muted-foreground text-xs">Statement</dt>
              <dd>
                <Link className="text-primary hover:underline" href="/reports?kind=energy">
                  Energy report →
                </Link>
              </dd>
            </div>
          </dl>
        </CardContent>
      </Card>
      <section className="flex flex-col gap-2" aria-label="Your machines">
        <h2 className="font-semibold text-sm">Your machines</h2>
        <TenantMachines total={home.devices} preview={preview} />
      </section>
    </div>
  );
}

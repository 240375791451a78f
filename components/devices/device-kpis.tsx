import { Clock, Cpu, Gauge, Leaf, Thermometer, Zap } from 'lucide-react';
import { KpiCard } from '@/components/ui/kpi-card';
import type { DeviceRow } from '@/lib/api-client/types';
import {
  formatAge,
  formatEfficiency,
  formatHashrate,
  formatPercent,
  formatPower,
  formatTemperature,
} from '@/lib/format';
import { hashrateShare } from './device-format';

/** A reading older than three 30-second intervals is no longer "now". */
const STALE_AFTER_MS = 90_000;

/** Latest readings of one device, each against its nominal figure, plus the age of the last sample. */
export function DeviceKpis({ device, now }: { device: DeviceRow; now: number }) {
  const lastSeen = device.lastSeenAt ? Date.parse(device.lastSeenAt) : null;
  const stale = lastSeen === null || now - lastSeen > STALE_AFTER_MS;
  const efficiency =
    device.class !== 'gpu' && device.powerW !== null && device.hashrateThs
      ? device.powerW / device.hashrateThs
      : null;
  const share = hashrateShare(device);
  return (
    <div className="grid grid-cols-2 gap-3 md:grid-cols-3 xl:grid-cols-5" data-testid="device-kpis">
      <KpiCard
        data-testid="last-sample-age"
        label="Last sample"
        icon={Clock}
        value={<span suppressHydrationWarning>{lastSeen === null ? 'never' : formatAge(lastSeen, now)}</span>}
        sub={
          <span className={stale ? 'text-warning-foreground dark:text-warning' : undefined}>
            {lastSeen === null ? 'no telemetry yet' : stale ? 'not reporting' : 'reporting'}
          </span>
        }
      />
      {device.class === 'gpu' ? (
        <KpiCard
          label="GPU utilisation"
          icon={Cpu}
          value={formatPercent(device.gpuUtilPct, 0)}
          sub="all GPUs, latest sample"
        />
      ) : (
        <KpiCard
          label="Hashrate"
          icon={Gauge}
          value={formatHashrate(device.hashrateThs)}
          sub={`${formatPercent(share, 0)} of ${formatHashrate(device.nominalHashrateThs)} nominal`}
        />
      )}
      <KpiCard
        label="Power"
        icon={Zap}
        value={formatPower(device.powerW)}
        sub={`nameplate ${formatPower(device.nominalPowerW)}`}
      />
      {device.class !== 'gpu' && (
        <KpiCard
          label="Efficiency"
          icon={Leaf}
          value={formatEfficiency(efficiency)}
          sub={
            device.nominalHashrateThs
              ? `nominal ${formatEfficiency(device.nominalPowerW / device.nominalHashrateThs)}`
              : undefined
          }
        />
      )}
      <KpiCard
        label={device.class === 'gpu' ? 'GPU temperature' : 'Chip temperature'}
        icon={Thermometer}
        value={formatTemperature(device.tempC)}
      />
    </div>
  );
}

import type { DeviceStatus } from '@/lib/db/generated/sqlite/enums';

export type { DeviceStatus };

export interface DeviceStatusMeta {
  label: string;
  /** CSS colour for charts and inline styles. */
  color: string;
  /** Tailwind background class for dots and swatches. */
  dotClassName: string;
  /** What the status means, for tooltips and legends. */
  description: string;
}

/** Legend and filter order: healthy, needs attention, then deliberately out of service. */
export const DEVICE_STATUSES = [
  'online',
  'degraded',
  'offline',
  'curtailed',
  'maintenance',
] as const satisfies readonly DeviceStatus[];

export const DEVICE_STATUS_META: Record<DeviceStatus, DeviceStatusMeta> = {
  online: {
    label: 'Online',
    color: 'var(--status-online)',
    dotClassName: 'bg-status-online',
    description: 'Reporting and working at expected rate',
  },
  degraded: {
    label: 'Degraded',
    color: 'var(--status-degraded)',
    dotClassName: 'bg-status-degraded',
    description: 'Reporting, but below nominal or running hot',
  },
  offline: {
    label: 'Offline',
    color: 'var(--status-offline)',
    dotClassName: 'bg-status-offline',
    description: 'No telemetry received recently',
  },
  curtailed: {
    label: 'Curtailed',
    color: 'var(--status-curtailed)',
    dotClassName: 'bg-status-curtailed',
    description: 'Powered down on purpose (price or demand response)',
  },
  maintenance: {
    label: 'Maintenance',
    color: 'var(--status-maintenance)',
    dotClassName: 'bg-status-maintenance',
    description: 'Taken out of service by an operator',
  },
};

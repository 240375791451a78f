import Link from 'next/link';
import type { ReactNode } from 'react';
import { classLabel } from '@/components/fleet/class-breakdown';
import { Card, CardContent } from '@/components/ui/card';
import type { DeviceRow } from '@/lib/api-client/types';
import { EMPTY_VALUE, formatDateTime } from '@/lib/format';
import { placement } from './device-format';

function Item({ label, title, children }: { label: string; title?: string; children: ReactNode }) {
  return (
    <div className="flex min-w-0 flex-col gap-0.5">
      <dt className="text-muted-foreground text-xs">{label}</dt>
      <dd className="truncate text-sm" title={title}>
        {children}
      </dd>
    </div>
  );
}

/** Inventory facts of one device: identity, model, where it sits, how it is reached. */
export function DeviceInfo({ device, timeZone }: { device: DeviceRow; timeZone: string }) {
  const endpoint = device.host
    ? `${device.protocol}://${device.host}${device.port ? `:${device.port}` : ''}`
    : device.protocol;
  return (
    <Card>
      <CardContent className="pt-4">
        <dl className="grid grid-cols-[repeat(auto-fill,minmax(13rem,1fr))] gap-x-6 gap-y-3">
          <Item label="Model" title={`${device.vendor} ${device.model}`}>
            {device.vendor} {device.model}
          </Item>
          <Item label="Class">{classLabel(device.class)}</Item>
          <Item label="Serial">
            <span className="font-mono text-xs">{device.serial}</span>
          </Item>
          <Item label="MAC">
            <span className="font-mono text-xs">{device.macAddress ?? EMPTY_VALUE}</span>
          </Item>
          <Item label="Site">
            <Link href={`/sites/${device.siteId}`} className="text-primary hover:underline">
              {device.siteName}
            </Link>
          </Item>
          <Item label="Rack · row/slot">{placement(device)}</Item>
          <Item label="Endpoint" title={endpoint}>
            <span className="font-mono text-xs">{endpoint}</span>
          </Item>
          <Item label="Status since">
            {device.statusChangedAt
              ? formatDateTime(Date.parse(device.statusChangedAt), timeZone)
              : EMPTY_VALUE}
          </Item>
          <Item label="Status reason">{device.statusReason ?? EMPTY_VALUE}</Item>
        </dl>
      </CardContent>
    </Card>
  );
}

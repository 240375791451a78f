'use client';

import { useQuery } from '@tanstack/react-query';
import Link from 'next/link';
import { Card } from '@/components/ui/card';
import { alertsQuery } from '@/lib/api-client/alerts';
import { AlertStatusBadge, SeverityBadge } from './alert-badges';

/** The alerts that list this device, newest first. */
export function DeviceAlerts({ deviceId }: { deviceId: number }) {
  const alerts = useQuery(alertsQuery({ deviceId }));
  return (
    <Card className="p-4" data-testid="device-alerts">
      <h2 className="mb-2 font-semibold text-sm">Alerts</h2>
      {alerts.isPending ? (
        <p className="text-muted-foreground text-sm">Loading…</p>
      ) : alerts.error ? (
        <p className="text-destructive text-sm">{alerts.error.message}</p>
      ) : alerts.data.length === 0 ? (
        <p className="text-muted-foreground text-sm">No alerts for this device.</p>
      ) : (
        <ul className="flex flex-col gap-1 text-sm">
          {alerts.data.slice(0, 10).map((a) => (
            <li key={a.id} className="flex items-center gap-2">
              <SeverityBadge severity={a.severity} />
              <AlertStatusBadge status={a.status} />
              <Link href={`/alerts?status=all&alert=${a.id}`} className="hover:underline">
                {a.ruleName ?? `rule ${a.ruleId}`}
              </Link>
              <span className="text-muted-foreground text-xs">{new Date(a.firedAt).toLocaleString()}</span>
            </li>
          ))}
        </ul>
      )}
    </Card>
  );
}

import { Card, CardContent } from '@/components/ui/card';
import type { DeviceRow } from '@/lib/api-client/types';
import { EMPTY_VALUE, formatAge, formatDateTime } from '@/lib/format';

/** How the polls of one device went (server collector or site agent): last success, last error and its reason, next poll. */
export function DeviceCollector({
  device,
  now,
  timeZone,
}: {
  device: DeviceRow;
  now: number;
  timeZone: string;
}) {
  const c = device.collector;
  const at = (iso: string | null) =>
    iso ? (
      <span title={formatDateTime(Date.parse(iso), timeZone)} suppressHydrationWarning>
        {formatAge(Date.parse(iso), now)}
      </span>
    ) : (
      EMPTY_VALUE
    );
  const failing = c !== null && c.lastErrorAt !== null && (c.lastOkAt === null || c.lastErrorAt > c.lastOkAt);
  return (
    <Card data-testid="device-collector">
      <CardContent className="flex flex-col gap-3 pt-4">
        <h2 className="font-medium text-sm">Collector</h2>
        {c === null ? (
          <p className="text-muted-foreground text-sm" data-testid="collector-push-only">
            {/nerd\s*miner/i.test(device.model)
              ? 'Push-only: NerdMiner has no local API (its firmware serves no telemetry or control routes), so the server cannot poll or control it. Its samples arrive through the ingest API; remote actions are not offered.'
              : 'Push: this device (or a site agent) sends its own telemetry; the server does not poll it.'}
          </p>
        ) : c.nextPollAt === null ? (
          <p className="text-muted-foreground text-sm">Not polled: the device has no host and port.</p>
        ) : (
          <dl className="grid grid-cols-[repeat(auto-fill,minmax(13rem,1fr))] gap-x-6 gap-y-3 text-sm">
            <div>
              <dt className="text-muted-foreground text-xs">Polled by</dt>
              <dd data-testid="collector-source">
                {c.source === 'agent' ? (
                  <>
                    site agent <span className="font-mono text-xs">{c.agent}</span>
                  </>
                ) : (
                  'server'
                )}
              </dd>
            </div>
            <div>
              <dt className="text-muted-foreground text-xs">Last OK</dt>
              <dd data-testid="collector-last-ok">{at(c.lastOkAt)}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground text-xs">Last error</dt>
              <dd data-testid="collector-last-error" className={failing ? 'text-destructive' : undefined}>
                {c.lastError ? (
                  <>
                    {at(c.lastErrorAt)} · <span className="font-mono text-xs">{c.lastErrorKind}</span>
                    <span className="block truncate text-xs" title={c.lastError}>
                      {c.lastError}
                    </span>
                  </>
                ) : (
                  'none'
                )}
              </dd>
            </div>
            <div>
              <dt className="text-muted-foreground text-xs">Failures in a row</dt>
              <dd>{c.consecutiveFailures}</dd>
            </div>
            <div>
              <dt className="text-muted-foreground text-xs">
                {c.source === 'agent' ? 'Agent lease until' : 'Next poll'}
              </dt>
              <dd suppressHydrationWarning>{formatDateTime(Date.parse(c.nextPollAt), timeZone)}</dd>
            </div>
            <div className="min-w-0">
              <dt className="text-muted-foreground text-xs">Pool</dt>
              <dd className="truncate font-mono text-xs" title={device.poolUrl ?? undefined}>
                {device.poolUrl ?? EMPTY_VALUE}
              </dd>
            </div>
          </dl>
        )}
      </CardContent>
    </Card>
  );
}

import type { ReactNode } from 'react';
import { AppShell } from '@/components/shell/app-shell';
import { HistoryFillStatus } from '@/components/shell/history-fill-status';
import { Badge } from '@/components/ui/badge';
import { requirePageActor } from '@/lib/auth/page';
import { getEnv } from '@/lib/env';
import { APP_VERSION } from '@/lib/version';

/** Every authenticated page: the session is checked here and again by each page's data calls. */
export default async function AppLayout({ children }: { children: ReactNode }) {
  const actor = await requirePageActor();
  const footer = (
    <span className="flex items-center justify-between gap-2">
      <span>Switchyard {APP_VERSION}</span>
      {getEnv().SWITCHYARD_SIMULATOR && (
        <Badge variant="secondary" title="Telemetry comes from the built-in fleet simulator">
          Simulator
        </Badge>
      )}
    </span>
  );
  return (
    <AppShell
      user={{ name: actor.name, email: actor.email ?? '', role: actor.role }}
      audience={actor.tenantId === null ? 'staff' : 'client'}
      sidebarFooter={footer}
      topBarStatus={getEnv().SWITCHYARD_SIMULATOR ? <HistoryFillStatus /> : null}
    >
      {children}
    </AppShell>
  );
}

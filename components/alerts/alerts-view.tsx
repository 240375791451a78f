'use client';

import { useQuery } from '@tanstack/react-query';
import { useQueryStates } from 'nuqs';
import { useState } from 'react';
import { Select } from '@/components/ui/select';
import { Tabs, TabsContent, TabsList, TabsTrigger } from '@/components/ui/tabs';
import { alertsQuery } from '@/lib/api-client/alerts';
import { AlertDetail } from './alert-detail';
import { ALERT_SEVERITY_FILTERS, ALERT_STATUS_FILTERS, alertSearchParams } from './alert-search-params';
import { AlertsTable } from './alerts-table';
import { RulesPanel } from './rules-panel';
import { SilencesPanel } from './silences-panel';
import { TargetsPanel } from './targets-panel';

const options = (list: readonly string[]) => list.map((v) => ({ value: v, label: v }));

/** The Alerts page: filtered alerts with a detail panel, rules, silences and (admins) notification targets. */
export function AlertsView({
  canOperate,
  isStaff,
  isAdmin = false,
}: {
  canOperate: boolean;
  isStaff: boolean;
  isAdmin?: boolean;
}) {
  const canNotify = isStaff && isAdmin;
  const [state, setState] = useQueryStates(alertSearchParams);
  const [tab, setTab] = useState('alerts');
  const alerts = useQuery(
    alertsQuery({
      status: state.status === 'all' ? undefined : state.status,
      severity: state.severity === 'all' ? undefined : state.severity,
    }),
  );
  return (
    <Tabs value={tab} onValueChange={setTab}>
      <TabsList>
        <TabsTrigger value="alerts">Alerts</TabsTrigger>
        <TabsTrigger value="rules">Rules</TabsTrigger>
        {isStaff && <TabsTrigger value="silences">Silences</TabsTrigger>}
        {canNotify && <TabsTrigger value="notifications">Notifications</TabsTrigger>}
      </TabsList>
      <TabsContent value="alerts" className="flex flex-col gap-4">
        <div className="flex flex-wrap gap-2">
          <Select
            aria-label="Status"
            options={options(ALERT_STATUS_FILTERS)}
            value={state.status}
            onChange={(e) =>
              void setState({ status: e.target.value as (typeof ALERT_STATUS_FILTERS)[number] })
            }
          />
          <Select
            aria-label="Severity"
            options={options(ALERT_SEVERITY_FILTERS)}
            value={state.severity}
            onChange={(e) =>
              void setState({ severity: e.target.value as (typeof ALERT_SEVERITY_FILTERS)[number] })
            }
          />
        </div>
        <AlertsTable
          rows={alerts.data}
          isLoading={alerts.isPending}
          error={alerts.error && !alerts.data ? alerts.error : undefined}
          onRetry={() => void alerts.refetch()}
          onSelect={(a) => void setState({ alert: a.id })}
        />
        {state.alert !== null && (
          <AlertDetail key={state.alert} alertId={state.alert} canOperate={canOperate} />
        )}
      </TabsContent>
      <TabsContent value="rules">
        <RulesPanel canManage={canOperate && isStaff} />
      </TabsContent>
      {isStaff && (
        <TabsContent value="silences">
          <SilencesPanel canManage={canOperate} />
        </TabsContent>
      )}
      {canNotify && (
        <TabsContent value="notifications">
          <TargetsPanel />
        </TabsContent>
      )}
    </Tabs>
  );
}

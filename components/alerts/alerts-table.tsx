'use client';

import { BellOff } from 'lucide-react';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import type { AlertView } from '@/lib/api-client/types';
import { AlertStatusBadge, SeverityBadge } from './alert-badges';

const LISTED = 3;

const columns: ColumnDef<AlertView>[] = [
  { id: 'id', header: '#', align: 'right', cell: (a) => <span className="tabular-nums">{a.id}</span> },
  {
    id: 'rule',
    header: 'Rule',
    cell: (a) => <span className="font-medium">{a.ruleName ?? `rule ${a.ruleId}`}</span>,
  },
  { id: 'severity', header: 'Severity', cell: (a) => <SeverityBadge severity={a.severity} /> },
  { id: 'status', header: 'Status', cell: (a) => <AlertStatusBadge status={a.status} /> },
  {
    id: 'devices',
    header: 'Devices',
    cell: (a) =>
      `${a.devices
        .slice(0, LISTED)
        .map((d) => d.name)
        .join(', ')}${a.devices.length > LISTED ? ` +${a.devices.length - LISTED}` : ''}`,
  },
  { id: 'fired', header: 'Fired', cell: (a) => new Date(a.firedAt).toLocaleString() },
  {
    id: 'resolved',
    header: 'Resolved',
    cell: (a) => (a.resolvedAt ? new Date(a.resolvedAt).toLocaleString() : '—'),
  },
];

/** GPU XID alerts: how many nodes still report an XID error (DCGM), of those the alert listed. */
const xidColumn: ColumnDef<AlertView> = {
  id: 'xid',
  header: 'GPU XID',
  align: 'right',
  cell: (a) =>
    a.metric === 'gpuXidErrors' ? (
      <span className="tabular-nums" data-testid="xid-cell">
        {a.devices.filter((d) => d.clearedAt === null).length}/{a.devices.length} nodes
      </span>
    ) : (
      '—'
    ),
};

export function AlertsTable(props: {
  rows: AlertView[] | undefined;
  isLoading: boolean;
  error: unknown;
  onRetry: () => void;
  onSelect?: (a: AlertView) => void;
}) {
  return (
    <DataTable
      data-testid="alerts-table"
      label="Alerts"
      columns={
        props.rows?.some((a) => a.metric === 'gpuXidErrors')
          ? [...columns.slice(0, 5), xidColumn, ...columns.slice(5)]
          : columns
      }
      rows={props.rows}
      getRowId={(a) => String(a.id)}
      onRowClick={props.onSelect}
      isLoading={props.isLoading}
      error={props.error}
      onRetry={props.onRetry}
      maxHeight="28rem"
      empty={{ icon: BellOff, title: 'No alerts', description: 'Nothing matches these filters.' }}
    />
  );
}

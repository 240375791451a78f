'use client';

import { useQuery } from '@tanstack/react-query';
import { Download, ScrollText } from 'lucide-react';
import { useQueryStates } from 'nuqs';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { PageHeader } from '@/components/shell/page-header';
import { TopBarTitle } from '@/components/shell/page-title';
import { Badge } from '@/components/ui/badge';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { CursorPagination } from '@/components/ui/pagination';
import { Select } from '@/components/ui/select';
import { auditExportHref, auditQuery } from '@/lib/api-client/audit';
import type { AuditEventView } from '@/lib/api-client/types';
import { EMPTY_VALUE, formatDateTime } from '@/lib/format';
import { auditSearchParams } from './audit-search-params';

const columns: ColumnDef<AuditEventView>[] = [
  {
    id: 'ts',
    header: 'When (UTC)',
    width: '11rem',
    cell: (e) => (
      <span className="tabular-nums">{formatDateTime(Date.parse(e.ts), 'UTC', { seconds: true })}</span>
    ),
  },
  {
    id: 'actor',
    header: 'Who',
    cell: (e) => (
      <span className="flex items-center gap-1.5">
        <span className="font-medium">{e.actorName}</span>
        {e.actorType !== 'user' && <Badge variant="outline">{e.actorType}</Badge>}
      </span>
    ),
  },
  { id: 'action', header: 'Action', cell: (e) => <code className="font-mono text-xs">{e.action}</code> },
  { id: 'target', header: 'Target', cell: (e) => e.target ?? EMPTY_VALUE },
  { id: 'ip', header: 'From', cell: (e) => <span className="font-mono text-xs">{e.ip ?? EMPTY_VALUE}</span> },
  {
    id: 'details',
    header: 'Details',
    cell: (e) =>
      e.details ? (
        <span className="block max-w-md truncate font-mono text-muted-foreground text-xs" title={e.details}>
          {e.details}
        </span>
      ) : (
        EMPTY_VALUE
      ),
  },
];

/** Settings → Audit log: who did what, when and from where; filters and pages in the URL; CSV export. */
export function AuditView() {
  const [state, setState] = useQueryStates(auditSearchParams);
  const filters = { actor: state.actor, action: state.action, from: state.from, to: state.to };
  const cursor = state.after.at(-1) ?? null;
  const list = useQuery(auditQuery(filters, cursor, state.size));
  const set = (patch: Partial<typeof filters>) =>
    void setState({
      ...Object.fromEntries(Object.entries(patch).map(([k, v]) => [k, v || null])),
      after: null,
    });
  const active = Object.values(filters).some((v) => v !== '');
  const actions = list.data?.actions ?? [];
  return (
    <div className="flex flex-col gap-3">
      <TopBarTitle>
        <span className="font-normal text-muted-foreground">Settings / </span>
        Audit log
      </TopBarTitle>
      <PageHeader
        className="mb-0"
        title="Audit log"
        description="Every privileged action: sign-ins refused, users, tenants, tokens, moves, settings. Append-only."
        actions={
          <Button variant="outline" asChild>
            <a href={auditExportHref(filters)} download data-testid="audit-export">
              <Download aria-hidden />
              Export CSV
            </a>
          </Button>
        }
      >
        <fieldset className="flex flex-wrap items-end gap-2" aria-label="Filter the audit log">
          <Input
            aria-label="Actor"
            placeholder="Actor (name or email)"
            className="h-8 w-52"
            value={state.actor}
            onChange={(e) => set({ actor: e.target.value })}
          />
          <Select
            aria-label="Action"
            className="w-52"
            value={state.action}
            onChange={(e) => set({ action: e.target.value })}
          >
            <option value="">All actions</option>
            {[...new Set(actions.map((a) => `${a.split('.')[0]}.`))].map((area) => (
              <option key={area} value={area}>
                {`${area}* (all)`}
              </option>
            ))}
            {actions.map((a) => (
              <option key={a} value={a}>
                {a}
              </option>
            ))}
            {state.action && !actions.includes(state.action) && !state.action.endsWith('.') && (
              <option value={state.action}>{state.action}</option>
            )}
          </Select>
          <label htmlFor="audit-from" className="flex items-center gap-1.5 text-muted-foreground text-xs">
            From
            <Input
              id="audit-from"
              type="date"
              aria-label="From date"
              className="h-8 w-36"
              value={state.from}
              onChange={(e) => set({ from: e.target.value })}
            />
          </label>
          <label htmlFor="audit-to" className="flex items-center gap-1.5 text-muted-foreground text-xs">
            To
            <Input
              id="audit-to"
              type="date"
              aria-label="To date"
              className="h-8 w-36"
              value={state.to}
              onChange={(e) => set({ to: e.target.value })}
            />
          </label>
          {active && (
            <Button
              variant="ghost"
              size="sm"
              onClick={() => set({ actor: '', action: '', from: '', to: '' })}
            >
              Clear filters
            </Button>
          )}
        </fieldset>
      </PageHeader>
      <DataTable
        data-testid="audit-table"
        label="Audit log"
        columns={columns}
        rows={list.data?.data}
        getRowId={(e) => String(e.id)}
        isLoading={list.isPending}
        isRefreshing={list.isPlaceholderData}
        error={list.error && !list.data ? list.error : undefined}
        onRetry={() => void list.refetch()}
        maxHeight="calc(100dvh - 16rem)"
        empty={{
          icon: ScrollText,
          title: active ? 'Nothing matches' : 'Nothing recorded yet',
          description: active
            ? 'Change or clear the filters.'
            : 'Privileged actions appear here as they happen.',
        }}
        footer={
          <CursorPagination
            hasPrevious={state.after.length > 0}
            hasNext={Boolean(list.data?.nextCursor)}
            onPrevious={() => void setState({ after: state.after.slice(0, -1) })}
            onNext={() => {
              const next = list.data?.nextCursor;
              if (next) void setState({ after: [...state.after, next] });
            }}
            pageSize={state.size}
            onPageSizeChange={(size) => void setState({ size, after: null })}
            isLoading={list.isPlaceholderData}
            summary={<span data-testid="audit-page">Page {state.after.length + 1}</span>}
          />
        }
      />
    </div>
  );
}

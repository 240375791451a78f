import type { ColumnDef } from '@/components/data-table/types';
import { TenantName } from '@/components/tenants/tenant-select';
import { Badge } from '@/components/ui/badge';
import type { ApiTokenView } from '@/lib/api-client/types';
import { EMPTY_VALUE, formatAge, formatDate } from '@/lib/format';
import { tokenState } from './token-state';

const STATE_BADGES = {
  active: { variant: 'success', label: 'Active' },
  revoked: { variant: 'destructive', label: 'Revoked' },
  expired: { variant: 'warning', label: 'Expired' },
} as const;

/** Columns of the token table; the last one (actions) is supplied by the container. */
export function tokenColumns(now: number, actions: ColumnDef<ApiTokenView>): ColumnDef<ApiTokenView>[] {
  return [
    { id: 'name', header: 'Name', cell: (row) => <span className="font-medium">{row.name}</span> },
    {
      id: 'role',
      header: 'Role',
      cell: (row) => (
        <Badge variant="secondary" className="capitalize">
          {row.role}
        </Badge>
      ),
    },
    { id: 'tenant', header: 'Tenant', cell: (row) => <TenantName id={row.tenantId} /> },
    {
      id: 'hint',
      header: 'Token',
      headerTitle: 'The first characters, to recognise a token; the rest is stored only as a hash',
      cell: (row) => <span className="font-mono text-muted-foreground text-xs">{row.displayHint}</span>,
    },
    {
      id: 'created',
      header: 'Created',
      cell: (row) => (
        <span>
          {formatDate(Date.parse(row.createdAt), 'UTC')}
          {row.createdBy && <span className="text-muted-foreground"> by {row.createdBy}</span>}
        </span>
      ),
    },
    {
      id: 'lastUsed',
      header: 'Last used',
      cell: (row) => (
        <span suppressHydrationWarning>
          {row.lastUsedAt ? formatAge(Date.parse(row.lastUsedAt), now) : 'never'}
        </span>
      ),
    },
    {
      id: 'expires',
      header: 'Expires',
      cell: (row) => (row.expiresAt ? formatDate(Date.parse(row.expiresAt), 'UTC') : EMPTY_VALUE),
    },
    {
      id: 'state',
      header: 'State',
      cell: (row) => {
        const badge = STATE_BADGES[tokenState(row, now)];
        return (
          <Badge variant={badge.variant} data-testid="token-state">
            {badge.label}
          </Badge>
        );
      },
    },
    actions,
  ];
}

'use client';

import { useQuery } from '@tanstack/react-query';
import { Users } from 'lucide-react';
import { DataTable } from '@/components/data-table/data-table';
import type { ColumnDef } from '@/components/data-table/types';
import { PageHeader } from '@/components/shell/page-header';
import { TopBarTitle } from '@/components/shell/page-title';
import { Badge } from '@/components/ui/badge';
import { usersQuery } from '@/lib/api-client/tenants';
import type { UserView } from '@/lib/api-client/types';
import { formatDate } from '@/lib/format';
import { ResetTwoFactorDialog, TwoFactorPolicyCard } from './two-factor-admin';
import { CreateUserDialog, DeleteUserDialog, EditUserDialog, ResetPasswordDialog } from './user-dialogs';

/** Settings → Users: every account, staff and hosting clients'; `selfId` cannot delete itself. */
export function UsersView({ selfId }: { selfId: number | null }) {
  const users = useQuery(usersQuery());
  const columns: ColumnDef<UserView>[] = [
    {
      id: 'name',
      header: 'User',
      cell: (u) => (
        <span className="flex flex-col">
          <span className="font-medium">{u.name}</span>
          <span className="text-muted-foreground text-xs">{u.email}</span>
        </span>
      ),
    },
    {
      id: 'role',
      header: 'Role',
      cell: (u) => (
        <Badge variant="secondary" className="capitalize">
          {u.role}
        </Badge>
      ),
    },
    {
      id: 'tenant',
      header: 'Tenant',
      cell: (u) =>
        u.tenantName ? u.tenantName : <span className="text-muted-foreground">Provider staff</span>,
    },
    {
      id: 'state',
      header: 'State',
      cell: (u) =>
        u.disabled ? <Badge variant="destructive">Disabled</Badge> : <Badge variant="success">Active</Badge>,
    },
    {
      id: 'twoFactor',
      header: '2FA',
      cell: (u) =>
        u.twoFactor ? (
          <Badge variant="success">On</Badge>
        ) : (
          <span className="text-muted-foreground">Off</span>
        ),
    },
    { id: 'created', header: 'Created', cell: (u) => formatDate(Date.parse(u.createdAt), 'UTC') },
    {
      id: 'actions',
      header: <span className="sr-only">Actions</span>,
      align: 'right',
      cell: (u) => (
        <span className="flex justify-end gap-1">
          <EditUserDialog user={u} />
          <ResetPasswordDialog user={u} />
          {u.twoFactor && <ResetTwoFactorDialog user={u} />}
          {u.id !== selfId && <DeleteUserDialog user={u} />}
        </span>
      ),
    },
  ];
  return (
    <>
      <TopBarTitle>
        <span className="font-normal text-muted-foreground">Settings / </span>
        Users
      </TopBarTitle>
      <PageHeader
        title="Users"
        description="Accounts of your staff and of hosting clients (users with a tenant see only that tenant's machines)."
        actions={<CreateUserDialog />}
      />
      <DataTable
        data-testid="users-table"
        label="Users"
        columns={columns}
        rows={users.data}
        getRowId={(u) => String(u.id)}
        isLoading={users.isPending}
        error={users.error}
        onRetry={() => void users.refetch()}
        skeletonRows={3}
        maxHeight="none"
        empty={{ icon: Users, title: 'No users', description: 'Create the first one.' }}
      />
      <div className="mt-6">
        <TwoFactorPolicyCard />
      </div>
    </>
  );
}

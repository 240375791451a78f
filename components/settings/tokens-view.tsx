'use client';

import { useQuery } from '@tanstack/react-query';
import { KeyRound } from 'lucide-react';
import { DataTable } from '@/components/data-table/data-table';
import { PageHeader } from '@/components/shell/page-header';
import { TopBarTitle } from '@/components/shell/page-title';
import { useNow } from '@/components/ui/use-now';
import { tokensQuery } from '@/lib/api-client/tokens';
import { CreateTokenDialog } from './create-token-dialog';
import { RevokeTokenDialog } from './revoke-token-dialog';
import { tokenColumns } from './token-columns';
import { tokenState } from './token-state';

/** Settings → API tokens: list, create (shown once), revoke. */
export function TokensView() {
  const tokens = useQuery(tokensQuery());
  const now = useNow(30_000);
  const columns = tokenColumns(now, {
    id: 'actions',
    header: <span className="sr-only">Actions</span>,
    align: 'right',
    cell: (row) => (tokenState(row, now) === 'active' ? <RevokeTokenDialog token={row} /> : null),
  });
  return (
    <>
      <TopBarTitle>
        <span className="font-normal text-muted-foreground">Settings / </span>
        API tokens
      </TopBarTitle>
      <PageHeader
        title="API tokens"
        description="Bearer tokens for scripts and telemetry agents. Each is shown once when created and stored only as a hash."
        actions={<CreateTokenDialog />}
      />
      <DataTable
        data-testid="tokens-table"
        label="API tokens"
        columns={columns}
        rows={tokens.data}
        getRowId={(row) => String(row.id)}
        isLoading={tokens.isPending}
        error={tokens.error}
        onRetry={() => void tokens.refetch()}
        skeletonRows={3}
        maxHeight="none"
        empty={{
          icon: KeyRound,
          title: 'No API tokens yet',
          description: 'Create one for each agent or script.',
        }}
      />
    </>
  );
}

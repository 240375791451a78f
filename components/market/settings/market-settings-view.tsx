'use client';

import { useQuery } from '@tanstack/react-query';
import { ProviderStatusTable } from '@/components/market/market-tables';
import { PageHeader } from '@/components/shell/page-header';
import { Alert } from '@/components/ui/alert';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { marketSettingsQuery } from '@/lib/api-client/market';
import { FeatureSourcesForm } from './feature-sources-form';
import { GpuRateEditor } from './gpu-rate-editor';
import { PriceCsvUpload } from './price-csv-upload';
import { ProviderCredentialsForm } from './provider-credentials-form';
import { SiteSourcesTable } from './site-sources-table';

export type SettingsRole = 'admin' | 'operator' | 'viewer';

/** Settings → Market: sources per feature and per site, credentials, GPU rates, price uploads, feed health. */
export function MarketSettingsView({ role }: { role: SettingsRole }) {
  const query = useQuery(marketSettingsQuery());
  const isAdmin = role === 'admin';
  const isOperator = role !== 'viewer';
  return (
    <>
      <PageHeader
        title="Market settings"
        description="The built-in simulator is the default; real providers are chosen per feature and per site."
      />
      {!isOperator && (
        <Alert variant="info" title="Read only" className="mb-3">
          Viewers can see these settings; operators edit GPU rates, site sources and uploads, admins the rest.
        </Alert>
      )}
      {query.error ? (
        <ErrorState error={query.error} onRetry={() => void query.refetch()} />
      ) : !query.data ? (
        <Skeleton className="h-96 w-full" />
      ) : (
        <div className="flex flex-col gap-4">
          <FeatureSourcesForm
            key={JSON.stringify(query.data.settings)}
            settings={query.data.settings}
            canEdit={isAdmin}
          />
          <SiteSourcesTable page={query.data} canEdit={isOperator} />
          <ProviderCredentialsForm page={query.data} canEdit={isAdmin} />
          <GpuRateEditor canEdit={isOperator} />
          <PriceCsvUpload page={query.data} canEdit={isOperator} />
          <ProviderStatusTable />
        </div>
      )}
    </>
  );
}

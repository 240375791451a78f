import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { SwarmView } from '@/components/sites/swarm-view';
import { siteQuery, siteSwarmQuery } from '@/lib/api-client/sites';
import { hasRole } from '@/lib/auth/actor';
import { type DetailPageProps, parseRouteId } from '@/lib/auth/detail-page';
import { requirePageActor } from '@/lib/auth/page';
import { loadSitePage } from '@/lib/inventory/detail-pages';
import { getSiteSwarm } from '@/lib/swarm/swarm';

export async function generateMetadata({ params }: DetailPageProps): Promise<Metadata> {
  const { site } = await loadSitePage(parseRouteId((await params).id));
  return { title: `${site.name} · swarm` };
}

export default async function SiteSwarmPage({ params }: DetailPageProps) {
  await requirePageActor();
  const id = parseRouteId((await params).id);
  const { actor, site } = await loadSitePage(id);
  const queryClient = new QueryClient();
  queryClient.setQueryData(siteQuery(id).queryKey, site);
  await queryClient.prefetchQuery({ ...siteSwarmQuery(id), queryFn: () => getSiteSwarm(actor, id) });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <PageHeader
        title={`${site.name}: micro-miner swarm`}
        description="Bitaxe, NerdAxe and NerdMiner devices of this site: best share difficulty, shares, solo-block odds at the current network difficulty, firmware versions."
      />
      <SwarmView siteId={id} canOperate={hasRole(actor, 'operator')} />
    </HydrationBoundary>
  );
}

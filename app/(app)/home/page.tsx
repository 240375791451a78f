import { dehydrate, HydrationBoundary, QueryClient } from '@tanstack/react-query';
import type { Metadata } from 'next';
import { PageHeader } from '@/components/shell/page-header';
import { TenantHomeView } from '@/components/tenants/tenant-home';
import { HOME_MACHINES } from '@/components/tenants/tenant-machines';
import { TenantSelect } from '@/components/tenants/tenant-select';
import { Button } from '@/components/ui/button';
import { normalizeDeviceListParams } from '@/lib/api-client/device-list-params';
import { devicesListQuery } from '@/lib/api-client/devices';
import { tenantsQuery } from '@/lib/api-client/tenants';
import type { Actor } from '@/lib/auth/actor';
import { orNotFound } from '@/lib/auth/detail-page';
import { requirePageActor } from '@/lib/auth/page';
import { IdParam } from '@/lib/http/params';
import { listDevices } from '@/lib/inventory/devices';
import { getTenantHome } from '@/lib/tenants/home';
import { listTenants } from '@/lib/tenants/tenants';

export const metadata: Metadata = { title: 'Home' };

type Props = { searchParams: Promise<Record<string, string | string[] | undefined>> };

/** A hosting client's home. Staff pick a tenant (?tenant=) to see exactly what its users see. */
export default async function HomePage({ searchParams }: Props) {
  const actor = await requirePageActor();
  const param = (await searchParams).tenant;
  const asked = typeof param === 'string' ? IdParam.safeParse(param) : undefined;
  const tenantId = actor.tenantId ?? (asked?.success ? asked.data : undefined);
  const queryClient = new QueryClient();
  if (tenantId === undefined) {
    await queryClient.prefetchQuery({ ...tenantsQuery(), queryFn: () => listTenants(actor) });
    return (
      <HydrationBoundary state={dehydrate(queryClient)}>
        <PageHeader title="Tenant home" description="What a hosting client's users see when they sign in." />
        <form method="get" action="/home" className="flex items-end gap-2">
          <TenantSelect
            name="tenant"
            aria-label="Tenant"
            noneLabel="Choose a tenant"
            className="w-64"
            required
          />
          <Button type="submit">Show</Button>
        </form>
      </HydrationBoundary>
    );
  }
  const home = await orNotFound(() => getTenantHome(actor, Date.now(), tenantId));
  const { class: classes, status, ...rest } = normalizeDeviceListParams(HOME_MACHINES);
  if (actor.tenantId === null) {
    // A staff preview reads the machines as the tenant: the live device API would list the fleet.
    const viewer: Actor = { ...actor, tenantId, role: 'viewer' };
    const machines = await listDevices(viewer, { ...rest, class: classes, status });
    return (
      <>
        <PageHeader
          title={`${home.tenant.name} — tenant home preview`}
          description="Exactly what this tenant's users see (read as its viewer)."
        />
        <TenantHomeView home={home} preview={machines.data} />
      </>
    );
  }
  await queryClient.prefetchQuery({
    ...devicesListQuery(HOME_MACHINES),
    queryFn: () => listDevices(actor, { ...rest, class: classes, status }),
  });
  return (
    <HydrationBoundary state={dehydrate(queryClient)}>
      <PageHeader
        title={home.tenant.name}
        description="Your machines, their hashrate and uptime, and this month's energy and bill."
      />
      <TenantHomeView home={home} />
    </HydrationBoundary>
  );
}

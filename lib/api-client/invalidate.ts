// What to refetch after a write, one helper per area, so a mutation names the areas it touched
// instead of spelling out keys. Each returns the refetch promise.
import type { QueryClient } from '@tanstack/react-query';
import {
  alertKeys,
  allocationKeys,
  auditKeys,
  deviceKeys,
  discoveryKeys,
  economicsKeys,
  marketKeys,
  settingsKeys,
  siteKeys,
  tenantKeys,
  tokenKeys,
  userKeys,
  webhookKeys,
  workloadKeys,
} from './keys';
import type { DeviceRow } from './types';

/** A device changed: its detail (seeded with the server's answer) and every device list. */
export function invalidateDevice(queryClient: QueryClient, device: DeviceRow): Promise<unknown> {
  queryClient.setQueryData(deviceKeys.detail(device.id), device);
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: deviceKeys.detail(device.id) }),
    queryClient.invalidateQueries({ queryKey: deviceKeys.lists() }),
  ]);
}

/** A site or its contract changed: the site and everything under it (racks, metrics, prices). */
export function invalidateSite(queryClient: QueryClient, siteId: number): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: siteKeys.detail(siteId) });
}

/** Market inputs changed (sources, prices, GPU rates): market views and the money derived from them. */
export function invalidateMarket(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: marketKeys.all }),
    queryClient.invalidateQueries({ queryKey: economicsKeys.all }),
  ]);
}

export function invalidateMarketSettings(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: settingsKeys.market() });
}

export function invalidateTokens(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: tokenKeys.all });
}

/** Pools, jobs or assignments changed: every workload view, the devices (their workload) and the money. */
export function invalidateWorkloads(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: workloadKeys.all }),
    queryClient.invalidateQueries({ queryKey: deviceKeys.all }),
    queryClient.invalidateQueries({ queryKey: economicsKeys.all }),
  ]);
}

/** After an acknowledgement, a rule or a silence change: every alert view (lists, count, detail). */
export function invalidateAlerts(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: alertKeys.all });
}

/** A plan was applied or automatic mode changed: allocation views plus everything an assignment touches. */
export function invalidateAllocation(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: allocationKeys.all }),
    invalidateWorkloads(queryClient),
  ]);
}

/** Webhook endpoints or their deliveries changed. */
export function invalidateWebhooks(queryClient: QueryClient): Promise<void> {
  return queryClient.invalidateQueries({ queryKey: webhookKeys.all });
}

/** Found devices were added: the scan (its known marks), device lists, site totals. */
export function invalidateDiscovery(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: discoveryKeys.all }),
    queryClient.invalidateQueries({ queryKey: deviceKeys.lists() }),
    queryClient.invalidateQueries({ queryKey: siteKeys.all }),
  ]);
}

/** Tenants, users or device tenancy changed: those lists, the devices (their tenant) and the log. */
export function invalidateTenants(queryClient: QueryClient): Promise<unknown> {
  return Promise.all([
    queryClient.invalidateQueries({ queryKey: tenantKeys.all }),
    queryClient.invalidateQueries({ queryKey: userKeys.all }),
    queryClient.invalidateQueries({ queryKey: deviceKeys.all }),
    queryClient.invalidateQueries({ queryKey: auditKeys.all }),
  ]);
}

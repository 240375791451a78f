// Every react-query key of the browser, in one place. Keys are hierarchical (area, id, view, params)
// so one prefix invalidates everything below it: ['sites', 3] covers the site, its racks, metrics and
// prices. Parameters are normalised here so the server prefetch and the browser build the same key.
import { type DeviceListParams, normalizeDeviceListParams } from './device-list-params';
import { type RangeParam, rangeKey } from './range';

export const deviceKeys = {
  all: ['devices'] as const,
  lists: () => ['devices', 'list'] as const,
  list: (params: DeviceListParams) => ['devices', 'list', normalizeDeviceListParams(params)] as const,
  detail: (id: number) => ['devices', id] as const,
  metrics: (id: number, range: RangeParam) => ['devices', id, 'metrics', rangeKey(range)] as const,
  statusHistory: (id: number, range: RangeParam) =>
    ['devices', id, 'status-history', rangeKey(range)] as const,
};

export const deviceModelKeys = { all: ['device-models'] as const };

export const siteKeys = {
  all: ['sites'] as const,
  list: () => ['sites', 'list'] as const,
  detail: (id: number) => ['sites', id] as const,
  summary: (id: number) => ['sites', id, 'summary'] as const,
  racks: (id: number) => ['sites', id, 'racks'] as const,
  heatmap: (id: number) => ['sites', id, 'heatmap'] as const,
  metrics: (id: number, range: RangeParam) => ['sites', id, 'metrics', rangeKey(range)] as const,
  attention: (id: number, limit: number) => ['sites', id, 'attention', limit] as const,
  swarm: (id: number) => ['sites', id, 'swarm'] as const,
  /** Under ['sites', id] so a change to the site's contract invalidates its prices too. */
  prices: (id: number, from: number, to: number) => ['sites', id, 'prices', from, to] as const,
  pricePreview: (id: number, draft: string) => ['sites', id, 'prices', 'preview', draft] as const,
};

export const fleetKeys = {
  all: ['fleet'] as const,
  summary: () => ['fleet', 'summary'] as const,
  metrics: (range: RangeParam) => ['fleet', 'metrics', rangeKey(range)] as const,
  attention: (limit: number) => ['fleet', 'attention', limit] as const,
};

export const tokenKeys = { all: ['tokens'] as const };
export const sessionKeys = { all: ['sessions'] as const };

export const marketKeys = {
  all: ['market'] as const,
  latest: () => ['market', 'latest'] as const,
  history: (series: readonly string[], range: RangeParam) =>
    ['market', 'history', [...series].sort().join(','), rangeKey(range)] as const,
  gpuRates: () => ['market', 'gpu-rates'] as const,
};

/** Follows the URL (/api/v1/settings/market): settings are not market data and are not refetched with it. */
export const settingsKeys = {
  market: () => ['settings', 'market'] as const,
};

export const economicsKeys = {
  all: ['economics'] as const,
  summary: (siteId: number | null) => ['economics', 'summary', siteId ?? 'fleet'] as const,
  device: (deviceId: number) => ['economics', 'device', deviceId] as const,
  projection: (growthPctPerMonth: number, days: number | null, siteId: number | null) =>
    ['economics', 'projection', growthPctPerMonth, days ?? 'default', siteId ?? 'fleet'] as const,
};

/** Pools, jobs and assignments; one prefix so an assignment refreshes every workload view. */
export const workloadKeys = {
  all: ['workloads'] as const,
  pools: () => ['workloads', 'pools'] as const,
  mismatches: () => ['workloads', 'pools', 'mismatches'] as const,
  jobs: () => ['workloads', 'jobs'] as const,
  jobList: (filters: { status: readonly string[]; tenantId: number | null; q: string }) =>
    ['workloads', 'jobs', 'list', [...filters.status].sort().join(','), filters.tenantId, filters.q] as const,
  job: (id: number) => ['workloads', 'jobs', id] as const,
  siteCurrent: (siteId: number) => ['workloads', 'assignments', 'site', siteId] as const,
  siteDevices: (siteId: number) => ['workloads', 'site-devices', siteId] as const,
  device: (deviceId: number) => ['workloads', 'assignments', 'device', deviceId] as const,
};

export const reportKeys = {
  all: ['reports'] as const,
  preview: (kind: string, query: Record<string, string>) => ['reports', kind, 'preview', query] as const,
};

export const alertKeys = {
  all: ['alerts'] as const,
  list: (filters: { status?: string; severity?: string; deviceId?: number }) =>
    ['alerts', 'list', filters.status ?? '', filters.severity ?? '', filters.deviceId ?? 0] as const,
  detail: (id: number) => ['alerts', id] as const,
  count: () => ['alerts', 'count'] as const,
  rules: () => ['alerts', 'rules'] as const,
  silences: () => ['alerts', 'silences'] as const,
  targets: () => ['alerts', 'targets'] as const,
};

/** Allocation: draft plans by the sites they cover, stored plans, automatic mode and the decision log. */
export const allocationKeys = {
  all: ['allocation'] as const,
  draft: (siteIds: readonly number[]) =>
    ['allocation', 'draft', [...siteIds].sort((a, b) => a - b).join(',')] as const,
  latest: () => ['allocation', 'latest'] as const,
  plan: (id: number) => ['allocation', 'plans', id] as const,
  auto: () => ['allocation', 'auto'] as const,
  decisions: (siteId: number | null) => ['allocation', 'decisions', siteId ?? 'all'] as const,
};

export const webhookKeys = {
  all: ['webhooks'] as const,
  deliveries: (id: number) => ['webhooks', id, 'deliveries'] as const,
};

export const backtestKeys = {
  all: ['backtests'] as const,
  list: () => ['backtests', 'list'] as const,
  detail: (id: number) => ['backtests', id] as const,
};

/** Network scans; found devices become devices, so an add also invalidates deviceKeys. */
export const discoveryKeys = {
  all: ['discovery'] as const,
  list: () => ['discovery', 'list'] as const,
  scan: (id: number) => ['discovery', id] as const,
};

export const tenantKeys = { all: ['tenants'] as const, home: () => ['tenants', 'home'] as const };
export const userKeys = { all: ['users'] as const };
export const auditKeys = {
  all: ['audit'] as const,
  list: (filters: Record<string, string>, cursor: string | null) => ['audit', filters, cursor] as const,
};
/** Under ['workloads'] so a workload write refreshes it too. */
export const rentalKeys = { settings: () => ['workloads', 'rental-settings'] as const };

/** Remote actions: per device (capabilities + history) and per bulk batch (progress). */
export const actionKeys = {
  all: ['actions'] as const,
  device: (deviceId: number) => ['actions', 'device', deviceId] as const,
  batch: (batchId: string) => ['actions', 'batch', batchId] as const,
};
export const twoFactorKeys = { all: ['two-factor'] as const, policy: ['two-factor', 'policy'] as const };

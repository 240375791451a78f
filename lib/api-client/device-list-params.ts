import type { DeviceSort } from '@/lib/inventory/schemas';
import type { DeviceClass, DeviceStatus } from './types';

export type DeviceListParams = {
  siteId?: number | null;
  rackId?: number | null;
  class?: readonly DeviceClass[];
  status?: readonly DeviceStatus[];
  q?: string;
  sort: DeviceSort;
  dir: 'asc' | 'desc';
  limit: number;
  cursor?: string | null;
};

/** Canonical form for query keys: absent filters omitted, sets sorted, so the server and browser agree. */
export function normalizeDeviceListParams(params: DeviceListParams) {
  const q = params.q?.trim();
  return {
    ...(params.siteId ? { siteId: params.siteId } : {}),
    ...(params.rackId ? { rackId: params.rackId } : {}),
    ...(params.class?.length ? { class: [...params.class].sort() } : {}),
    ...(params.status?.length ? { status: [...params.status].sort() } : {}),
    ...(q ? { q } : {}),
    sort: params.sort,
    dir: params.dir,
    limit: params.limit,
    ...(params.cursor ? { cursor: params.cursor } : {}),
  };
}

export type NormalizedDeviceListParams = ReturnType<typeof normalizeDeviceListParams>;

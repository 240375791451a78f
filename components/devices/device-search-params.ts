// URL state of the device list (?q=&site=&class=&status=&sort=&size=&after=), shared by the server
// page (first paint) and the client table, so both build the same query key.
import {
  createLoader,
  type inferParserType,
  parseAsArrayOf,
  parseAsInteger,
  parseAsString,
  parseAsStringLiteral,
} from 'nuqs/server';
import { parseAsSort } from '@/components/data-table/sort';
import type { SortState } from '@/components/data-table/types';
import type { DeviceListParams } from '@/lib/api-client/device-list-params';
import { DEVICE_CLASSES, DEVICE_SORTS, DEVICE_STATUSES, type DeviceSort } from '@/lib/inventory/schemas';

export const PAGE_SIZES = [25, 50, 100, 200] as const;
export const DEFAULT_SORT: SortState = { id: 'name', direction: 'asc' };

export const deviceSearchParams = {
  q: parseAsString.withDefault(''),
  site: parseAsInteger,
  class: parseAsArrayOf(parseAsStringLiteral(DEVICE_CLASSES)).withDefault([]),
  status: parseAsArrayOf(parseAsStringLiteral(DEVICE_STATUSES)).withDefault([]),
  sort: parseAsSort.withDefault(DEFAULT_SORT),
  size: parseAsInteger.withDefault(50),
  /** Cursor stack: the cursors that led to the current page, so "Previous" works after a reload. */
  after: parseAsArrayOf(parseAsString).withDefault([]),
  /** A bulk action's batch whose progress is shown until its last action ends (shareable). */
  batch: parseAsString,
};

export type DeviceSearchState = inferParserType<typeof deviceSearchParams>;

export const loadDeviceSearchParams = createLoader(deviceSearchParams);

const isSort = (id: string): id is DeviceSort => (DEVICE_SORTS as readonly string[]).includes(id);

/** URL state → API list parameters; unknown sort columns and page sizes fall back to defaults. */
export function toDeviceListParams(state: DeviceSearchState): DeviceListParams {
  const sort = isSort(state.sort.id) ? state.sort : DEFAULT_SORT;
  const size = (PAGE_SIZES as readonly number[]).includes(state.size) ? state.size : 50;
  return {
    q: state.q,
    siteId: state.site,
    class: state.class,
    status: state.status,
    sort: sort.id as DeviceSort,
    dir: sort.direction,
    limit: size,
    cursor: state.after.at(-1) ?? null,
  };
}

export function hasFilters(state: DeviceSearchState): boolean {
  return Boolean(state.q || state.site || state.class.length || state.status.length);
}

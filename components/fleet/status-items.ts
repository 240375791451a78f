import type { BreakdownItem } from '@/components/charts/bar-breakdown';
import { DEVICE_STATUS_META, DEVICE_STATUSES, type DeviceStatus } from '@/components/ui/device-status';

/** Status counts → breakdown items in legend order, each linking to the device list filtered by it. */
export function statusBreakdownItems(
  counts: Record<string, number>,
  hrefFor?: (status: DeviceStatus) => string,
): BreakdownItem[] {
  return DEVICE_STATUSES.map((status) => ({
    key: status,
    label: DEVICE_STATUS_META[status].label,
    value: counts[status] ?? 0,
    color: DEVICE_STATUS_META[status].color,
    href: hrefFor?.(status),
  }));
}

/** `/devices?status=offline` (optionally within one site). */
export function devicesHref(filters: { status?: DeviceStatus | DeviceStatus[]; siteId?: number }): string {
  const search = new URLSearchParams();
  if (filters.siteId) search.set('site', String(filters.siteId));
  if (filters.status) {
    search.set('status', Array.isArray(filters.status) ? filters.status.join(',') : filters.status);
  }
  const text = search.toString();
  return text ? `/devices?${text}` : '/devices';
}

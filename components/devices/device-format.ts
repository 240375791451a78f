import type { DeviceRow } from '@/lib/api-client/types';
import { EMPTY_VALUE } from '@/lib/format';

/** Where a device sits: "C01-R2 · 3/7" (rack · row/slot). */
export function placement(row: Pick<DeviceRow, 'rackName' | 'slotRow' | 'slotColumn'>): string {
  if (!row.rackName) return EMPTY_VALUE;
  return row.slotRow === null ? row.rackName : `${row.rackName} · ${row.slotRow}/${row.slotColumn}`;
}

/** Latest hashrate as a share of nominal, or null when either is unknown. */
export function hashrateShare(row: Pick<DeviceRow, 'hashrateThs' | 'nominalHashrateThs'>): number | null {
  if (row.hashrateThs === null || !row.nominalHashrateThs) return null;
  return (row.hashrateThs / row.nominalHashrateThs) * 100;
}

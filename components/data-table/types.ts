import type { ReactNode } from 'react';

export type SortDirection = 'asc' | 'desc';

/** Server-side sort: the table only reports clicks; the caller puts this in the URL and the API sorts. */
export interface SortState {
  id: string;
  direction: SortDirection;
}

export interface ColumnDef<T> {
  /** Stable id; also the sort key sent to the server. */
  id: string;
  header: ReactNode;
  cell: (row: T) => ReactNode;
  /** Numbers go right so digits line up. */
  align?: 'left' | 'right' | 'center';
  sortable?: boolean;
  /** First click sorts descending (biggest hashrate / hottest first). */
  sortDescFirst?: boolean;
  /** CSS width, e.g. 120 or '12rem'. */
  width?: number | string;
  className?: string;
  /** Shown as a native tooltip on the header (explain abbreviations like "J/TH"). */
  headerTitle?: string;
}

/** Row selection for bulk actions (reboot, switch pool). Ids are `getRowId` values. */
export interface DataTableSelection {
  selectedIds: ReadonlySet<string>;
  onSelectedIdsChange: (ids: Set<string>) => void;
}

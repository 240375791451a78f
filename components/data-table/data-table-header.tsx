'use client';

import { ArrowDown, ArrowUp, ArrowUpDown } from 'lucide-react';
import { Checkbox } from '@/components/ui/checkbox';
import { cn } from '@/lib/cn';
import { nextSort } from './sort';
import type { ColumnDef, DataTableSelection, SortState } from './types';

interface DataTableHeaderProps<T> {
  columns: readonly ColumnDef<T>[];
  sort: SortState | null;
  onSortChange?: (sort: SortState) => void;
  selection?: DataTableSelection;
  /** Ids of the rows currently shown, for "select all on this page". */
  rowIds: string[];
}

const headClassName =
  'sticky top-0 z-10 h-8 whitespace-nowrap border-b bg-muted px-3 align-middle font-medium text-muted-foreground text-xs';

export function DataTableHeader<T>({
  columns,
  sort,
  onSortChange,
  selection,
  rowIds,
}: DataTableHeaderProps<T>) {
  const selectedOnPage = selection ? rowIds.filter((id) => selection.selectedIds.has(id)).length : 0;
  return (
    <thead>
      <tr>
        {selection && (
          <th scope="col" className={cn(headClassName, 'w-8')}>
            <Checkbox
              aria-label="Select all rows on this page"
              disabled={rowIds.length === 0}
              checked={rowIds.length > 0 && selectedOnPage === rowIds.length}
              indeterminate={selectedOnPage > 0 && selectedOnPage < rowIds.length}
              onChange={(event) => {
                const next = new Set(selection.selectedIds);
                for (const id of rowIds) {
                  if (event.target.checked) next.add(id);
                  else next.delete(id);
                }
                selection.onSelectedIdsChange(next);
              }}
            />
          </th>
        )}
        {columns.map((column) => {
          const active = sort?.id === column.id ? sort.direction : null;
          const align = column.align ?? 'left';
          const canSort = column.sortable && onSortChange;
          const Icon = active === 'asc' ? ArrowUp : active === 'desc' ? ArrowDown : ArrowUpDown;
          return (
            <th
              key={column.id}
              scope="col"
              title={column.headerTitle}
              aria-sort={active === 'asc' ? 'ascending' : active === 'desc' ? 'descending' : undefined}
              style={column.width !== undefined ? { width: column.width } : undefined}
              className={cn(
                headClassName,
                align === 'right' ? 'text-right' : align === 'center' ? 'text-center' : 'text-left',
              )}
            >
              {canSort ? (
                <button
                  type="button"
                  onClick={() => onSortChange(nextSort(sort, column.id, column.sortDescFirst))}
                  className={cn(
                    '-mx-1 inline-flex items-center gap-1 rounded-sm px-1 py-0.5 hover:text-foreground focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
                    align === 'right' && 'flex-row-reverse',
                    active && 'text-foreground',
                  )}
                >
                  {column.header}
                  <Icon aria-hidden className={cn('size-3', !active && 'opacity-40')} />
                </button>
              ) : (
                column.header
              )}
            </th>
          );
        })}
      </tr>
    </thead>
  );
}

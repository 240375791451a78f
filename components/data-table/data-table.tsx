'use client';

import { useRouter } from 'next/navigation';
import { type KeyboardEvent, type MouseEvent, type ReactNode, useRef } from 'react';
import { Checkbox } from '@/components/ui/checkbox';
import { EmptyState, type EmptyStateProps } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Skeleton } from '@/components/ui/skeleton';
import { cn } from '@/lib/cn';
import { DataTableHeader } from './data-table-header';
import { toggleWithRange } from './range-select';
import type { ColumnDef, DataTableSelection, SortState } from './types';

export interface DataTableProps<T> {
  /** Accessible name of the table, e.g. "Devices". */
  label: string;
  columns: readonly ColumnDef<T>[];
  /** Undefined while the first page loads. */
  rows: readonly T[] | undefined;
  getRowId: (row: T) => string;
  sort?: SortState | null;
  onSortChange?: (sort: SortState) => void;
  /** Makes rows navigate on click / Enter; ctrl/⌘-click opens a new tab. */
  getRowHref?: (row: T) => string;
  onRowClick?: (row: T) => void;
  isLoading?: boolean;
  /** Background refetch: keep rows, mark the table busy. */
  isRefreshing?: boolean;
  skeletonRows?: number;
  error?: unknown;
  onRetry?: () => void;
  empty?: EmptyStateProps;
  selection?: DataTableSelection;
  /** Scroll height of the body; the header stays visible inside it. 'none' lets the page scroll. */
  maxHeight?: string;
  /** Rendered under the table (pagination). */
  footer?: ReactNode;
  className?: string;
  'data-testid'?: string;
}

const alignClassNames = { left: 'text-left', right: 'text-right', center: 'text-center' } as const;
const INTERACTIVE = 'a,button,input,select,textarea,label,[role="menuitem"]';

export function DataTable<T>(props: DataTableProps<T>) {
  const { label, columns, rows, getRowId, getRowHref, onRowClick, selection, className } = props;
  const { isLoading = false, isRefreshing = false, error, maxHeight = '70vh', footer } = props;
  const router = useRouter();
  // The last row toggled by hand: a shift-click selects the range from it.
  const anchor = useRef<string | null>(null);
  const rowIds = rows && !error && !isLoading ? rows.map(getRowId) : [];
  const columnCount = columns.length + (selection ? 1 : 0);
  const clickable = Boolean(getRowHref || onRowClick);

  const activate = (row: T, event: MouseEvent | KeyboardEvent) => {
    const href = getRowHref?.(row);
    if (href) {
      if (event.metaKey || event.ctrlKey) window.open(href, '_blank', 'noopener');
      else router.push(href);
    }
    onRowClick?.(row);
  };
  const onClick = (row: T) => (event: MouseEvent<HTMLTableRowElement>) => {
    // Buttons, links and checkboxes inside a row keep their own behaviour.
    if ((event.target as HTMLElement).closest(INTERACTIVE)) return;
    activate(row, event);
  };
  const onKeyDown = (row: T) => (event: KeyboardEvent<HTMLTableRowElement>) => {
    if (event.key !== 'Enter' || event.target !== event.currentTarget) return;
    event.preventDefault();
    activate(row, event);
  };

  let body: ReactNode;
  if (error) {
    body = (
      <FullWidthRow colSpan={columnCount}>
        <ErrorState error={error} onRetry={props.onRetry} />
      </FullWidthRow>
    );
  } else if (isLoading || rows === undefined) {
    body = <SkeletonRows count={props.skeletonRows ?? 8} columns={columns} selectable={Boolean(selection)} />;
  } else if (rows.length === 0) {
    body = (
      <FullWidthRow colSpan={columnCount}>
        <EmptyState title="Nothing to show" {...props.empty} />
      </FullWidthRow>
    );
  } else {
    body = rows.map((row) => {
      const id = getRowId(row);
      const selected = selection?.selectedIds.has(id) ?? false;
      return (
        <tr
          key={id}
          data-row-id={id}
          data-state={selected ? 'selected' : undefined}
          tabIndex={clickable ? 0 : undefined}
          onClick={clickable ? onClick(row) : undefined}
          onKeyDown={clickable ? onKeyDown(row) : undefined}
          className={cn(
            'border-b transition-colors last:border-0 hover:bg-muted/50 data-[state=selected]:bg-primary/5',
            clickable && 'cursor-pointer focus-visible:bg-accent focus-visible:outline-none',
          )}
        >
          {selection && (
            <td className="w-8 px-3 py-1.5">
              <Checkbox
                aria-label={`Select row ${id}`}
                checked={selected}
                onChange={(event) => {
                  // React fires a checkbox's onChange from its click, so the modifier keys are there.
                  const shift = (event.nativeEvent as Partial<globalThis.MouseEvent>).shiftKey === true;
                  selection.onSelectedIdsChange(
                    toggleWithRange(
                      rowIds,
                      selection.selectedIds,
                      anchor.current,
                      id,
                      event.target.checked,
                      shift,
                    ),
                  );
                  anchor.current = id;
                }}
              />
            </td>
          )}
          {columns.map((column) => (
            <td
              key={column.id}
              className={cn(
                'h-9 whitespace-nowrap px-3 py-1.5 align-middle',
                alignClassNames[column.align ?? 'left'],
                column.className,
              )}
            >
              {column.cell(row)}
            </td>
          ))}
        </tr>
      );
    });
  }

  return (
    <div className={cn('flex flex-col gap-2', className)}>
      <div
        data-testid={props['data-testid'] ?? 'data-table'}
        aria-busy={isLoading || isRefreshing || undefined}
        className="overflow-auto rounded-lg border bg-card"
        style={maxHeight === 'none' ? undefined : { maxHeight }}
      >
        <table
          aria-label={label}
          className={cn('w-full border-collapse text-sm', isRefreshing && 'opacity-70')}
        >
          <DataTableHeader
            columns={columns}
            sort={props.sort ?? null}
            onSortChange={props.onSortChange}
            selection={selection}
            rowIds={rowIds}
          />
          <tbody>{body}</tbody>
        </table>
      </div>
      {footer}
    </div>
  );
}

function FullWidthRow({ colSpan, children }: { colSpan: number; children: ReactNode }) {
  return (
    <tr>
      <td colSpan={colSpan}>{children}</td>
    </tr>
  );
}

// Varied widths so the placeholder reads as a table, not a barcode.
const SKELETON_WIDTHS = ['w-3/4', 'w-1/2', 'w-2/3', 'w-5/6', 'w-2/5'];

function SkeletonRows<T>(props: { count: number; columns: readonly ColumnDef<T>[]; selectable: boolean }) {
  return Array.from({ length: props.count }, (_, rowIndex) => (
    // biome-ignore lint/suspicious/noArrayIndexKey: placeholders have no identity.
    <tr key={rowIndex} data-testid="data-table-skeleton-row" className="border-b last:border-0">
      {props.selectable && <td className="w-8 px-3" />}
      {props.columns.map((column, columnIndex) => (
        <td key={column.id} className="h-9 px-3 py-1.5">
          <Skeleton
            className={cn(
              'h-3.5',
              SKELETON_WIDTHS[(rowIndex + columnIndex) % SKELETON_WIDTHS.length],
              column.align === 'right' && 'ml-auto',
            )}
          />
        </td>
      ))}
    </tr>
  ));
}

'use client';

import Link from 'next/link';
import { type KeyboardEvent, type MouseEvent, type ReactNode, useMemo, useState } from 'react';
import { DEVICE_STATUS_META, type DeviceStatus } from '@/components/ui/device-status';
import { TooltipContent, TooltipRoot, TooltipTrigger } from '@/components/ui/tooltip';
import { cn } from '@/lib/cn';
import { EMPTY_VALUE } from '@/lib/format';
import { HeatLegend } from './heat-legend';
import { heatColor, heatForeground, heatStep, type SequentialDomain } from './heat-scale';

export interface HeatCell {
  /** 1-based position (rack shelf / slot). */
  row: number;
  column: number;
  value: number | null;
  /** Device name or slot name, first line of the tooltip and part of the accessible name. */
  label: string;
  href?: string;
  status?: DeviceStatus;
  /** Extra tooltip lines (model, hashrate…). */
  detail?: ReactNode;
  /** Set when the grid selects (rack-grid bulk actions): the cell is a toggle button. */
  selected?: boolean;
}

export type HeatGridScale =
  | (SequentialDomain & { kind: 'sequential'; format: (value: number) => string; title?: string })
  | { kind: 'status' };

export interface HeatGridProps {
  cells: readonly HeatCell[];
  scale: HeatGridScale;
  /** Accessible name, e.g. "Rack A1 inlet temperature". */
  label: string;
  /** Rack size; defaults to the largest position present. Empty slots are drawn as outlines. */
  rows?: number;
  columns?: number;
  /** Cell edge in px. */
  cellSize?: number;
  /** Print the formatted value inside each cell (needs cellSize ≥ ~40). */
  showValues?: boolean;
  rowLabel?: (row: number) => string;
  columnLabel?: (column: number) => string;
  /** The event carries shift/ctrl for range selection. */
  onCellClick?: (cell: HeatCell, event: MouseEvent<HTMLElement>) => void;
  showLegend?: boolean;
  className?: string;
}

const key = (row: number, column: number) => `${row}:${column}`;
const MOVES: Record<string, [number, number]> = {
  ArrowUp: [-1, 0],
  ArrowDown: [1, 0],
  ArrowLeft: [0, -1],
  ArrowRight: [0, 1],
};

/** Rack heatmap: rows × columns of cells coloured by a sequential value or by device status. */
export function HeatGrid(props: HeatGridProps) {
  const { cells, scale, label, cellSize = 28, showValues = false, onCellClick, className } = props;
  const byKey = useMemo(() => new Map(cells.map((cell) => [key(cell.row, cell.column), cell])), [cells]);
  const rows = props.rows ?? Math.max(0, ...cells.map((cell) => cell.row));
  const columns = props.columns ?? Math.max(0, ...cells.map((cell) => cell.column));
  const first = cells.find((cell) => cell.row <= rows && cell.column <= columns);
  const [active, setActive] = useState<string | null>(null);
  const activeKey = active && byKey.has(active) ? active : first ? key(first.row, first.column) : null;
  const rowLabel = props.rowLabel ?? String;
  const columnLabel = props.columnLabel ?? String;

  // Roving tab stop: one Tab into the grid, arrows move between occupied slots, skipping empty ones.
  const onKeyDown = (event: KeyboardEvent<HTMLTableElement>) => {
    const move = MOVES[event.key];
    const from = (event.target as HTMLElement).closest('[data-cell]')?.getAttribute('data-cell') ?? activeKey;
    if (!move || !from) return;
    event.preventDefault();
    let [row, column] = from.split(':').map(Number) as [number, number];
    for (;;) {
      row += move[0];
      column += move[1];
      if (row < 1 || column < 1 || row > rows || column > columns) return;
      if (byKey.has(key(row, column))) break;
    }
    const next = key(row, column);
    setActive(next);
    event.currentTarget.querySelector<HTMLElement>(`[data-cell="${next}"]`)?.focus();
  };

  const valueText = (cell: HeatCell) =>
    scale.kind === 'sequential'
      ? cell.value === null
        ? 'no data'
        : scale.format(cell.value)
      : cell.status
        ? DEVICE_STATUS_META[cell.status].label
        : EMPTY_VALUE;

  const renderCell = (cell: HeatCell) => {
    const cellKey = key(cell.row, cell.column);
    const step = scale.kind === 'sequential' ? heatStep(cell.value, scale) : null;
    const background =
      scale.kind === 'status'
        ? cell.status
          ? DEVICE_STATUS_META[cell.status].color
          : undefined
        : step
          ? heatColor(step)
          : undefined;
    const noData = scale.kind === 'sequential' ? step === null : !cell.status;
    const text = valueText(cell);
    const cellClassName = cn(
      'flex size-full items-center justify-center overflow-hidden rounded-sm text-[10px] leading-none outline-offset-1 focus-visible:outline-2 focus-visible:outline-ring',
      noData && 'bg-no-data',
      (cell.href || onCellClick) && 'cursor-pointer hover:brightness-110 hover:saturate-150',
      onCellClick && 'select-none',
      cell.selected && 'outline-2 outline-foreground outline-offset-1',
    );
    const common = {
      'data-cell': cellKey,
      tabIndex: cellKey === activeKey ? 0 : -1,
      'aria-label': `${cell.label}: ${text}${cell.status && scale.kind !== 'status' ? `, ${DEVICE_STATUS_META[cell.status].label}` : ''}`,
      onFocus: () => setActive(cellKey),
      className: cellClassName,
      style: {
        backgroundColor: noData ? undefined : background,
        color: step ? heatForeground(step) : undefined,
      },
    };
    const content = showValues && !noData && scale.kind === 'sequential' ? text : null;
    const trigger = cell.href ? (
      <Link href={cell.href} {...common} onClick={(event) => onCellClick?.(cell, event)}>
        {content}
      </Link>
    ) : onCellClick ? (
      <button
        type="button"
        {...common}
        aria-pressed={cell.selected === undefined ? undefined : cell.selected}
        data-selected={cell.selected ? 'true' : undefined}
        onClick={(event) => onCellClick(cell, event)}
      >
        {content}
      </button>
    ) : (
      <div {...common}>{content}</div>
    );
    return (
      <TooltipRoot>
        <TooltipTrigger asChild>{trigger}</TooltipTrigger>
        <TooltipContent side="top">
          <p className="font-medium">{cell.label}</p>
          <p className="text-muted-foreground">
            {scale.kind === 'sequential' && scale.title ? `${scale.title}: ` : ''}
            {text}
            {cell.status && scale.kind !== 'status' && ` · ${DEVICE_STATUS_META[cell.status].label}`}
          </p>
          {cell.detail && <div className="mt-1 text-muted-foreground">{cell.detail}</div>}
        </TooltipContent>
      </TooltipRoot>
    );
  };

  const rowNumbers = Array.from({ length: rows }, (_, index) => index + 1);
  const columnNumbers = Array.from({ length: columns }, (_, index) => index + 1);
  return (
    <figure className={cn('flex min-w-0 max-w-full flex-col gap-3', className)}>
      <div className="overflow-x-auto pb-1">
        {/* A real table: rack rows and slots are row/column headers for screen readers; arrows move focus. */}
        <table
          aria-label={label}
          onKeyDown={onKeyDown}
          className="border-separate border-spacing-[3px] text-muted-foreground text-xs"
        >
          <thead>
            <tr>
              <td />
              {columnNumbers.map((column) => (
                <th key={column} scope="col" className="p-0 pb-0.5 text-center font-normal text-[10px]">
                  {columnLabel(column)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rowNumbers.map((row) => (
              <tr key={row}>
                <th scope="row" className="p-0 pr-1.5 text-right font-normal text-[10px]">
                  {rowLabel(row)}
                </th>
                {columnNumbers.map((column) => {
                  const cell = byKey.get(key(row, column));
                  return (
                    <td
                      key={column}
                      aria-label={cell ? undefined : 'Empty slot'}
                      style={{ width: cellSize, minWidth: cellSize, height: cellSize }}
                      className={cn('p-0', !cell && 'rounded-sm border border-dashed')}
                    >
                      {cell && renderCell(cell)}
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {props.showLegend !== false && <HeatLegend scale={scale} statuses={cells.map((cell) => cell.status)} />}
    </figure>
  );
}

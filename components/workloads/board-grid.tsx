'use client';

import type { MouseEvent } from 'react';
import { Button } from '@/components/ui/button';
import type { Rack } from '@/lib/api-client/types';
import { cn } from '@/lib/cn';
import type { BoardDevice } from './board-logic';
import { WORKLOAD_COLORS } from './workload-colors';

export interface BoardGridProps {
  racks: readonly Rack[];
  /** The devices the filter shows; other slots are drawn empty and cannot be picked. */
  devices: readonly BoardDevice[];
  selected: ReadonlySet<string>;
  onToggle: (id: string, checked: boolean, shift: boolean) => void;
  onSelectRack: (rackId: number) => void;
}

/** Every rack of the site as a grid of slots coloured by current workload; click, shift-click ranges. */
export function BoardGrid({ racks, devices, selected, onToggle, onSelectRack }: BoardGridProps) {
  const byRack = new Map<number, BoardDevice[]>();
  for (const d of devices) {
    if (d.rackId === null || d.slotRow === null || d.slotColumn === null) continue;
    byRack.set(d.rackId, [...(byRack.get(d.rackId) ?? []), d]);
  }
  const shown = racks.filter((r) => byRack.has(r.id));
  if (shown.length === 0)
    return <p className="text-muted-foreground text-sm">No racked devices match the filter.</p>;
  return (
    <div className="flex flex-wrap gap-x-6 gap-y-4" data-testid="board-grid">
      {shown.map((rack) => {
        const slots = new Map(byRack.get(rack.id)!.map((d) => [`${d.slotRow}:${d.slotColumn}`, d]));
        const size = rack.columns > 8 ? 18 : 24;
        return (
          <section
            key={rack.id}
            aria-label={`Rack ${rack.name}`}
            data-rack-name={rack.name}
            className="flex flex-col gap-1"
          >
            <div className="flex items-center justify-between gap-2 text-xs">
              <span className="font-medium">{rack.name}</span>
              <Button
                variant="ghost"
                size="sm"
                className="h-6 px-1.5 text-xs"
                onClick={() => onSelectRack(rack.id)}
              >
                Select rack
              </Button>
            </div>
            <div
              className="grid gap-0.5"
              style={{ gridTemplateColumns: `repeat(${rack.columns}, ${size}px)` }}
            >
              {Array.from({ length: rack.rows * rack.columns }, (_, i) => {
                const row = Math.floor(i / rack.columns) + 1;
                const column = (i % rack.columns) + 1;
                const d = slots.get(`${row}:${column}`);
                if (!d)
                  return (
                    <span
                      key={`${row}:${column}`}
                      className="rounded-sm border border-dashed"
                      style={{ height: size }}
                    />
                  );
                const id = String(d.id);
                const on = selected.has(id);
                return (
                  <button
                    key={id}
                    type="button"
                    aria-pressed={on}
                    aria-label={`${d.name}: ${d.workload}`}
                    title={`${d.name} · row ${row} slot ${column} · ${d.status} · ${d.workload}`}
                    data-device-id={id}
                    onClick={(e: MouseEvent) => onToggle(id, !on, e.shiftKey)}
                    className={cn(
                      'rounded-sm border border-transparent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring',
                      on && 'ring-2 ring-foreground ring-offset-1 ring-offset-background',
                      d.status === 'offline' && 'opacity-40',
                    )}
                    style={{ height: size, background: WORKLOAD_COLORS[d.workloadKind] }}
                  />
                );
              })}
            </div>
          </section>
        );
      })}
    </div>
  );
}

export function WorkloadLegend() {
  return (
    <ul className="flex flex-wrap gap-3 text-muted-foreground text-xs" aria-label="Workload colours">
      {Object.entries(WORKLOAD_COLORS).map(([kind, color]) => (
        <li key={kind} className="flex items-center gap-1">
          <span aria-hidden className="inline-block size-3 rounded-sm border" style={{ background: color }} />
          {kind === 'none' ? 'unassigned' : kind}
        </li>
      ))}
    </ul>
  );
}

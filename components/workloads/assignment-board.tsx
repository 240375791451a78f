'use client';

import { useQuery } from '@tanstack/react-query';
import { LayoutGrid } from 'lucide-react';
import { useQueryStates } from 'nuqs';
import { useEffect, useMemo, useRef, useState } from 'react';
import { DataTable } from '@/components/data-table/data-table';
import { toggleWithRange } from '@/components/data-table/range-select';
import { LiveIndicator } from '@/components/fleet/live-indicator';
import { Button } from '@/components/ui/button';
import { EmptyState } from '@/components/ui/empty-state';
import { ErrorState } from '@/components/ui/error-state';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { Skeleton } from '@/components/ui/skeleton';
import { siteRacksQuery, sitesListQuery } from '@/lib/api-client/sites';
import { siteCurrentAssignmentsQuery, siteDevicesQuery } from '@/lib/api-client/workloads';
import { formatNumber } from '@/lib/format';
import { DEVICE_CLASSES, DEVICE_STATUSES } from '@/lib/inventory/schemas';
import { AssignDialog } from './assign-dialog';
import { boardColumns } from './board-columns';
import { BoardGrid, WorkloadLegend } from './board-grid';
import { joinWorkloads, matchesFilter, pruneSelection } from './board-logic';
import { BOARD_WORKLOADS, boardSearchParams } from './board-search-params';
import { EMPTY_CHOICE, useChosenWorkload, type WorkloadChoice, WorkloadPicker } from './workload-picker';

const options = (values: readonly string[], all: string) => [
  { value: '', label: all },
  ...values.map((v) => ({ value: v, label: v === 'none' ? 'unassigned' : v })),
];

/** Pick a site, select devices in the rack grid or the table, assign them a workload. */
export function AssignmentBoard({ canOperate }: { canOperate: boolean }) {
  const [state, setState] = useQueryStates(boardSearchParams);
  const sites = useQuery(sitesListQuery());
  const siteId = state.site ?? sites.data?.[0]?.id ?? null;
  const devices = useQuery({ ...siteDevicesQuery(siteId ?? 0), enabled: siteId !== null });
  const current = useQuery({ ...siteCurrentAssignmentsQuery(siteId ?? 0), enabled: siteId !== null });
  const racks = useQuery({ ...siteRacksQuery(siteId ?? 0), enabled: siteId !== null });
  const [selected, setSelected] = useState<Set<string>>(new Set());
  const anchor = useRef<string | null>(null);
  const [choice, setChoice] = useState<WorkloadChoice>(EMPTY_CHOICE);
  const [confirming, setConfirming] = useState(false);
  const chosen = useChosenWorkload(choice);
  // The confirmation keeps the workload it opened with: a placed job leaves the queued list the
  // picker reads, and the dialog showing the result must not unmount with it.
  const held = useRef(chosen);
  if (!confirming) held.current = chosen;
  const dialogChoice = confirming ? held.current : chosen;

  const all = useMemo(
    () => joinWorkloads(devices.data ?? [], current.data ?? []),
    [devices.data, current.data],
  );
  const filter = {
    q: state.q,
    rack: state.rack,
    class: state.class,
    status: state.status,
    workload: state.workload,
  };
  const visible = all.filter((d) => matchesFilter(d, filter));
  const visibleIds = visible.map((d) => String(d.id));
  const visibleKey = visibleIds.join(',');
  // A filter change never leaves hidden devices selected: what you see is what gets assigned.
  useEffect(() => {
    setSelected((prev) => {
      const next = pruneSelection(prev, visibleKey ? visibleKey.split(',') : []);
      return next.size === prev.size ? prev : next;
    });
  }, [visibleKey]);
  const chosenDevices = visible.filter((d) => selected.has(String(d.id)));

  const toggle = (id: string, checked: boolean, shift: boolean) => {
    setSelected((prev) => toggleWithRange(visibleIds, prev, anchor.current, id, checked, shift));
    anchor.current = id;
  };

  if (sites.error) return <ErrorState error={sites.error} onRetry={() => void sites.refetch()} />;
  if (sites.data && sites.data.length === 0)
    return (
      <EmptyState icon={LayoutGrid} title="No sites yet" description="Create a site and its devices first." />
    );

  return (
    <div className="flex flex-col gap-3">
      <div className="flex flex-wrap items-center gap-2">
        <Select
          aria-label="Site"
          value={siteId === null ? '' : String(siteId)}
          onChange={(e) => {
            setSelected(new Set());
            void setState({ site: Number(e.target.value), rack: null });
          }}
          options={(sites.data ?? []).map((s) => ({ value: String(s.id), label: s.name }))}
        />
        <Select
          aria-label="Rack"
          value={state.rack === null ? '' : String(state.rack)}
          onChange={(e) => void setState({ rack: e.target.value ? Number(e.target.value) : null })}
          options={[
            { value: '', label: 'All racks' },
            ...(racks.data ?? []).map((r) => ({ value: String(r.id), label: r.name })),
          ]}
        />
        <Select
          aria-label="Class"
          value={state.class[0] ?? ''}
          onChange={(e) => void setState({ class: e.target.value ? [e.target.value as 'asic'] : null })}
          options={options(DEVICE_CLASSES, 'All classes')}
        />
        <Select
          aria-label="Status"
          value={state.status[0] ?? ''}
          onChange={(e) => void setState({ status: e.target.value ? [e.target.value as 'online'] : null })}
          options={options(DEVICE_STATUSES, 'All statuses')}
        />
        <Select
          aria-label="Current workload"
          value={state.workload[0] ?? ''}
          onChange={(e) => void setState({ workload: e.target.value ? [e.target.value as 'none'] : null })}
          options={options(BOARD_WORKLOADS, 'Any workload')}
        />
        <Input
          aria-label="Search devices"
          placeholder="Name or serial"
          className="h-8 w-44"
          value={state.q}
          onChange={(e) => void setState({ q: e.target.value || null })}
        />
        <LiveIndicator
          className="ml-auto"
          updatedAt={current.dataUpdatedAt}
          failing={Boolean(current.error)}
        />
      </div>

      <div
        className="sticky top-0 z-20 flex flex-wrap items-center gap-2 rounded-lg border bg-card p-2"
        data-testid="board-actions"
      >
        <span className="text-sm" data-testid="board-selection">
          {formatNumber(chosenDevices.length)} selected of {formatNumber(visible.length)} matching
        </span>
        <Button
          size="sm"
          variant="outline"
          disabled={visible.length === 0}
          onClick={() => setSelected(new Set(visibleIds))}
          data-testid="select-all-matching"
        >
          Select all {formatNumber(visible.length)} matching
        </Button>
        {selected.size > 0 && (
          <Button size="sm" variant="ghost" onClick={() => setSelected(new Set())}>
            Clear
          </Button>
        )}
        {canOperate && (
          <div className="ml-auto flex flex-wrap items-center gap-2">
            <WorkloadPicker value={choice} onChange={setChoice} />
            <Button
              size="sm"
              disabled={!chosen || chosenDevices.length === 0}
              onClick={() => setConfirming(true)}
              data-testid="assign-open"
            >
              Assign…
            </Button>
          </div>
        )}
      </div>

      {devices.error ? (
        <ErrorState error={devices.error} onRetry={() => void devices.refetch()} />
      ) : !devices.data || !racks.data ? (
        <Skeleton className="h-48 w-full" />
      ) : (
        <>
          <WorkloadLegend />
          <BoardGrid
            racks={racks.data}
            devices={visible}
            selected={selected}
            onToggle={toggle}
            onSelectRack={(rackId) =>
              setSelected(
                (prev) =>
                  new Set([...prev, ...visible.filter((d) => d.rackId === rackId).map((d) => String(d.id))]),
              )
            }
          />
        </>
      )}
      <DataTable
        data-testid="board-table"
        label="Devices on the board"
        columns={boardColumns}
        rows={devices.data ? visible : undefined}
        getRowId={(d) => String(d.id)}
        isLoading={devices.isPending}
        selection={{ selectedIds: selected, onSelectedIdsChange: setSelected }}
        maxHeight="28rem"
        empty={{ icon: LayoutGrid, title: 'No devices match', description: 'Change or clear the filters.' }}
      />
      {dialogChoice && siteId !== null && (
        <AssignDialog
          open={confirming}
          onOpenChange={setConfirming}
          selected={chosenDevices}
          site={{ id: siteId, devices: all }}
          workload={dialogChoice.workload}
          label={dialogChoice.label}
          onDone={() => setSelected(new Set())}
        />
      )}
    </div>
  );
}

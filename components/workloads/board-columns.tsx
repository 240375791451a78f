import Link from 'next/link';
import type { ColumnDef } from '@/components/data-table/types';
import type { DeviceStatus } from '@/components/ui/device-status';
import { StatusBadge } from '@/components/ui/status-badge';
import type { BoardDevice } from './board-logic';
import { WORKLOAD_COLORS } from './workload-colors';

export const boardColumns: ColumnDef<BoardDevice>[] = [
  {
    id: 'name',
    header: 'Device',
    cell: (d) => (
      <Link href={`/devices/${d.id}`} className="font-medium hover:underline">
        {d.name}
      </Link>
    ),
  },
  { id: 'model', header: 'Model', cell: (d) => `${d.vendor} ${d.model}` },
  { id: 'class', header: 'Class', cell: (d) => d.class },
  {
    id: 'slot',
    header: 'Rack / slot',
    cell: (d) => (d.rackName ? `${d.rackName} ${d.slotRow ?? '?'}×${d.slotColumn ?? '?'}` : '—'),
  },
  { id: 'status', header: 'Status', cell: (d) => <StatusBadge status={d.status as DeviceStatus} compact /> },
  {
    id: 'workload',
    header: 'Workload',
    cell: (d) => (
      <span className="inline-flex items-center gap-1.5" data-workload={d.workloadKind}>
        <span
          aria-hidden
          className="inline-block size-2.5 rounded-sm"
          style={{ background: WORKLOAD_COLORS[d.workloadKind] }}
        />
        {d.workload}
      </span>
    ),
  },
];

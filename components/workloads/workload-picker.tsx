'use client';

import { useQuery } from '@tanstack/react-query';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { AssignmentKind, Workload } from '@/lib/api-client/types';
import { jobsQuery, poolsQuery } from '@/lib/api-client/workloads';

export type WorkloadChoice = { kind: AssignmentKind; poolId: string; jobId: string; powerTargetW: string };

export const EMPTY_CHOICE: WorkloadChoice = { kind: 'pool', poolId: '', jobId: '', powerTargetW: '' };

const KIND_OPTIONS = [
  { value: 'pool', label: 'Mine on pool' },
  { value: 'job', label: 'Run AI job' },
  { value: 'rent', label: 'Rent out GPUs' },
  { value: 'curtail', label: 'Curtail' },
  { value: 'idle', label: 'Idle' },
  { value: 'maintenance', label: 'Maintenance' },
];

const QUEUED = { status: ['queued'] as const, tenantId: null, q: '' };

/** The chosen workload as the API wants it, and its label in the words of the board; null if incomplete. */
export function useChosenWorkload(choice: WorkloadChoice): { workload: Workload; label: string } | null {
  const pools = useQuery(poolsQuery());
  const jobs = useQuery(jobsQuery(QUEUED));
  if (choice.kind === 'pool') {
    const pool = pools.data?.find((p) => String(p.id) === choice.poolId);
    if (!pool) return null;
    const w = Number(choice.powerTargetW);
    return {
      workload: {
        kind: 'pool',
        poolId: pool.id,
        ...(choice.powerTargetW && w > 0 ? { powerTargetW: w } : {}),
      },
      label: `pool ${pool.name}`,
    };
  }
  if (choice.kind === 'job') {
    const job = jobs.data?.data.find((j) => String(j.id) === choice.jobId);
    return job ? { workload: { kind: 'job', jobId: job.id }, label: `job ${job.name}` } : null;
  }
  return { workload: { kind: choice.kind }, label: choice.kind };
}

export function WorkloadPicker({
  value,
  onChange,
}: {
  value: WorkloadChoice;
  onChange: (v: WorkloadChoice) => void;
}) {
  const pools = useQuery(poolsQuery());
  const jobs = useQuery(jobsQuery(QUEUED));
  return (
    <div className="flex flex-wrap items-center gap-2">
      <Select
        aria-label="Workload"
        value={value.kind}
        onChange={(e) => onChange({ ...value, kind: e.target.value as AssignmentKind })}
        options={KIND_OPTIONS}
      />
      {value.kind === 'pool' && (
        <>
          <Select
            aria-label="Pool"
            value={value.poolId}
            placeholder="Choose a pool"
            onChange={(e) => onChange({ ...value, poolId: e.target.value })}
            options={(pools.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
          />
          <Input
            aria-label="Power target (W)"
            placeholder="Power target W"
            type="number"
            min={1}
            className="h-8 w-36"
            value={value.powerTargetW}
            onChange={(e) => onChange({ ...value, powerTargetW: e.target.value })}
          />
        </>
      )}
      {value.kind === 'job' && (
        <Select
          aria-label="Job"
          value={value.jobId}
          placeholder={jobs.data?.data.length === 0 ? 'No queued jobs' : 'Choose a queued job'}
          onChange={(e) => onChange({ ...value, jobId: e.target.value })}
          options={(jobs.data?.data ?? []).map((j) => ({
            value: String(j.id),
            label: `${j.name} (${j.gpuCount} GPU${j.gpuCount === 1 ? '' : 's'})`,
          }))}
        />
      )}
    </div>
  );
}

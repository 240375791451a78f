'use client';

import { useMutation, useQueryClient } from '@tanstack/react-query';
import { Plus } from 'lucide-react';
import { useRouter } from 'next/navigation';
import { type FormEvent, useState } from 'react';
import { TenantSelect } from '@/components/tenants/tenant-select';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Checkbox } from '@/components/ui/checkbox';
import {
  Dialog,
  DialogActions,
  DialogContent,
  DialogDescription,
  DialogHeader,
  DialogTitle,
  DialogTrigger,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { invalidateWorkloads } from '@/lib/api-client/invalidate';
import { createJob } from '@/lib/api-client/workloads';
import { fieldErrors } from './api-errors';
import { type JobFormValues, toJobBody } from './job-form';

const NUMBER_FIELDS: {
  name: string;
  label: string;
  required?: boolean;
  step?: string;
  placeholder?: string;
}[] = [
  { name: 'gpuCount', label: 'GPUs needed', required: true, step: '1' },
  { name: 'expectedHours', label: 'Expected hours', required: true, step: 'any' },
  { name: 'priceUsdPerGpuHour', label: 'Price ($/GPU-h)', required: true, step: 'any' },
  { name: 'minGpuMemoryGb', label: 'Min GPU memory (GB)', step: 'any' },
  { name: 'priority', label: 'Priority', step: '1', placeholder: '0' },
];

/** Queues an AI job with the contract's fields; opens the job page once created. */
export function CreateJobDialog() {
  const queryClient = useQueryClient();
  const router = useRouter();
  const [open, setOpen] = useState(false);
  const [preemptible, setPreemptible] = useState(false);
  const [local, setLocal] = useState<Record<string, string>>({});
  const mutation = useMutation({
    mutationFn: createJob,
    onSuccess: (job) => {
      void invalidateWorkloads(queryClient);
      setOpen(false);
      router.push(`/workloads/jobs/${job.id}`);
    },
  });
  const server = fieldErrors(mutation.error);
  const errorFor = (name: string) => local[name] ?? server.get(name);

  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = new FormData(event.currentTarget);
    const values: JobFormValues = {};
    for (const [k, v] of form.entries()) values[k] = String(v);
    for (const flag of ['preemptible', 'multiNode', 'needsFirmPower']) values[flag] = form.get(flag) === 'on';
    const parsed = toJobBody(values);
    if (!parsed.ok) return setLocal(parsed.errors);
    setLocal({});
    mutation.mutate(parsed.body);
  };

  return (
    <Dialog
      open={open}
      onOpenChange={(next) => {
        setOpen(next);
        if (!next) mutation.reset();
      }}
    >
      <DialogTrigger asChild>
        <Button data-testid="create-job">
          <Plus aria-hidden />
          New job
        </Button>
      </DialogTrigger>
      <DialogContent className="max-w-2xl">
        <form onSubmit={onSubmit} className="grid gap-4" aria-label="Create AI job" noValidate>
          <DialogHeader>
            <DialogTitle>Queue an AI job</DialogTitle>
            <DialogDescription>
              It waits in the queue until it is assigned to GPU servers (Assignment board or the allocation
              engine).
            </DialogDescription>
          </DialogHeader>
          {mutation.error && server.size === 0 && (
            <Alert variant="destructive" title="Could not create the job">
              {mutation.error.message}
            </Alert>
          )}
          <FormField id="job-name" label="Name" required error={errorFor('name')}>
            <Input name="name" maxLength={200} autoComplete="off" />
          </FormField>
          <div className="grid grid-cols-2 gap-3 sm:grid-cols-3">
            {NUMBER_FIELDS.map((f) => (
              <FormField
                key={f.name}
                id={`job-${f.name}`}
                label={f.label}
                required={f.required}
                error={errorFor(f.name)}
              >
                <Input name={f.name} type="number" min={0} step={f.step} placeholder={f.placeholder} />
              </FormField>
            ))}
            <FormField id="job-tenantId" label="Customer tenant" error={errorFor('tenantId')}>
              <TenantSelect name="tenantId" defaultValue="" noneLabel="None" />
            </FormField>
            <FormField id="job-gpuModel" label="GPU model" error={errorFor('gpuModel')}>
              <Input name="gpuModel" placeholder="any (e.g. H100)" maxLength={64} />
            </FormField>
            <FormField id="job-deadline" label="Deadline" error={errorFor('deadline')}>
              <Input name="deadline" type="datetime-local" />
            </FormField>
            {preemptible && (
              <FormField
                id="job-checkpoint"
                label="Checkpoint every (min)"
                error={errorFor('checkpointIntervalMin')}
              >
                <Input name="checkpointIntervalMin" type="number" min={1} step="1" />
              </FormField>
            )}
          </div>
          <div className="flex flex-wrap gap-x-6 gap-y-2 text-sm">
            <label htmlFor="job-preemptible" className="flex items-center gap-2">
              <Checkbox
                id="job-preemptible"
                name="preemptible"
                checked={preemptible}
                onChange={(e) => setPreemptible(e.target.checked)}
              />
              Preemptible
            </label>
            <label htmlFor="job-multiNode" className="flex items-center gap-2">
              <Checkbox id="job-multiNode" name="multiNode" />
              Multi-node allowed
            </label>
            <label htmlFor="job-needsFirmPower" className="flex items-center gap-2">
              <Checkbox id="job-needsFirmPower" name="needsFirmPower" defaultChecked />
              Needs firm power
            </label>
          </div>
          <DialogActions
            onCancel={() => setOpen(false)}
            pending={mutation.isPending}
            label="Queue job"
            pendingLabel="Queuing…"
            testId="create-job-submit"
          />
        </form>
      </DialogContent>
    </Dialog>
  );
}

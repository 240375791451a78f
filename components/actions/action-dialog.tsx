'use client';

import { useQuery } from '@tanstack/react-query';
import { type FormEvent, useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import {
  Dialog,
  DialogContent,
  DialogDescription,
  DialogFooter,
  DialogHeader,
  DialogTitle,
} from '@/components/ui/dialog';
import { FormField } from '@/components/ui/form-field';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import type { ActionBody, ActionName } from '@/lib/api-client/actions';
import { poolsQuery } from '@/lib/api-client/workloads';
import { formatNumber } from '@/lib/format';
import { ACTION_LABELS } from './action-labels';

export type ActionDialogProps = {
  action: ActionName | null;
  /** What is acted on, e.g. "miner-17" or "42 devices matching the filter". */
  subject: string;
  /** Devices reached: shown in the confirmation; bulk when more than one. */
  count: number;
  simulated?: boolean;
  error?: string | null;
  pending?: boolean;
  onOpenChange: (open: boolean) => void;
  onConfirm: (body: ActionBody & { batchSize: number; intervalS: number }) => void;
};

/** Confirms one action (with its pool or power target), and for bulk its stagger. */
export function ActionDialog(props: ActionDialogProps) {
  const { action, count } = props;
  const pools = useQuery({ ...poolsQuery(), enabled: action === 'switchPool' });
  const [batchSize, setBatchSize] = useState('50');
  const [intervalS, setIntervalS] = useState('30');
  const onSubmit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!action) return;
    const form = new FormData(event.currentTarget);
    const body: ActionBody & { batchSize: number; intervalS: number } = {
      action,
      batchSize: Number(batchSize) || 50,
      intervalS: Number(intervalS) || 0,
    };
    if (action === 'switchPool') body.poolId = Number(form.get('poolId'));
    if (action === 'setPowerTarget') body.powerTargetW = Number(form.get('powerTargetW'));
    props.onConfirm(body);
  };
  const bulk = count > 1;
  return (
    <Dialog open={action !== null} onOpenChange={props.onOpenChange}>
      <DialogContent>
        {action && (
          <form onSubmit={onSubmit} className="grid gap-4" aria-label={ACTION_LABELS[action]}>
            <DialogHeader>
              <DialogTitle>
                {ACTION_LABELS[action]}: {formatNumber(count)} {count === 1 ? 'device' : 'devices'}
              </DialogTitle>
              <DialogDescription>
                {props.subject}. The action is sent, then confirmed when the device's next telemetry shows the
                change{props.simulated ? ' (simulated device: the built-in simulator obeys it)' : ''}.
              </DialogDescription>
            </DialogHeader>
            {props.error && (
              <Alert variant="destructive" title="Could not request the action">
                {props.error}
              </Alert>
            )}
            {action === 'switchPool' && (
              <FormField id="action-pool" label="Pool profile" required>
                <Select
                  name="poolId"
                  placeholder="Choose a pool"
                  options={(pools.data ?? []).map((p) => ({ value: String(p.id), label: p.name }))}
                />
              </FormField>
            )}
            {action === 'setPowerTarget' && (
              <FormField id="action-power" label="Power target (W)" required>
                <Input name="powerTargetW" type="number" min={1} step={1} inputMode="numeric" />
              </FormField>
            )}
            {bulk && (
              <div className="grid grid-cols-2 gap-3">
                <FormField id="action-batch-size" label="Devices per wave">
                  <Input
                    type="number"
                    min={1}
                    max={1000}
                    value={batchSize}
                    onChange={(e) => setBatchSize(e.target.value)}
                  />
                </FormField>
                <FormField id="action-interval" label="Seconds between waves">
                  <Input
                    type="number"
                    min={0}
                    max={3600}
                    value={intervalS}
                    onChange={(e) => setIntervalS(e.target.value)}
                  />
                </FormField>
              </div>
            )}
            <DialogFooter>
              <Button variant="outline" onClick={() => props.onOpenChange(false)}>
                Cancel
              </Button>
              <Button type="submit" disabled={props.pending} data-testid="action-confirm">
                {ACTION_LABELS[action]} {formatNumber(count)} {count === 1 ? 'device' : 'devices'}
              </Button>
            </DialogFooter>
          </form>
        )}
      </DialogContent>
    </Dialog>
  );
}

'use client';
import { useMutation } from '@tanstack/react-query';
import { useState } from 'react';
import { Alert } from '@/components/ui/alert';
import { Button } from '@/components/ui/button';
import { Card } from '@/components/ui/card';
import { Checkbox } from '@/components/ui/checkbox';
import { Input } from '@/components/ui/input';
import { Label } from '@/components/ui/label';
import { Select } from '@/components/ui/select';
import type { BacktestPolicy } from '@/lib/allocation/backtest/replay';
import { type BacktestBody, startBacktest, uploadBacktestCsv } from '@/lib/api-client/backtests';
import { ApiError } from '@/lib/api-client/fetch';

type Source = { kind: 'builtin' } | { kind: 'upload'; id: number; name: string };

function errorText(error: unknown): string {
  if (error instanceof ApiError) {
    const issues = (error.details as { issues?: { line: number; message: string }[] } | undefined)?.issues;
    if (issues?.length)
      return `${error.message}: ${issues
        .slice(0, 5)
        .map((i) => (i.line ? `line ${i.line}: ${i.message}` : i.message))
        .join('; ')}`;
    return error.message;
  }
  return error instanceof Error ? error.message : String(error);
}

function UploadPicker({
  kind,
  label,
  builtinLabel,
  value,
  onChange,
}: {
  kind: 'electricity' | 'bitcoin';
  label: string;
  builtinLabel: string;
  value: Source;
  onChange: (s: Source) => void;
}) {
  const upload = useMutation({
    mutationFn: async (file: File) => uploadBacktestCsv(kind, file.name, await file.text()),
    onSuccess: (u) => onChange({ kind: 'upload', id: u.id, name: `${u.name} (${u.rowCount} rows)` }),
  });
  return (
    <div className="flex flex-col gap-1">
      <Label htmlFor={`bt-${kind}`}>{label}</Label>
      <Select
        id={`bt-${kind}`}
        value={value.kind}
        onChange={(e) => {
          if (e.target.value === 'builtin') onChange({ kind: 'builtin' });
        }}
        options={[
          { value: 'builtin', label: builtinLabel },
          ...(value.kind === 'upload' ? [{ value: 'upload', label: `Upload: ${value.name}` }] : []),
        ]}
      />
      <input
        type="file"
        accept=".csv,text/csv"
        aria-label={`Upload ${kind} CSV`}
        className="text-xs"
        onChange={(e) => {
          const file = e.target.files?.[0];
          if (file) upload.mutate(file);
        }}
      />
      {upload.isError && (
        <p className="text-xs text-destructive" role="alert">
          {errorText(upload.error)}
        </p>
      )}
    </div>
  );
}

/** The backtest form: window, policies (strike price and hold), sources; queues a run. */
export function BacktestForm({ onStarted }: { onStarted: (id: number) => void }) {
  const [from, setFrom] = useState('2024-01-01');
  const [to, setTo] = useState('2024-12-31');
  const [always, setAlways] = useState(true);
  const [strike, setStrike] = useState(true);
  const [strikePrice, setStrikePrice] = useState('80');
  const [holdH, setHoldH] = useState('2');
  const [ahead, setAhead] = useState(true);
  const [hourly, setHourly] = useState(true);
  const [switchCost, setSwitchCost] = useState('');
  const [electricity, setElectricity] = useState<Source>({ kind: 'builtin' });
  const [bitcoin, setBitcoin] = useState<Source>({ kind: 'builtin' });
  const start = useMutation({
    mutationFn: () => {
      const policies: BacktestPolicy[] = [];
      if (always) policies.push({ kind: 'always-mine' });
      if (strike)
        policies.push({ kind: 'strike', strikeUsdPerMwh: Number(strikePrice), minHoldH: Number(holdH) || 0 });
      if (ahead) policies.push({ kind: 'optimizer', lookahead: true });
      if (hourly) policies.push({ kind: 'optimizer', lookahead: false });
      const body: BacktestBody = {
        from: `${from}T00:00:00Z`,
        to: `${to}T00:00:00Z`,
        policies,
        electricity:
          electricity.kind === 'upload' ? { csvUploadId: electricity.id } : { builtin: 'se3-2023-2024' },
        bitcoin: bitcoin.kind === 'upload' ? { csvUploadId: bitcoin.id } : { builtin: 'btc-daily-2023-2024' },
        ...(switchCost !== '' && { constraints: { switchCostUsd: Number(switchCost) } }),
      };
      return startBacktest(body);
    },
    onSuccess: ({ id }) => onStarted(id),
  });
  return (
    <Card className="p-4">
      <form
        className="flex flex-col gap-4"
        data-testid="backtest-form"
        onSubmit={(e) => {
          e.preventDefault();
          start.mutate();
        }}
      >
        <div className="grid grid-cols-2 gap-3 md:grid-cols-4">
          <div className="flex flex-col gap-1">
            <Label htmlFor="bt-from">From (UTC)</Label>
            <Input id="bt-from" type="date" value={from} onChange={(e) => setFrom(e.target.value)} required />
          </div>
          <div className="flex flex-col gap-1">
            <Label htmlFor="bt-to">To (UTC, exclusive)</Label>
            <Input id="bt-to" type="date" value={to} onChange={(e) => setTo(e.target.value)} required />
          </div>
          <UploadPicker
            kind="electricity"
            label="Electricity $/MWh"
            builtinLabel="SE3 day-ahead 2023–2024 (built in)"
            value={electricity}
            onChange={setElectricity}
          />
          <UploadPicker
            kind="bitcoin"
            label="BTC price, difficulty, fees"
            builtinLabel="BTC daily 2023–2024 (built in)"
            value={bitcoin}
            onChange={setBitcoin}
          />
        </div>
        <fieldset className="flex flex-wrap items-center gap-x-6 gap-y-2">
          <legend className="mb-1 text-sm font-medium">Policies</legend>
          <span className="flex items-center gap-2 text-sm">
            <Checkbox id="bt-policy-always" checked={always} onChange={(e) => setAlways(e.target.checked)} />
            <Label htmlFor="bt-policy-always">Always mine</Label>
          </span>
          <span className="flex items-center gap-2 text-sm">
            <Checkbox id="bt-policy-strike" checked={strike} onChange={(e) => setStrike(e.target.checked)} />
            <Label htmlFor="bt-policy-strike">Curtail above strike</Label>
          </span>
          <span className="flex items-center gap-2 text-sm">
            <Label htmlFor="bt-strike">Strike $/MWh</Label>
            <Input
              id="bt-strike"
              className="w-24"
              type="number"
              step="any"
              value={strikePrice}
              onChange={(e) => setStrikePrice(e.target.value)}
            />
            <Label htmlFor="bt-hold">min hold h</Label>
            <Input
              id="bt-hold"
              className="w-20"
              type="number"
              min={0}
              max={168}
              value={holdH}
              onChange={(e) => setHoldH(e.target.value)}
            />
          </span>
          <span className="flex items-center gap-2 text-sm">
            <Checkbox id="bt-policy-ahead" checked={ahead} onChange={(e) => setAhead(e.target.checked)} />
            <Label htmlFor="bt-policy-ahead">Optimizer with day-ahead look-ahead</Label>
          </span>
          <span className="flex items-center gap-2 text-sm">
            <Checkbox id="bt-policy-hourly" checked={hourly} onChange={(e) => setHourly(e.target.checked)} />
            <Label htmlFor="bt-policy-hourly">Optimizer hour by hour</Label>
          </span>
          <span className="flex items-center gap-2 text-sm">
            <Label htmlFor="bt-switch">Switch cost $</Label>
            <Input
              id="bt-switch"
              className="w-24"
              type="number"
              min={0}
              step="any"
              placeholder="default"
              value={switchCost}
              onChange={(e) => setSwitchCost(e.target.value)}
            />
          </span>
        </fieldset>
        <div className="flex items-center gap-3">
          <Button type="submit" disabled={start.isPending || !(always || strike || ahead || hourly)}>
            Run backtest
          </Button>
          <span className="text-xs text-muted-foreground">
            Replays your current inventory hour by hour; AI revenue is GPU rental at today&apos;s rates.
          </span>
        </div>
        {start.isError && (
          <Alert variant="destructive" title="Could not start the backtest">
            {errorText(start.error)}
          </Alert>
        )}
      </form>
    </Card>
  );
}

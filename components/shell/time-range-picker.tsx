'use client';

import { CalendarRange } from 'lucide-react';
import { useQueryStates } from 'nuqs';
import { type FormEvent, useState } from 'react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { SegmentedControl } from '@/components/ui/segmented-control';
import { cn } from '@/lib/cn';
import { RANGE_PRESETS, type RangeOption, type RangePreset, type ResolvedTimeRange } from '@/lib/time/range';
import { PRESET_LABELS, resolveTimeRange, type TimeRangeParams, timeRangeParsers } from './time-range';

export interface TimeRangePickerProps {
  /**
   * true (default): only client components re-render (react-query containers refetch).
   * false: the server page re-runs too, for pages that read the range server-side.
   */
  shallow?: boolean;
  presets?: readonly RangePreset[];
  allowCustom?: boolean;
  className?: string;
}

/** The URL time range as concrete ms bounds, for client containers' query keys. */
export function useTimeRange(): { range: ResolvedTimeRange; params: TimeRangeParams } {
  const [params] = useQueryStates(timeRangeParsers);
  return { range: resolveTimeRange(params, Date.now()), params };
}

// <input type="datetime-local"> speaks the browser's local wall-clock time without a zone.
function toLocalInput(ms: number): string {
  const date = new Date(ms);
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${date.getFullYear()}-${pad(date.getMonth() + 1)}-${pad(date.getDate())}T${pad(date.getHours())}:${pad(date.getMinutes())}`;
}

export function TimeRangePicker({
  shallow = true,
  presets = RANGE_PRESETS,
  allowCustom = true,
  className,
}: TimeRangePickerProps) {
  const [params, setParams] = useQueryStates(timeRangeParsers, { shallow });
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState({ from: '', to: '' });
  const [error, setError] = useState<string | null>(null);
  const showCustom = allowCustom && (editing || params.range === 'custom');

  const options = [
    ...presets.map((preset) => ({
      value: preset as RangeOption,
      label: preset,
      title: PRESET_LABELS[preset],
    })),
    ...(allowCustom
      ? [
          {
            value: 'custom' as const,
            label: <CalendarRange aria-hidden className="size-3.5" />,
            title: 'Custom range',
          },
        ]
      : []),
  ];

  const onSelect = (value: RangeOption) => {
    setError(null);
    if (value !== 'custom') {
      setEditing(false);
      void setParams({ range: value, from: null, to: null });
      return;
    }
    const current = resolveTimeRange(params, Date.now());
    setDraft({ from: toLocalInput(current.from), to: toLocalInput(current.to) });
    setEditing(true);
  };

  const onApply = (event: FormEvent) => {
    event.preventDefault();
    const from = new Date(draft.from);
    const to = new Date(draft.to);
    if (Number.isNaN(from.getTime()) || Number.isNaN(to.getTime())) return setError('Enter both dates.');
    if (from >= to) return setError('“From” must be before “to”.');
    setError(null);
    setEditing(false);
    void setParams({ range: 'custom', from, to });
  };

  const fromValue = draft.from || (params.from ? toLocalInput(params.from.getTime()) : '');
  const toValue = draft.to || (params.to ? toLocalInput(params.to.getTime()) : '');

  return (
    <div className={cn('flex flex-wrap items-center gap-2', className)}>
      <SegmentedControl
        label="Time range"
        size="sm"
        value={editing ? 'custom' : params.range}
        onValueChange={onSelect}
        options={options}
      />
      {showCustom && (
        <form
          onSubmit={onApply}
          className="flex flex-wrap items-center gap-1.5"
          aria-label="Custom time range"
        >
          <Input
            type="datetime-local"
            aria-label="From (local time)"
            value={fromValue}
            onChange={(event) => setDraft({ from: event.target.value, to: toValue })}
            className="h-7 w-auto text-xs"
          />
          <span className="text-muted-foreground text-xs">to</span>
          <Input
            type="datetime-local"
            aria-label="To (local time)"
            value={toValue}
            onChange={(event) => setDraft({ from: fromValue, to: event.target.value })}
            className="h-7 w-auto text-xs"
          />
          <Button type="submit" size="sm" variant="secondary">
            Apply
          </Button>
          {error && (
            <span role="alert" className="text-destructive text-xs">
              {error}
            </span>
          )}
        </form>
      )}
    </div>
  );
}

'use client';

import { Plus, Trash2 } from 'lucide-react';
import { Button } from '@/components/ui/button';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { cn } from '@/lib/cn';
import type { BandForm } from './contract-form';

const DAYS = ['Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];
const HOURS_FROM = Array.from({ length: 24 }, (_, h) => ({
  value: String(h),
  label: `${String(h).padStart(2, '0')}:00`,
}));
const HOURS_TO = Array.from({ length: 24 }, (_, h) => ({
  value: String(h + 1),
  label: `${String(h + 1).padStart(2, '0')}:00`,
}));

export interface TouScheduleEditorProps {
  bands: BandForm[];
  onChange: (bands: BandForm[]) => void;
  errors: Record<string, string>;
  /** Coverage problems ("Tue 18:00–24:00 has no price"). */
  coverage: string[];
  timeZone: string;
  disabled?: boolean;
}

/** Weekday × hour bands in the site's zone; every hour of the week must be covered exactly once. */
export function TouScheduleEditor({
  bands,
  onChange,
  errors,
  coverage,
  timeZone,
  disabled,
}: TouScheduleEditorProps) {
  const update = (index: number, patch: Partial<BandForm>) =>
    onChange(bands.map((b, i) => (i === index ? { ...b, ...patch } : b)));
  return (
    <fieldset className="flex flex-col gap-2" disabled={disabled}>
      <legend className="mb-1 font-medium text-xs">Time-of-use bands ({timeZone} local time)</legend>
      {bands.map((band, i) => (
        <div
          // biome-ignore lint/suspicious/noArrayIndexKey: bands have no identity beyond their position
          key={i}
          data-testid="tou-band"
          className="flex flex-wrap items-center gap-2 rounded-md border px-2 py-1.5"
        >
          <span className="w-5 text-muted-foreground text-xs">{i + 1}</span>
          <fieldset className="flex gap-0.5">
            <legend className="sr-only">Band {i + 1} weekdays</legend>
            {DAYS.map((name, d) => {
              const day = d + 1;
              const on = band.days.includes(day);
              return (
                <button
                  key={name}
                  type="button"
                  aria-pressed={on}
                  onClick={() =>
                    update(i, {
                      days: on
                        ? band.days.filter((x) => x !== day)
                        : [...band.days, day].sort((a, b) => a - b),
                    })
                  }
                  className={cn(
                    'h-7 rounded-sm border px-1.5 text-xs transition-colors',
                    on
                      ? 'border-primary bg-primary/12 text-primary'
                      : 'text-muted-foreground hover:bg-accent',
                  )}
                >
                  {name}
                </button>
              );
            })}
          </fieldset>
          <Select
            aria-label={`Band ${i + 1} from`}
            className="w-24"
            value={String(band.fromHour)}
            options={HOURS_FROM}
            onChange={(e) => update(i, { fromHour: Number(e.target.value) })}
          />
          <span className="text-muted-foreground text-xs">to</span>
          <Select
            aria-label={`Band ${i + 1} to`}
            className="w-24"
            value={String(band.toHour)}
            options={HOURS_TO}
            onChange={(e) => update(i, { toHour: Number(e.target.value) })}
          />
          <Input
            aria-label={`Band ${i + 1} price $/MWh`}
            inputMode="decimal"
            className="w-24 text-right"
            value={band.price}
            aria-invalid={errors[`touSchedule.${i}.priceUsdPerMwh`] ? true : undefined}
            onChange={(e) => update(i, { price: e.target.value })}
          />
          <span className="text-muted-foreground text-xs">$/MWh</span>
          <Button
            variant="ghost"
            size="icon-sm"
            aria-label={`Remove band ${i + 1}`}
            onClick={() => onChange(bands.filter((_, j) => j !== i))}
          >
            <Trash2 aria-hidden />
          </Button>
          {['days', 'toHour', 'priceUsdPerMwh'].map((f) =>
            errors[`touSchedule.${i}.${f}`] ? (
              <span key={f} className="w-full text-destructive text-xs">
                {errors[`touSchedule.${i}.${f}`]}
              </span>
            ) : null,
          )}
        </div>
      ))}
      <div>
        <Button
          variant="outline"
          size="sm"
          onClick={() =>
            onChange([...bands, { days: [1, 2, 3, 4, 5, 6, 7], fromHour: 0, toHour: 24, price: '50' }])
          }
        >
          <Plus aria-hidden /> Add band
        </Button>
      </div>
      {coverage.length > 0 && (
        <ul role="alert" className="list-disc pl-5 text-destructive text-xs">
          {coverage.slice(0, 8).map((m) => (
            <li key={m}>{m}</li>
          ))}
          {coverage.length > 8 && <li>…and {coverage.length - 8} more</li>}
        </ul>
      )}
    </fieldset>
  );
}

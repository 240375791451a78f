'use client';

import { useQuery } from '@tanstack/react-query';
import { Search, X } from 'lucide-react';
import { useEffect, useState } from 'react';
import { classLabel } from '@/components/fleet/class-breakdown';
import { Button } from '@/components/ui/button';
import { DEVICE_STATUS_META, DEVICE_STATUSES, type DeviceStatus } from '@/components/ui/device-status';
import { Input } from '@/components/ui/input';
import { Select } from '@/components/ui/select';
import { sitesListQuery } from '@/lib/api-client/sites';
import type { DeviceClass } from '@/lib/api-client/types';
import { cn } from '@/lib/cn';

const CLASSES: readonly DeviceClass[] = ['asic', 'micro', 'gpu'];
const SEARCH_DEBOUNCE_MS = 300;

export interface DeviceFilterValues {
  q: string;
  site: number | null;
  class: DeviceClass[];
  status: DeviceStatus[];
}

export interface DeviceFiltersProps {
  values: DeviceFilterValues;
  onChange: (patch: Partial<DeviceFilterValues>) => void;
  onReset: () => void;
  active: boolean;
}

function toggle<T>(list: readonly T[], value: T): T[] {
  return list.includes(value) ? list.filter((item) => item !== value) : [...list, value];
}

const chipClassName =
  'inline-flex h-7 items-center gap-1.5 rounded-md border px-2 text-xs transition-colors hover:bg-accent focus-visible:outline-none focus-visible:ring-2 focus-visible:ring-ring aria-pressed:border-primary/50 aria-pressed:bg-primary/10 aria-pressed:text-foreground text-muted-foreground';

/** Search, site, class and status filters; every change goes to the URL through `onChange`. */
export function DeviceFilters({ values, onChange, onReset, active }: DeviceFiltersProps) {
  const sites = useQuery(sitesListQuery());
  const [search, setSearch] = useState(values.q);

  // The URL may change from outside (reset, back button): follow it.
  useEffect(() => setSearch(values.q), [values.q]);
  useEffect(() => {
    if (search.trim() === values.q.trim()) return;
    const timer = window.setTimeout(() => onChange({ q: search.trim() }), SEARCH_DEBOUNCE_MS);
    return () => window.clearTimeout(timer);
  }, [search, values.q, onChange]);

  return (
    <div className="flex flex-wrap items-center gap-2" data-testid="device-filters">
      <div className="relative w-full sm:w-72">
        <Search
          aria-hidden
          className="-translate-y-1/2 pointer-events-none absolute top-1/2 left-2.5 size-4 text-muted-foreground"
        />
        <Input
          type="search"
          aria-label="Search name, serial, host or MAC"
          placeholder="Search name, serial, host…"
          value={search}
          onChange={(event) => setSearch(event.target.value)}
          className="pl-8"
        />
      </div>
      <Select
        aria-label="Site"
        className="w-48"
        placeholder="All sites"
        value={values.site ?? ''}
        onChange={(event) => onChange({ site: event.target.value ? Number(event.target.value) : null })}
        options={(sites.data ?? []).map((site) => ({ value: String(site.id), label: site.name }))}
      />
      <fieldset className="flex items-center gap-1">
        <legend className="sr-only">Device class</legend>
        {CLASSES.map((deviceClass) => (
          <button
            key={deviceClass}
            type="button"
            aria-pressed={values.class.includes(deviceClass)}
            onClick={() => onChange({ class: toggle(values.class, deviceClass) })}
            className={chipClassName}
          >
            {classLabel(deviceClass)}
          </button>
        ))}
      </fieldset>
      <fieldset className="flex flex-wrap items-center gap-1">
        <legend className="sr-only">Status</legend>
        {DEVICE_STATUSES.map((status) => (
          <button
            key={status}
            type="button"
            aria-pressed={values.status.includes(status)}
            onClick={() => onChange({ status: toggle(values.status, status) })}
            className={chipClassName}
          >
            <span
              aria-hidden
              className={cn('size-2 rounded-full', DEVICE_STATUS_META[status].dotClassName)}
            />
            {DEVICE_STATUS_META[status].label}
          </button>
        ))}
      </fieldset>
      {active && (
        <Button variant="ghost" size="sm" onClick={onReset}>
          <X aria-hidden />
          Clear filters
        </Button>
      )}
    </div>
  );
}

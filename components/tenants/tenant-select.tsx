'use client';

import { useQuery } from '@tanstack/react-query';
import type { ComponentProps } from 'react';
import { Select } from '@/components/ui/select';
import { tenantsQuery } from '@/lib/api-client/tenants';

type Props = Omit<ComponentProps<'select'>, 'children'> & {
  /** Text of the empty choice ("No tenant", "All tenants"); its value is ''. */
  noneLabel: string;
};

/**
 * Picks a tenant by name; the value is the tenant id as text ('' = none). Used wherever a tenant
 * used to be typed as a number. Until the list loads it offers the current value only.
 */
export function TenantSelect({ noneLabel, ...props }: Props) {
  const tenants = useQuery(tenantsQuery());
  const current = String(props.value ?? props.defaultValue ?? '');
  const known = tenants.data?.some((t) => String(t.id) === current);
  return (
    <Select {...props} key={tenants.data ? 'loaded' : 'loading'}>
      <option value="">{noneLabel}</option>
      {tenants.data?.map((t) => (
        <option key={t.id} value={String(t.id)}>
          {t.name}
        </option>
      ))}
      {current !== '' && !known && <option value={current}>{`Tenant #${current}`}</option>}
    </Select>
  );
}

/** A form field's text as a tenant id (null = none). */
export function tenantIdOf(value: FormDataEntryValue | null): number | null {
  const text = String(value ?? '').trim();
  return text === '' ? null : Number(text);
}

/** A tenant's name for a table cell (— for none; #id until the list loads or for an unknown id). */
export function TenantName({ id }: { id: number | null }) {
  const tenants = useQuery(tenantsQuery());
  if (id === null) return <>—</>;
  return <>{tenants.data?.find((t) => t.id === id)?.name ?? `#${id}`}</>;
}

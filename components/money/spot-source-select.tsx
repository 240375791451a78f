import { Select } from '@/components/ui/select';
import { spotSourceOptions } from '@/lib/market/electricity/spot-source';

const SOURCES = spotSourceOptions();
const GROUPS = [...new Set(SOURCES.map((s) => s.group))];

/** Every spot price source grouped by provider; an unknown stored value stays selectable as-is. */
export function SpotSourceSelect({
  value,
  onChange,
  id,
  ...rest
}: {
  value: string;
  onChange: (value: string) => void;
  id?: string;
  'aria-invalid'?: boolean;
  'aria-describedby'?: string;
}) {
  const known = SOURCES.some((s) => s.value === value);
  return (
    <Select id={id} value={value} onChange={(e) => onChange(e.target.value)} placeholder="Choose…" {...rest}>
      {!known && value && <option value={value}>{value}</option>}
      {GROUPS.map((group) => (
        <optgroup key={group} label={group}>
          {SOURCES.filter((s) => s.group === group).map((s) => (
            <option key={s.value} value={s.value}>
              {s.label}
            </option>
          ))}
        </optgroup>
      ))}
    </Select>
  );
}

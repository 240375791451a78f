import { formatNumber, formatSi } from '@/lib/format';

/** A probability for people: ≥ 1 % as a percentage, below that as "1 in N" (lottery odds are tiny). */
export function formatOdds(p: number | null | undefined): string {
  if (p === null || p === undefined || !Number.isFinite(p) || p <= 0) return '—';
  if (p >= 0.01) return `${formatNumber(p * 100, p >= 0.1 ? 0 : 1)} %`;
  const n = 1 / p;
  return n < 1e6 ? `1 in ${formatNumber(n)}` : `1 in ${formatSi(n, { decimals: 1 })}`;
}

export function formatYears(years: number): string {
  if (!Number.isFinite(years)) return 'never';
  if (years < 1) return `${formatNumber(years * 365.25)} days`;
  return years < 1e6 ? `${formatNumber(years)} years` : `${formatSi(years, { decimals: 1 })} years`;
}

import { z } from 'zod';
import { recordAudit } from '../../audit/record';
import { type Actor, requireStaff } from '../../auth/actor';
import { withRawTransaction } from '../../db/raw';
import { invalidCsv } from '../../errors';
import { isValidTimeZone } from '../../time/zone';
import { effectiveEurUsd, readMarketSettings } from '../settings/market-settings';
import { storeEnergyPrices } from '../store';
import { parsePriceCsv } from './price-csv';
import { getSiteContract } from './site-price';
import { parseSpotSource } from './spot-source';

/** `POST /api/v1/sites/{id}/prices/import?timeZone&currency&stepMinutes`. */
export const PriceImportQuery = z.strictObject({
  timeZone: z.string().refine(isValidTimeZone, 'unknown IANA time zone').optional(),
  currency: z
    .string()
    .regex(/^[A-Za-z]{3}$/, 'must be a 3-letter currency code')
    .optional(),
  stepMinutes: z.coerce
    .number()
    .pipe(z.union([z.literal(15), z.literal(30), z.literal(60)]))
    .optional(),
});

export type PriceImportOptions = {
  /** Zone of timestamps without an offset; defaults to the site's zone. */
  timeZone?: string;
  /** Currency when the file has no currency column or suffix; defaults to USD. */
  currency?: string;
  /** Interval length; hourly unless given. */
  stepMinutes?: 15 | 30 | 60;
};

export type PriceImportResult = {
  imported: number;
  rowCount: number;
  from: string;
  to: string;
  /** True when the site's spot source is the uploaded series, so these prices are used. */
  inUse: boolean;
  warning: string | null;
};

/**
 * Hourly (or 15/30-min) prices for one site from CSV, all-or-nothing: gaps, duplicates, DST anomalies,
 * bad numbers and unknown currencies come back as a per-row report (422) and nothing is stored.
 */
export async function importSitePriceCsv(
  actor: Actor,
  siteId: number,
  text: string,
  options: PriceImportOptions,
  now: number,
): Promise<PriceImportResult> {
  requireStaff(actor, 'operator');
  const site = await getSiteContract(actor, siteId);
  const settings = await readMarketSettings();
  const parsed = parsePriceCsv(text, {
    timeZone: options.timeZone ?? site.timezone,
    defaultCurrency: options.currency,
    fxUsdPer: { EUR: effectiveEurUsd(settings) },
    stepMs: (options.stepMinutes ?? 60) * 60_000,
    location: 'upload',
  });
  if (!parsed.ok) {
    const count = parsed.issues.length;
    throw invalidCsv(
      `The file has ${count}${parsed.truncated ? '+' : ''} problem(s); nothing was stored`,
      parsed.issues,
      { rowCount: parsed.rowCount, truncated: parsed.truncated },
    );
  }
  await withRawTransaction((client) => storeEnergyPrices(siteId, parsed.points, now, client));
  const source = site.contractKind === 'spot' ? parseSpotSource(site.spotSource) : null;
  const inUse = Boolean(source?.ok && source.source.kind === 'csv');
  const first = parsed.points[0]!;
  const last = parsed.points.at(-1)!;
  await recordAudit(actor, 'site.prices.import', `site:${siteId}`, {
    rows: parsed.points.length,
    from: new Date(first.intervalStart).toISOString(),
    to: new Date(last.intervalEnd).toISOString(),
  });
  return {
    imported: parsed.points.length,
    rowCount: parsed.rowCount,
    from: new Date(first.intervalStart).toISOString(),
    to: new Date(last.intervalEnd).toISOString(),
    inUse,
    warning: inUse
      ? null
      : 'Stored, but this site does not use uploaded prices: set its spot source to "Uploaded hourly prices (CSV)" to use them. Until then, the next refresh of its current source may overwrite overlapping hours.',
  };
}

import { z } from 'zod';
import { isValidTimeZone, localParts } from '../../time/zone';
import type { ElectricityPoint } from '../types';

/**
 * Time-of-use tariffs: price bands by ISO weekday (1 = Monday) and local hour [fromHour, toHour) in the
 * site's IANA time zone. Evaluated on local wall time, so a band follows the clock across DST changes
 * (the skipped spring hour simply never occurs; the repeated autumn hour is charged twice).
 */
export const TouBandSchema = z
  .object({
    days: z.array(z.number().int().min(1).max(7)).min(1),
    fromHour: z.number().int().min(0).max(23),
    toHour: z.number().int().min(1).max(24),
    priceUsdPerMwh: z.number().finite().min(-10_000).max(50_000),
  })
  .refine((b) => b.fromHour < b.toHour, {
    message: 'fromHour must be before toHour; split a band that crosses midnight into two',
  });
export const TouScheduleSchema = z.array(TouBandSchema).min(1);

export type TouBand = z.infer<typeof TouBandSchema>;
export type TouSchedule = TouBand[];

export type TouCoverageIssue =
  | { kind: 'gap'; day: number; fromHour: number; toHour: number }
  | { kind: 'overlap'; day: number; fromHour: number; toHour: number; bands: number[] };

export type TouValidation = { ok: true } | { ok: false; issues: TouCoverageIssue[]; messages: string[] };

const DAY_NAMES = ['', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat', 'Sun'];

/** Every hour of the week must be covered by exactly one band; gaps and overlaps are reported as hour runs. */
export function validateTouSchedule(schedule: TouSchedule): TouValidation {
  const issues: TouCoverageIssue[] = [];
  for (let day = 1; day <= 7; day++) {
    const owners: number[][] = Array.from({ length: 24 }, () => []);
    schedule.forEach((band, i) => {
      if (!band.days.includes(day)) return;
      for (let h = band.fromHour; h < band.toHour; h++) owners[h]!.push(i);
    });
    let h = 0;
    while (h < 24) {
      const key = owners[h]!.join(',');
      let end = h + 1;
      while (end < 24 && owners[end]!.join(',') === key) end++;
      if (owners[h]!.length === 0) issues.push({ kind: 'gap', day, fromHour: h, toHour: end });
      else if (owners[h]!.length > 1)
        issues.push({ kind: 'overlap', day, fromHour: h, toHour: end, bands: owners[h]! });
      h = end;
    }
  }
  if (issues.length === 0) return { ok: true };
  const messages = issues.map((i) =>
    i.kind === 'gap'
      ? `${DAY_NAMES[i.day]} ${i.fromHour}:00–${i.toHour}:00 has no price`
      : `${DAY_NAMES[i.day]} ${i.fromHour}:00–${i.toHour}:00 is covered by bands ${i.bands.map((b) => b + 1).join(' and ')}`,
  );
  return { ok: false, issues, messages };
}

/** Price at an instant, or null when no band covers that local hour (validate the schedule first). */
export function touPriceAt(schedule: TouSchedule, timeZone: string, tsMs: number): number | null {
  const local = localParts(tsMs, timeZone);
  const band = schedule.find(
    (b) => b.days.includes(local.isoWeekday) && local.hour >= b.fromHour && local.hour < b.toHour,
  );
  return band ? band.priceUsdPerMwh : null;
}

/**
 * Price intervals of `stepMs` from `fromMs` (inclusive) to `toMs` (exclusive), each priced at its start.
 * Use a step that divides an hour so intervals never straddle a band edge (zone offsets are whole quarter hours).
 */
export function touSeries(
  schedule: TouSchedule,
  timeZone: string,
  fromMs: number,
  toMs: number,
  stepMs = 3_600_000,
  location = 'site',
): ElectricityPoint[] {
  if (!isValidTimeZone(timeZone)) throw new RangeError(`unknown time zone ${timeZone}`);
  if (!(stepMs > 0)) throw new RangeError('stepMs must be positive');
  const points: ElectricityPoint[] = [];
  for (let t = fromMs; t < toMs; t += stepMs) {
    const price = touPriceAt(schedule, timeZone, t);
    if (price === null) continue;
    points.push({
      intervalStart: t,
      intervalEnd: t + stepMs,
      location,
      market: 'TIME_OF_USE',
      priceUsdPerMwh: price,
      originalPrice: price,
      currency: 'USD',
      provider: 'tou',
    });
  }
  return points;
}

/** A fixed contract price as a series, so every site contract looks the same to the economics code. */
export function fixedTariffSeries(
  priceUsdPerMwh: number,
  fromMs: number,
  toMs: number,
  stepMs = 3_600_000,
  location = 'site',
): ElectricityPoint[] {
  if (!(stepMs > 0)) throw new RangeError('stepMs must be positive');
  const points: ElectricityPoint[] = [];
  for (let t = fromMs; t < toMs; t += stepMs) {
    points.push({
      intervalStart: t,
      intervalEnd: t + stepMs,
      location,
      market: 'FIXED',
      priceUsdPerMwh,
      originalPrice: priceUsdPerMwh,
      currency: 'USD',
      provider: 'fixed',
    });
  }
  return points;
}

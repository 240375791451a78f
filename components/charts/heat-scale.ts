/** Number of steps in the sequential heat palette (--heat-1 … --heat-9 in app/globals.css). */
export const HEAT_STEPS = 9;

export interface SequentialDomain {
  min: number;
  max: number;
  /** High values are good (e.g. % of nominal hashrate): the hottest colour marks the lowest values. */
  reverse?: boolean;
}

/**
 * Bucket a value into 1…HEAT_STEPS over [min, max] (clamped). Null for a missing reading, which the grid
 * draws hatched so "no data" never looks like "cold".
 */
export function heatStep(value: number | null | undefined, domain: SequentialDomain): number | null {
  if (typeof value !== 'number' || !Number.isFinite(value)) return null;
  const { min, max, reverse = false } = domain;
  if (!(max > min)) return Math.ceil(HEAT_STEPS / 2);
  const t = Math.min(1, Math.max(0, (value - min) / (max - min)));
  const step = Math.min(HEAT_STEPS, Math.floor(t * HEAT_STEPS) + 1);
  return reverse ? HEAT_STEPS + 1 - step : step;
}

export function heatColor(step: number): string {
  return `var(--heat-${step})`;
}

export function heatForeground(step: number): string {
  return `var(--heat-fg-${step})`;
}

/** Lower bound of each step, for legends: [min, min + w, …] (HEAT_STEPS values). */
export function heatStepStarts(domain: SequentialDomain): number[] {
  const width = (domain.max - domain.min) / HEAT_STEPS;
  return Array.from({ length: HEAT_STEPS }, (_, index) => domain.min + index * width);
}

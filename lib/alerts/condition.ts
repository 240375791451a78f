import type { Metric, Op, Rule, Subject } from './types';

/** Metrics that a device curtailed, idle or in maintenance on purpose must not fire on. */
export const INTENT_SENSITIVE: ReadonlySet<Metric> = new Set([
  'hashratePctOfNominal',
  'lastSeenAgeS',
  'status',
]);

export function compare(op: Op, value: number | string, threshold: number | string): boolean {
  switch (op) {
    case '==':
      return value === threshold;
    case '!=':
      return value !== threshold;
  }
  if (typeof value !== 'number' || typeof threshold !== 'number') return false;
  switch (op) {
    case '>':
      return value > threshold;
    case '>=':
      return value >= threshold;
    case '<':
      return value < threshold;
    case '<=':
      return value <= threshold;
  }
}

function effective(rule: Rule, subject: Subject, threshold: number | string): number | string | null {
  if (rule.relativeTo !== 'modelMaxTempC') return threshold;
  if (subject.modelMaxTempC === null || typeof threshold !== 'number') return null;
  return subject.modelMaxTempC + threshold;
}

export type Reading = { value: number | string | null; holds: boolean; clears: boolean };

/**
 * Reads a rule on a subject. `holds`: the fire condition is true. `clears`: a firing condition
 * may resolve — the value is back past the clear threshold (hysteresis), or the device is now
 * curtailed/idle on purpose. Missing data neither holds nor clears: a sensor that stops
 * reporting does not resolve an alert.
 */
export function readRule(rule: Rule, subject: Subject): Reading {
  const value = subject.values[rule.metric] ?? null;
  if (subject.intentional && INTENT_SENSITIVE.has(rule.metric)) return { value, holds: false, clears: true };
  if (value === null) return { value, holds: false, clears: false };
  const fire = effective(rule, subject, rule.threshold);
  if (fire === null) return { value, holds: false, clears: false };
  const clearAt = effective(rule, subject, rule.clearThreshold ?? rule.threshold) ?? fire;
  return { value, holds: compare(rule.op, value, fire), clears: !compare(rule.op, value, clearAt) };
}

import type { CohortTerms } from './cohort-dp';
import type { MinerGroup, Model, SiteModel } from './prepare';

/** Per-group terms shared by the heuristic's passes. */

/** Identical devices of one group that follow the same on/off path. */
export type Cohort = { count: number; path: boolean[]; allowed: boolean[] };

export function minOption(g: MinerGroup): number {
  return g.options.reduce((a, b) => (g.kwByProfile[b]! < g.kwByProfile[a]! ? b : a));
}

export function bestValue(g: MinerGroup, t: number): number {
  return Math.max(...g.options.map((o) => g.marginByProfile[o]![t]!));
}

export function forcedOn(g: MinerGroup, t: number): boolean {
  return g.currentOn && (t < g.holdIntervals || g.noSwitchOff);
}

export function forcedOff(g: MinerGroup, t: number): boolean {
  return !g.currentOn && t < g.holdIntervals;
}

export function termsFor(model: Model, s: SiteModel, g: MinerGroup, allowedOn: boolean[]): CohortTerms {
  return {
    valueOn: Array.from({ length: model.intervals }, (_, t) => bestValue(g, t)),
    allowedOn,
    switchAllowed: s.maxSwitches.map((m) => m > 0),
    minOnIntervals: g.minOnIntervals,
    minOffIntervals: g.minOffIntervals,
    switchCostUsd: g.switchCostUsd,
    noSwitchOff: g.noSwitchOff,
  };
}

export function initialAge(g: MinerGroup): number {
  return (g.currentOn ? g.minOnIntervals : g.minOffIntervals) - g.holdIntervals;
}

export function stateBefore(g: MinerGroup, c: Cohort, t: number): { on: boolean; age: number } {
  const on = t === 0 ? g.currentOn : c.path[t - 1]!;
  let age = 0;
  for (let k = t - 1; k >= 0 && c.path[k] === on; k--) age++;
  if (age === t && on === g.currentOn) age += initialAge(g);
  return { on, age };
}

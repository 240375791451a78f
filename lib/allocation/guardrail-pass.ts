import { bestPath } from './cohort-dp';
import { AllocationInfeasibleError } from './errors';
import { bestValue, type Cohort, minOption, stateBefore, termsFor } from './group-terms';
import type { MinerGroup, Model, SiteModel } from './prepare';
import type { SiteLoads } from './site-terms';

/**
 * The per-interval switch guardrail as a forward pass over the cohorts' paths: where an interval
 * has more on/off changes than allowed, switch-offs go first (most unprofitable first), then
 * switch-ons by value as long as the cap holds; the rest are moved earlier (switch-offs, where
 * budget is left) or deferred and re-planned from the next interval.
 */

export function enforceGuardrail(model: Model, s: SiteModel, loads: SiteLoads, cohorts: Cohort[][]) {
  const used = new Array<number>(model.intervals).fill(0);
  for (let t = 0; t < model.intervals; t++) {
    const budget = s.maxSwitches[t]!;
    if (!Number.isFinite(budget)) continue;
    const delta = s.groups.map((g, gi) => {
      let d = 0;
      for (const c of cohorts[gi]!) {
        const before = stateBefore(g, c, t).on;
        if (c.path[t] !== before) d += c.path[t] ? c.count : -c.count;
      }
      return d;
    });
    const total = delta.reduce((a, d) => a + Math.abs(d), 0);
    used[t] = total;
    if (total <= budget) continue;
    const executed = delta.map(() => 0);
    let left = budget;
    const offs = s.groups.map((_, gi) => gi).filter((gi) => delta[gi]! < 0);
    offs.sort((a, b) => bestValue(s.groups[a]!, t) - bestValue(s.groups[b]!, t));
    for (const gi of offs) {
      const n = Math.min(left, -delta[gi]!);
      executed[gi] = -n;
      left -= n;
    }
    const ons = s.groups.map((_, gi) => gi).filter((gi) => delta[gi]! > 0);
    ons.sort((a, b) => bestValue(s.groups[b]!, t) - bestValue(s.groups[a]!, t));
    for (const gi of ons) {
      const n = Math.min(left, delta[gi]!);
      executed[gi] = n;
      left -= n;
    }
    trimOnsToCap(s, loads, cohorts, t, executed, ons);
    used[t] = executed.reduce((a, d) => a + Math.abs(d), 0);
    s.groups.forEach((g, gi) => {
      let deferred = delta[gi]! - executed[gi]!;
      if (deferred < 0) deferred += advanceOffs(s, g, cohorts[gi]!, t, -deferred, used);
      if (deferred !== 0) defer(model, s, g, cohorts[gi]!, t, deferred);
    });
  }
}

/**
 * Moves up to `n` switch-offs wanted at t to the latest earlier interval with guardrail budget
 * left, when the margin given up before t is smaller than the loss of staying on at t. Switching
 * off earlier only lowers the load, so the cap still holds.
 */
function advanceOffs(
  s: SiteModel,
  g: MinerGroup,
  list: Cohort[],
  t: number,
  n: number,
  used: number[],
): number {
  if (g.noSwitchOff) return 0;
  let moved = 0;
  let lost = 0;
  for (let k = t - 1; k >= 0 && moved < n; k--) {
    lost += bestValue(g, k);
    if (lost >= -bestValue(g, t)) break;
    for (const c of [...list]) {
      const spare = s.maxSwitches[k]! - used[k]!;
      if (moved === n || spare <= 0) break;
      if (c.path[t] || !c.path.slice(k, t).every(Boolean)) continue;
      const before = stateBefore(g, c, k);
      if (!before.on || before.age < g.minOnIntervals) continue;
      const take = Math.min(n - moved, c.count, spare);
      const path = c.path.map((on, i) => (i >= k && i < t ? false : on));
      c.count -= take;
      list.push({ count: take, path, allowed: c.allowed });
      used[k]! += take;
      moved += take;
    }
  }
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.count === 0) list.splice(i, 1);
  return moved;
}

/** Cancels switch-ons (least valuable first) until the devices on at interval t fit the cap. */
function trimOnsToCap(
  s: SiteModel,
  loads: SiteLoads,
  cohorts: Cohort[][],
  t: number,
  executed: number[],
  ons: number[],
) {
  let kw = loads.fixedKw[t]!;
  s.groups.forEach((g, gi) => {
    let before = 0;
    for (const c of cohorts[gi]!) if (stateBefore(g, c, t).on) before += c.count;
    kw += (before + executed[gi]!) * g.kwByProfile[minOption(g)]!;
  });
  for (const gi of [...ons].reverse()) {
    const g = s.groups[gi]!;
    const unit = g.kwByProfile[minOption(g)]!;
    while (kw > s.site.capacityKw + 1e-9 && executed[gi]! > 0) {
      executed[gi]!--;
      kw -= unit;
    }
  }
  if (kw > s.site.capacityKw + 1e-9) {
    throw new AllocationInfeasibleError(
      `site ${s.site.name}: the switch guardrail (${s.maxSwitches[t]} per interval) cannot bring the load under the ${s.site.capacityKw} kW cap in interval ${t}`,
    );
  }
}

/**
 * Keeps |deferred| devices of the group in their previous state at t (switch-ons when positive,
 * switch-offs when negative) and re-plans them from t+1.
 */
function defer(model: Model, s: SiteModel, g: MinerGroup, list: Cohort[], t: number, deferred: number) {
  let need = Math.abs(deferred);
  for (const c of [...list]) {
    if (need === 0) break;
    const before = stateBefore(g, c, t);
    if (c.path[t] === before.on || c.path[t] !== deferred > 0) continue;
    const take = Math.min(need, c.count);
    need -= take;
    const path = c.path.slice(0, t);
    path.push(before.on);
    if (t + 1 < model.intervals) {
      path.push(...bestPath(termsFor(model, s, g, c.allowed), t + 1, before.on, before.age + 1));
    }
    c.count -= take;
    list.push({ count: take, path, allowed: c.allowed });
  }
  for (let i = list.length - 1; i >= 0; i--) if (list[i]!.count === 0) list.splice(i, 1);
}

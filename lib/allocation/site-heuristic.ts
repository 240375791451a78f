import { bestPath } from './cohort-dp';
import { AllocationInfeasibleError } from './errors';
import { type FillClass, fill, hullSteps } from './greedy';
import { type Cohort, forcedOff, forcedOn, initialAge, minOption, termsFor } from './group-terms';
import { enforceGuardrail } from './guardrail-pass';
import type { MinerGroup, Model, SiteModel } from './prepare';
import { finalFill, upgradeTerms } from './site-fill';
import { rentalClasses, type SiteDecision, type SiteLoads, siteLoads } from './site-terms';

/**
 * The heuristic for one site once jobs are placed:
 * 1. per interval, the marginal-value-per-kW fill gives each group its share of the cap (how many
 *    of its devices may be on);
 * 2. identical devices with the same share pattern form cohorts, and each cohort gets its best
 *    on/off path over the horizon by dynamic programming (hold times, switch costs, quiet hours);
 * 3. a forward pass enforces the per-interval switch guardrail, deferring the least valuable
 *    switches and re-planning the deferred devices from there;
 * 4. per interval, profiles and GPU rental fill what the cap leaves.
 */

export function solveSite(model: Model, si: number, jobBusy: Map<string, number[]>): SiteDecision {
  const s = model.sites[si]!;
  const loads = siteLoads(model, s, jobBusy);
  const shares = s.groups.map(() => new Array<number>(model.intervals).fill(0));
  for (let t = 0; t < model.intervals; t++) shareInterval(s, loads, t, shares);
  const cohorts = s.groups.map((g, gi) => initialCohorts(model, s, g, shares[gi]!));
  enforceGuardrail(model, s, loads, cohorts);
  const onCount = cohorts.map((list) =>
    Array.from({ length: model.intervals }, (_, t) =>
      list.reduce((n, c) => n + (c.path[t] ? c.count : 0), 0),
    ),
  );
  return improve(model, s, loads, onCount);
}

/**
 * Local search on whole groups: the cap shares of step 1 ignore switching costs, so try moving each
 * group to its uncapped best path or to "stay as now", and keep a move when the site earns more
 * and every constraint (cap via finalFill, guardrail via switch counts) still holds.
 */
function improve(model: Model, s: SiteModel, loads: SiteLoads, onCount: number[][]): SiteDecision {
  const terms = upgradeTerms(model, s, loads);
  let best = finalFill(model, s, loads, onCount, terms);
  let bestUsd = siteObjective(model, s, loads, best);
  for (let round = 0; round < 2; round++)
    s.groups.forEach((g, gi) => {
      const free = bestPath(
        termsFor(
          model,
          s,
          g,
          onCount[gi]!.map(() => true),
        ),
        0,
        g.currentOn,
        initialAge(g),
      );
      const stay = onCount[gi]!.map(() => g.currentOn);
      for (const path of [free, stay]) {
        const row = path.map((on) => (on ? g.count : 0));
        if (row.every((n, t) => n === best.onCount[gi]![t])) continue;
        const trial = best.onCount.map((r) => [...r]);
        trial[gi] = row;
        if (!withinGuardrail(s, trial, gi, g.currentOn ? g.count : 0, best.onCount[gi]!)) continue;
        let candidate: SiteDecision;
        try {
          candidate = finalFill(model, s, loads, trial, terms);
        } catch (error) {
          if (error instanceof AllocationInfeasibleError) continue;
          throw error;
        }
        const usd = siteObjective(model, s, loads, candidate);
        if (usd > bestUsd + 1e-9) {
          best = candidate;
          bestUsd = usd;
        }
      }
    });
  return best;
}

function switchesOf(row: number[], start: number, t: number): number {
  return Math.abs(row[t]! - (t === 0 ? start : row[t - 1]!));
}

function withinGuardrail(
  s: SiteModel,
  trial: number[][],
  gi: number,
  start: number,
  before: number[],
): boolean {
  return s.maxSwitches.every((cap, t) => {
    if (!Number.isFinite(cap)) return true;
    let total = 0;
    trial.forEach((row, k) => {
      const g = s.groups[k]!;
      total += switchesOf(row, g.currentOn ? g.count : 0, t);
    });
    return total <= cap || switchesOf(trial[gi]!, start, t) <= switchesOf(before, start, t);
  });
}

/** The site's $ over the horizon from aggregated counts (same terms as evaluatePlan). */
function siteObjective(model: Model, s: SiteModel, loads: SiteLoads, d: SiteDecision): number {
  let usd = 0;
  s.groups.forEach((g, gi) => {
    for (let t = 0; t < model.intervals; t++) {
      d.profileCounts[gi]![t]!.forEach((n, p) => {
        if (n > 0) usd += n * g.marginByProfile[p]![t]!;
      });
      usd -= g.switchCostUsd * switchesOf(d.onCount[gi]!, g.currentOn ? g.count : 0, t);
    }
  });
  for (const [key, row] of d.rented) {
    const margin = loads.rentalTerms.get(key)!.marginByInterval;
    row.forEach((n, t) => {
      usd += n * margin[t]!;
    });
  }
  return usd;
}

function shareInterval(s: SiteModel, loads: SiteLoads, t: number, shares: number[][]) {
  let capacity = s.site.capacityKw - loads.fixedKw[t]!;
  const classes: FillClass[] = [];
  s.groups.forEach((g) => {
    const margin = g.marginByProfile.map((row) => row[t]!);
    if (forcedOn(g, t)) {
      capacity -= g.count * g.kwByProfile[minOption(g)]!;
      classes.push({ count: 0, steps: [] });
    } else {
      const count = forcedOff(g, t) ? 0 : g.count;
      classes.push({ count, steps: hullSteps(g.kwByProfile, margin, g.options, -1) });
    }
  });
  classes.push(...rentalClasses(loads, t));
  const { levels, leftKw } = fill(classes, capacity);
  let left = leftKw;
  const stillOff: { gi: number; n: number; kw: number; density: number }[] = [];
  s.groups.forEach((g, gi) => {
    if (forcedOn(g, t)) {
      shares[gi]![t] = g.count;
      return;
    }
    const off = levels[gi]![0]!;
    shares[gi]![t] = classes[gi]!.count - off;
    const o = minOption(g);
    if (off > 0)
      stillOff.push({
        gi,
        n: off,
        kw: g.kwByProfile[o]!,
        density: g.marginByProfile[o]![t]! / g.kwByProfile[o]!,
      });
  });
  // Devices that lose money this interval may still stay on to avoid two switches: give them
  // whatever capacity is left, least loss per kW first, and let the cohort DP decide.
  stillOff.sort((a, b) => b.density - a.density);
  for (const x of stillOff) {
    const n = Math.min(x.n, Math.floor((left + 1e-9) / x.kw));
    shares[x.gi]![t]! += n;
    left -= n * x.kw;
  }
}

function initialCohorts(model: Model, s: SiteModel, g: MinerGroup, share: number[]): Cohort[] {
  const thresholds = [...new Set([...share, g.count])].filter((u) => u > 0).sort((a, b) => a - b);
  const out: Cohort[] = [];
  let below = 0;
  for (const u of thresholds) {
    const allowed = share.map((x) => x >= u);
    const path = bestPath(termsFor(model, s, g, allowed), 0, g.currentOn, initialAge(g));
    out.push({ count: u - below, path, allowed });
    below = u;
  }
  return out;
}

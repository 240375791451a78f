import { AllocationInfeasibleError } from './errors';
import { type FillClass, fill, hullSteps, orderSteps, type Step, type StepOrder } from './greedy';
import { minOption } from './group-terms';
import type { Model, SiteModel } from './prepare';
import { rentalClasses, type SiteDecision, type SiteLoads } from './site-terms';

/** Step 4 of the site heuristic: with on-counts fixed, profiles and rental fill what the cap leaves. */

export type UpgradeTerms = { steps: Step[][]; rentals: ReturnType<typeof rentalClasses>; order: StepOrder };

/** Per interval: profile steps from each group's lowest-power option and rental, in fill order. */
export function upgradeTerms(model: Model, s: SiteModel, loads: SiteLoads): UpgradeTerms[] {
  return Array.from({ length: model.intervals }, (_, t) => {
    const steps = s.groups.map((g) =>
      hullSteps(
        g.kwByProfile,
        g.marginByProfile.map((row) => row[t]!),
        g.options,
        minOption(g),
      ),
    );
    const rentals = rentalClasses(loads, t);
    return { steps, rentals, order: orderSteps([...steps.map((st) => ({ steps: st })), ...rentals]) };
  });
}

export function finalFill(
  model: Model,
  s: SiteModel,
  loads: SiteLoads,
  onCount: number[][],
  terms: UpgradeTerms[],
): SiteDecision {
  const T = model.intervals;
  const profileCounts = s.groups.map(() => [] as number[][]);
  const rented = new Map<string, number[]>();
  for (const key of loads.freeGpus.keys()) rented.set(key, new Array<number>(T).fill(0));
  for (let t = 0; t < T; t++) {
    let capacity = s.site.capacityKw - loads.fixedKw[t]!;
    const { steps, rentals, order } = terms[t]!;
    const classes: FillClass[] = s.groups.map((g, gi) => {
      capacity -= onCount[gi]![t]! * g.kwByProfile[minOption(g)]!;
      return { count: onCount[gi]![t]!, steps: steps[gi]! };
    });
    if (capacity < -1e-9) {
      throw new AllocationInfeasibleError(
        `site ${s.site.name}: devices that must stay on draw more than the ${s.site.capacityKw} kW cap in interval ${t}`,
      );
    }
    const { levels } = fill([...classes, ...rentals], capacity, order);
    s.groups.forEach((g, gi) => {
      const counts = new Array<number>(g.model.profiles.length).fill(0);
      const row = levels[gi]!;
      counts[minOption(g)]! += row[0]!;
      classes[gi]!.steps.forEach((st, k) => {
        counts[st.toOption]! += row[k + 1]!;
      });
      profileCounts[gi]!.push(counts);
    });
    rentals.forEach((r, k) => {
      rented.get(r.key)![t] = levels[s.groups.length + k]![1] ?? 0;
    });
  }
  return { onCount, profileCounts, rented };
}

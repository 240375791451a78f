/**
 * Marginal value per kW for the multiple-choice knapsack of one site and interval: each device
 * climbs its model's upper concave hull of (kW, $) options, and steps are taken across the whole
 * site in order of $ per kW until the cap is full. On identical devices in groups this is the
 * LP-optimal order; integrality costs at most one device per step, small against MW caps.
 */

export type Step = { dKw: number; dUsd: number; toOption: number };

/**
 * Hull steps from a base option (or from "off" when `base` is -1) over the allowed options, keeping
 * only steps that add value. Options are given as kW and $ per device.
 */
export function hullSteps(kw: number[], usd: number[], options: number[], base: number): Step[] {
  const baseKw = base < 0 ? 0 : kw[base]!;
  const baseUsd = base < 0 ? 0 : usd[base]!;
  const pts = options
    .filter((o) => kw[o]! > baseKw)
    .map((o) => ({ o, k: kw[o]!, v: usd[o]! }))
    .sort((a, b) => a.k - b.k || b.v - a.v);
  const hull: { o: number; k: number; v: number }[] = [{ o: base, k: baseKw, v: baseUsd }];
  for (const p of pts) {
    if (p.k === hull[hull.length - 1]!.k) continue;
    while (hull.length >= 2) {
      const a = hull[hull.length - 2]!;
      const b = hull[hull.length - 1]!;
      // b is not on the upper hull when the slope a→p is at least the slope a→b.
      if ((p.v - a.v) * (b.k - a.k) >= (b.v - a.v) * (p.k - a.k)) hull.pop();
      else break;
    }
    hull.push(p);
  }
  const steps: Step[] = [];
  for (let i = 1; i < hull.length; i++) {
    const dUsd = hull[i]!.v - hull[i - 1]!.v;
    if (dUsd <= 0) break;
    steps.push({ dKw: hull[i]!.k - hull[i - 1]!.k, dUsd, toOption: hull[i]!.o });
  }
  return steps;
}

export type FillClass = { count: number; steps: Step[] };

/**
 * Takes steps across classes by $ per kW until `capacityKw` is used; returns per class how many
 * devices end at each step (index 0 = none taken) and the capacity left.
 */
export type StepOrder = { c: number; s: number }[];

/** Steps of all classes by $ per kW, best first; depends on the steps only, not on the counts. */
export function orderSteps(classes: Pick<FillClass, 'steps'>[]): StepOrder {
  const order: { c: number; s: number; density: number }[] = [];
  classes.forEach((c, ci) => {
    c.steps.forEach((st, si) => {
      order.push({ c: ci, s: si, density: st.dKw > 0 ? st.dUsd / st.dKw : Number.POSITIVE_INFINITY });
    });
  });
  order.sort((a, b) => b.density - a.density || a.c - b.c || a.s - b.s);
  return order;
}

export function fill(
  classes: FillClass[],
  capacityKw: number,
  order: StepOrder = orderSteps(classes),
): { levels: number[][]; leftKw: number } {
  const levels = classes.map((c) => {
    const row = new Array<number>(c.steps.length + 1).fill(0);
    row[0] = c.count;
    return row;
  });
  let left = capacityKw;
  for (const { c, s } of order) {
    const step = classes[c]!.steps[s]!;
    const row = levels[c]!;
    const eligible = row[s]!;
    if (eligible === 0) continue;
    const take = step.dKw <= 0 ? eligible : Math.min(eligible, Math.floor((left + 1e-9) / step.dKw));
    if (take <= 0) continue;
    row[s] = eligible - take;
    row[s + 1] = row[s + 1]! + take;
    left -= take * step.dKw;
  }
  return { levels, leftKw: left };
}

/**
 * Best on/off path over the horizon for identical devices moving together (a cohort): dynamic
 * programming over (interval, on/off, intervals in that state) with minimum on/off runs, a cost
 * per switch and intervals where switching is not allowed. `valueOn[t]` is the $ one device earns
 * on in interval t (negative when mining loses money); off earns 0.
 */

export type CohortTerms = {
  valueOn: number[];
  /** false: the cohort must not be on in that interval (its share of the cap is taken). */
  allowedOn: boolean[];
  /** false: no switch in that interval (quiet hours, or a guardrail already spent). */
  switchAllowed: boolean[];
  minOnIntervals: number;
  minOffIntervals: number;
  switchCostUsd: number;
  noSwitchOff: boolean;
};

const FORBIDDEN = -1e12;

/** Returns on/off for intervals start…T−1, starting from `on` with `age` intervals in that state. */
export function bestPath(terms: CohortTerms, start: number, on: boolean, age: number): boolean[] {
  const T = terms.valueOn.length;
  const lOn = terms.minOnIntervals;
  const lOff = terms.minOffIntervals;
  // State index: on with age 0..lOn (capped at lOn), then off with age 0..lOff.
  const S = lOn + lOff + 2;
  const stateOf = (isOn: boolean, a: number) => (isOn ? Math.min(a, lOn) : lOn + 1 + Math.min(a, lOff));
  const n = T - start;
  const value = new Float64Array((n + 1) * S);
  const choice = new Uint8Array(n * S);
  for (let k = n - 1; k >= 0; k--) {
    const t = start + k;
    for (let s = 0; s < S; s++) {
      const isOn = s <= lOn;
      const a = isOn ? s : s - lOn - 1;
      const hold = isOn ? terms.minOnIntervals : terms.minOffIntervals;
      // Stay in the same state for interval t.
      let stay = value[(k + 1) * S + stateOf(isOn, a + 1)]!;
      if (isOn) stay += terms.allowedOn[t] ? terms.valueOn[t]! : FORBIDDEN;
      let sw = Number.NEGATIVE_INFINITY;
      const mayLeave = a >= hold && terms.switchAllowed[t] && !(isOn && terms.noSwitchOff);
      if (mayLeave && (isOn || terms.allowedOn[t])) {
        sw = value[(k + 1) * S + stateOf(!isOn, 1)]! - terms.switchCostUsd;
        if (!isOn) sw += terms.valueOn[t]!;
      }
      if (sw > stay) {
        value[k * S + s] = sw;
        choice[k * S + s] = 1;
      } else {
        value[k * S + s] = stay;
      }
    }
  }
  const path: boolean[] = [];
  let isOn = on;
  let a = age;
  for (let k = 0; k < n; k++) {
    const s = stateOf(isOn, a);
    if (choice[k * S + s] === 1) {
      isOn = !isOn;
      a = 1;
    } else a++;
    path.push(isOn);
  }
  return path;
}

// Which simulated history the first start fills, in which order, and how far it is: pure values.
// History covers [fromMs, untilMs) and is filled newest first, one step at a time, so the last
// hours (what the dashboard shows first) are there within seconds and a restart resumes where
// the last committed step ended. The live simulator only sends samples after untilMs, so the
// two never write the same span.

export const MINUTE_MS = 60_000;
export const DAY_MS = 24 * 60 * MINUTE_MS;
/** The last day at one sample per minute (1-minute charts); older days at one per 5 minutes. */
export const FINE_SPAN_MS = DAY_MS;
export const COARSE_EVERY_MS = 5 * MINUTE_MS;
/** One committed step: an hour of the fleet (≈72k samples fine, ≈14k coarse). */
export const STEP_MS = 60 * MINUTE_MS;

export type HistoryState = {
  days: number;
  fromMs: number;
  untilMs: number;
  /** Oldest start of the filled span [filledFromMs, untilMs); equals untilMs before the first step. */
  filledFromMs: number;
  samples: number;
  startedAtMs: number;
  finishedAtMs: number | null;
};

export function planHistory(nowMs: number, days: number): HistoryState {
  const untilMs = nowMs - (nowMs % MINUTE_MS);
  return {
    days,
    fromMs: untilMs - days * DAY_MS,
    untilMs,
    filledFromMs: untilMs,
    samples: 0,
    startedAtMs: nowMs,
    finishedAtMs: null,
  };
}

/** The next span to fill, [fromMs, toMs), or null when every step is filled. */
export function nextStep(state: HistoryState): { fromMs: number; toMs: number } | null {
  if (state.filledFromMs <= state.fromMs) return null;
  const toMs = state.filledFromMs;
  // Steps end on hour boundaries after the first one, so a resumed fill lines up with the plan.
  const aligned = toMs - (toMs % STEP_MS);
  const fromMs = Math.max(state.fromMs, aligned === toMs ? toMs - STEP_MS : aligned);
  return { fromMs, toMs };
}

/** Sample slots (minute-aligned) in [fromMs, toMs): every minute in the last day, else every 5 min. */
export function slotsIn(state: HistoryState, fromMs: number, toMs: number): number[] {
  const fineFromMs = state.untilMs - FINE_SPAN_MS;
  const slots: number[] = [];
  for (let t = fromMs - (fromMs % MINUTE_MS); t < toMs; t += MINUTE_MS) {
    if (t < fromMs) continue;
    if (t >= fineFromMs || t % COARSE_EVERY_MS === 0) slots.push(t);
  }
  return slots;
}

/** A device's sample time in a slot: devices spread over the minute like real agents. */
export function sampleTs(slotMs: number, deviceId: number): number {
  return slotMs + (deviceId % 60) * 1000;
}

/** Slots in the whole plan, for the progress total (samples ≈ slots × devices reporting). */
export function totalSlots(state: HistoryState): number {
  const fineFromMs = Math.max(state.fromMs, state.untilMs - FINE_SPAN_MS);
  const fine = Math.ceil((state.untilMs - fineFromMs) / MINUTE_MS);
  const coarse = Math.ceil(fineFromMs / COARSE_EVERY_MS) - Math.ceil(state.fromMs / COARSE_EVERY_MS);
  return fine + coarse;
}

export type HistoryProgress = {
  status: 'none' | 'filling' | 'done';
  days: number;
  /** Whole days filled, newest first. */
  daysFilled: number;
  samples: number;
};

export function historyProgress(state: HistoryState | null): HistoryProgress {
  if (!state) return { status: 'none', days: 0, daysFilled: 0, samples: 0 };
  const daysFilled = Math.min(state.days, Math.floor((state.untilMs - state.filledFromMs) / DAY_MS));
  return {
    status: state.finishedAtMs === null ? 'filling' : 'done',
    days: state.days,
    daysFilled: state.finishedAtMs === null ? daysFilled : state.days,
    samples: state.samples,
  };
}

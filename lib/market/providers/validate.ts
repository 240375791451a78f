/**
 * Plausibility checks for provider values. Each returns a reason string when the value is absurd,
 * so callers can reject the whole response with a message that says exactly what was wrong.
 */

// Genesis block (2009-01-03) to 2100: anything outside is a unit mix-up or garbage.
const MIN_EPOCH_S = 1_230_940_800;
const MAX_EPOCH_S = 4_102_444_800;

const BTC_USD_MAX = 1e8;

export function msProblem(label: string, ts: number): string | undefined {
  if (!Number.isFinite(ts)) return `${label} is not a number`;
  if (Math.abs(ts) < 1e11) return `${label} ${ts} looks like seconds, expected milliseconds`;
  if (ts < MIN_EPOCH_S * 1000 || ts > MAX_EPOCH_S * 1000) return `${label} ${ts} is outside 2009–2100`;
  return undefined;
}

export function secondsProblem(label: string, ts: number): string | undefined {
  if (!Number.isFinite(ts)) return `${label} is not a number`;
  if (Math.abs(ts) > 1e11) return `${label} ${ts} looks like milliseconds, expected seconds`;
  if (ts < MIN_EPOCH_S || ts > MAX_EPOCH_S) return `${label} ${ts} is outside 2009–2100`;
  return undefined;
}

export function positiveProblem(label: string, value: number, max = Number.MAX_VALUE): string | undefined {
  if (!Number.isFinite(value)) return `${label} is not a finite number`;
  if (value <= 0) return `${label} ${value} must be > 0`;
  if (value > max) return `${label} ${value} exceeds ${max}`;
  return undefined;
}

export function rangeProblem(label: string, value: number, min: number, max: number): string | undefined {
  if (!Number.isFinite(value)) return `${label} is not a finite number`;
  if (value < min || value > max) return `${label} ${value} is outside ${min}…${max}`;
  return undefined;
}

export const btcUsdProblem = (value: number) => positiveProblem('BTC/USD price', value, BTC_USD_MAX);

/** Difficulty has been ≥ 1 since genesis; 1e18 is ~4 orders of magnitude above today's. */
export const difficultyProblem = (value: number) => positiveProblem('difficulty', value, 1e18);

/**
 * Wholesale prices: the EU harmonised day-ahead limits are −500…4,000 €/MWh and ERCOT's cap is
 * $5,000/MWh; the wider band leaves room for future limit changes but stops unit mix-ups (€/kWh × 1000).
 */
export const electricityPriceProblem = (label: string, value: number) =>
  rangeProblem(label, value, -10_000, 50_000);

/** First reason among checks, or undefined when all pass. */
export function firstProblem(...reasons: (string | undefined)[]): string | undefined {
  return reasons.find((r) => r !== undefined);
}

/** Accepts JSON numbers and the numeric strings several APIs use for money (Coinbase, Kraken, mempool sums). */
export function numberFrom(value: unknown): number | undefined {
  if (typeof value === 'number') return Number.isFinite(value) ? value : undefined;
  if (typeof value === 'string' && /^\s*-?(\d+(\.\d*)?|\.\d+)([eE][-+]?\d+)?\s*$/.test(value))
    return Number(value);
  return undefined;
}

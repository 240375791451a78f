/**
 * Input checks shared by the economics functions. They throw RangeError naming the argument, because a
 * NaN or negative difficulty read from a provider would otherwise flow silently into margins and plans.
 */

export function requireFinite(name: string, value: number): number {
  if (!Number.isFinite(value)) throw new RangeError(`${name} must be a finite number, got ${value}`);
  return value;
}

export function requirePositive(name: string, value: number): number {
  if (!(Number.isFinite(value) && value > 0)) throw new RangeError(`${name} must be > 0, got ${value}`);
  return value;
}

export function requireNonNegative(name: string, value: number): number {
  if (!(Number.isFinite(value) && value >= 0)) throw new RangeError(`${name} must be ≥ 0, got ${value}`);
  return value;
}

/** A 0–1 share such as uptime or utilisation. */
export function requireFraction(name: string, value: number): number {
  if (!(Number.isFinite(value) && value >= 0 && value <= 1)) {
    throw new RangeError(`${name} must be between 0 and 1, got ${value}`);
  }
  return value;
}

/** A 0–100 percentage such as a pool fee. */
export function requirePct(name: string, value: number): number {
  if (!(Number.isFinite(value) && value >= 0 && value <= 100)) {
    throw new RangeError(`${name} must be between 0 and 100, got ${value}`);
  }
  return value;
}

/** PUE is facility energy ÷ IT energy, so it cannot be below 1. */
export function requirePue(value: number): number {
  if (!(Number.isFinite(value) && value >= 1)) throw new RangeError(`pue must be ≥ 1, got ${value}`);
  return value;
}

export function requireNonNegativeInteger(name: string, value: number): number {
  if (!(Number.isSafeInteger(value) && value >= 0)) {
    throw new RangeError(`${name} must be a non-negative integer, got ${value}`);
  }
  return value;
}

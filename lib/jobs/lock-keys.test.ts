import { expect, it } from 'vitest';
import { JOB_LOCK_KEYS } from './lock-keys';

it('gives every job its own advisory-lock key', () => {
  const keys = Object.values(JOB_LOCK_KEYS);
  expect(new Set(keys).size).toBe(keys.length);
  expect(keys.every((k) => Number.isSafeInteger(k) && k > 0 && k < 2 ** 31)).toBe(true);
});

import { describe, expect, it } from 'vitest';
import { avalonLevelFor } from './avalon-levels';

describe('Avalon power target → work level', () => {
  it.each([
    [3600, 3600, 2, 3600],
    [2700, 3600, 1, 2700],
    [3000, 3600, 1, 2700],
    [3200, 3600, 2, 3600],
    [2000, 3600, 0, 1800],
    [100, 3600, 0, 1800],
    [9000, 3600, 2, 3600],
    [1300, 1674, 1, 1256],
  ])('%i W of a %i W nameplate → level %i (≈ %i W)', (target, nominal, level, expectedW) => {
    expect(avalonLevelFor(target, nominal)).toEqual({ level, expectedW });
  });
});

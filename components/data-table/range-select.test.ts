import { describe, expect, it } from 'vitest';
import { toggleWithRange } from './range-select';

const ids = ['a', 'b', 'c', 'd', 'e'];
const set = (...v: string[]) => new Set(v);

describe('toggleWithRange', () => {
  it.each([
    ['plain click selects one', set(), null, 'c', true, false, ['c']],
    ['plain click clears one', set('b', 'c'), 'b', 'c', false, false, ['b']],
    ['shift-click selects down from the anchor', set('b'), 'b', 'd', true, true, ['b', 'c', 'd']],
    ['shift-click selects up from the anchor', set('d'), 'd', 'a', true, true, ['a', 'b', 'c', 'd']],
    ['shift-click clears a range', set('a', 'b', 'c', 'd'), 'b', 'd', false, true, ['a']],
    ['shift without anchor acts as a plain click', set(), null, 'c', true, true, ['c']],
    ['anchor no longer shown: plain click', set('x'), 'x', 'c', true, true, ['c', 'x']],
    ['shift-click keeps rows outside the range', set('e'), 'a', 'b', true, true, ['a', 'b', 'e']],
  ] as const)('%s', (_name, selected, anchor, target, checked, shift, expected) => {
    expect([...toggleWithRange(ids, selected, anchor, target, checked, shift)].sort()).toEqual(expected);
  });
});

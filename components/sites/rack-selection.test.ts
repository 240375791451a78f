import { describe, expect, it } from 'vitest';
import { clickSlot, rackFullySelected, readingOrder, type Slot, toggleRack } from './rack-selection';

// A 2 × 3 rack, slot (1,2) empty, listed out of order.
const rack: Slot[] = [
  { deviceId: 16, row: 2, column: 3 },
  { deviceId: 11, row: 1, column: 1 },
  { deviceId: 14, row: 2, column: 1 },
  { deviceId: 13, row: 1, column: 3 },
  { deviceId: 15, row: 2, column: 2 },
];
const other: Slot[] = [{ deviceId: 21, row: 1, column: 1 }];

describe('rack selection', () => {
  it('reads a rack shelf by shelf', () => {
    expect(readingOrder(rack)).toEqual([11, 13, 14, 15, 16]);
  });

  it.each([
    ['a click selects', [], null, 14, false, [14], 14],
    ['a second click clears', [14], 14, 14, false, [], 14],
    ['a click adds to the selection', [11], 11, 16, false, [11, 16], 16],
    ['shift selects the run from the anchor, forwards', [], 13, 15, true, [13, 14, 15], 15],
    ['shift selects the run backwards, keeping the rest', [16], 16, 13, true, [13, 14, 15, 16], 13],
    ['shift without an anchor toggles', [], null, 15, true, [15], 15],
    ['shift with the anchor in another rack toggles', [21], 21, 11, true, [11, 21], 11],
  ] as const)('%s', (_, selected, anchor, clicked, shift, want, wantAnchor) => {
    const r = clickSlot(new Set(selected), rack, clicked, anchor, shift);
    expect([...r.selected].sort((a, b) => a - b)).toEqual(want);
    expect(r.anchor).toBe(wantAnchor);
  });

  it('selects a whole rack, then clears it, leaving other racks alone', () => {
    const all = toggleRack(new Set([21, 13]), rack);
    expect([...all].sort((a, b) => a - b)).toEqual([11, 13, 14, 15, 16, 21]);
    expect(rackFullySelected(all, rack)).toBe(true);
    expect(rackFullySelected(all, other)).toBe(true);
    expect([...toggleRack(all, rack)]).toEqual([21]);
    expect(rackFullySelected(new Set(), [])).toBe(false);
  });
});

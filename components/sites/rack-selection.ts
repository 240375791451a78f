// Selecting devices on the rack grid (pure): a click toggles a slot, a shift-click selects the run
// of occupied slots from the last clicked one (row by row, as a rack is read), a rack's header
// selects or clears the whole rack.

export type Slot = { deviceId: number; row: number; column: number };

/** The rack's occupied slots in reading order: shelf by shelf, slot by slot. */
export function readingOrder(slots: readonly Slot[]): number[] {
  return [...slots].sort((a, b) => a.row - b.row || a.column - b.column).map((s) => s.deviceId);
}

export type ClickResult = { selected: Set<number>; anchor: number };

/**
 * A click on `deviceId` in the rack holding `slots`. With shift and an anchor in the same rack,
 * every slot between them (inclusive) is selected; otherwise the slot toggles and becomes the anchor.
 */
export function clickSlot(
  selected: ReadonlySet<number>,
  slots: readonly Slot[],
  deviceId: number,
  anchor: number | null,
  shift: boolean,
): ClickResult {
  const next = new Set(selected);
  const order = readingOrder(slots);
  const from = anchor === null ? -1 : order.indexOf(anchor);
  const to = order.indexOf(deviceId);
  if (shift && from >= 0 && to >= 0) {
    for (const id of order.slice(Math.min(from, to), Math.max(from, to) + 1)) next.add(id);
    return { selected: next, anchor: deviceId };
  }
  if (next.has(deviceId)) next.delete(deviceId);
  else next.add(deviceId);
  return { selected: next, anchor: deviceId };
}

/** Whether every device of the rack is selected (its header then offers to clear it). */
export function rackFullySelected(selected: ReadonlySet<number>, slots: readonly Slot[]): boolean {
  return slots.length > 0 && slots.every((s) => selected.has(s.deviceId));
}

/** The rack header: a fully selected rack is cleared, any other is selected whole. */
export function toggleRack(selected: ReadonlySet<number>, slots: readonly Slot[]): Set<number> {
  const next = new Set(selected);
  const clear = rackFullySelected(selected, slots);
  for (const s of slots) {
    if (clear) next.delete(s.deviceId);
    else next.add(s.deviceId);
  }
  return next;
}

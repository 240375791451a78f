// Which tenant held a device at an instant, from the recorded moves (device_tenant_move). Pure.

export type TenantMove = {
  deviceId: number;
  fromTenantId: number | null;
  toTenantId: number | null;
  movedAt: number;
};

/**
 * The tenant at `tsMs`: after the last move at or before it, that move's target; before the first
 * move, that move's origin; with no moves, the device's current tenant.
 */
export function tenantAt(
  moves: readonly TenantMove[],
  currentTenantId: number | null,
  tsMs: number,
): number | null {
  if (moves.length === 0) return currentTenantId;
  let holder: number | null | undefined;
  for (const m of moves) {
    if (m.movedAt <= tsMs) holder = m.toTenantId;
    else return holder === undefined ? m.fromTenantId : holder;
  }
  return holder === undefined ? currentTenantId : holder;
}

/** Moves grouped per device, sorted by time. */
export function movesByDevice(moves: readonly TenantMove[]): Map<number, TenantMove[]> {
  const out = new Map<number, TenantMove[]>();
  for (const m of [...moves].sort((a, b) => a.movedAt - b.movedAt)) {
    const list = out.get(m.deviceId) ?? [];
    list.push(m);
    out.set(m.deviceId, list);
  }
  return out;
}

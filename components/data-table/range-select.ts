// Checkbox selection with shift-click ranges, as in a mail client: a plain click toggles one row
// and becomes the anchor; a shift-click sets every row between the anchor and the clicked one to
// the clicked row's new state. Pure so the rule is tested once and shared by table and rack grid.

export function toggleWithRange(
  orderedIds: readonly string[],
  selected: ReadonlySet<string>,
  anchor: string | null,
  target: string,
  checked: boolean,
  shift: boolean,
): Set<string> {
  const next = new Set(selected);
  const from = anchor === null ? -1 : orderedIds.indexOf(anchor);
  const to = orderedIds.indexOf(target);
  if (!shift || from < 0 || to < 0) {
    if (checked) next.add(target);
    else next.delete(target);
    return next;
  }
  const [lo, hi] = from <= to ? [from, to] : [to, from];
  for (const id of orderedIds.slice(lo, hi + 1)) {
    if (checked) next.add(id);
    else next.delete(id);
  }
  return next;
}

/** "0,1,22-23" ↔ [0, 1, 22, 23]: quiet hours are site-local hours. */
export function parseHours(text: string): number[] | null {
  const hours = new Set<number>();
  for (const part of text
    .split(',')
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^(\d{1,2})(?:-(\d{1,2}))?$/.exec(part);
    if (!m) return null;
    const a = Number(m[1]);
    const b = m[2] === undefined ? a : Number(m[2]);
    if (a > 23 || b > 23 || b < a) return null;
    for (let h = a; h <= b; h++) hours.add(h);
  }
  return [...hours].sort((x, y) => x - y);
}

export function formatHours(hours: readonly number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < hours.length; i++) {
    let j = i;
    while (j + 1 < hours.length && hours[j + 1] === hours[j]! + 1) j++;
    parts.push(i === j ? String(hours[i]) : `${hours[i]}-${hours[j]}`);
    i = j;
  }
  return parts.join(',');
}

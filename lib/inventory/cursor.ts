/** Opaque keyset cursor: the last row's sort value and id, base64url JSON. */
export function encodeCursor(value: string | number, id: number): string {
  return Buffer.from(JSON.stringify([value, id])).toString('base64url');
}

export function decodeCursor(cursor: string): { value: string | number; id: number } | null {
  try {
    const parsed: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (!Array.isArray(parsed) || parsed.length !== 2) return null;
    const [value, id] = parsed;
    if ((typeof value !== 'string' && typeof value !== 'number') || !Number.isInteger(id)) return null;
    return { value, id };
  } catch {
    return null;
  }
}

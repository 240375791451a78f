import { z } from 'zod';

// NUL and C0/C1 controls (except tab, line feed, carriage return) and the Unicode bidirectional
// marks, overrides and isolates that make "evil.exe" display as "exe.live" (Trojan Source,
// CVE-2021-42574). Checked by code point: a regex of control characters is what linters refuse.
function unsafeCodePoint(c: number): boolean {
  if (c === 0x09 || c === 0x0a || c === 0x0d) return false;
  return (
    c < 0x20 ||
    (c >= 0x7f && c <= 0x9f) ||
    (c >= 0x202a && c <= 0x202e) ||
    (c >= 0x2066 && c <= 0x2069) ||
    c === 0x200e ||
    c === 0x200f ||
    c === 0x061c
  );
}

export function hasUnsafeCharacters(text: string): boolean {
  for (const ch of text) if (unsafeCodePoint(ch.codePointAt(0) ?? 0)) return true;
  return false;
}

/** A trimmed one-line name or free text that refuses control and bidi-override characters. */
export function safeText(max: number, min = 1) {
  return z
    .string()
    .trim()
    .min(min, min > 0 ? 'Required' : undefined)
    .max(max)
    .refine((s) => !hasUnsafeCharacters(s), 'Contains control or text-direction characters');
}

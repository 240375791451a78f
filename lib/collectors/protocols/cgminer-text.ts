import type { Row } from './cgminer-envelope';

/**
 * Splits on a separator unless it is backslash-escaped; text mode escapes `|`, `,`, `=` and `\`
 * inside values (cgminer API ≥ 1.7, reference §1.3).
 */
function splitEscaped(text: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      cur += text[i + 1];
      i++;
    } else if (c === sep) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

/** Keeps escapes for the next split level, only resolving them at the last one. */
function splitKeepEscapes(text: string, sep: string): string[] {
  const parts: string[] = [];
  let cur = '';
  for (let i = 0; i < text.length; i++) {
    const c = text[i]!;
    if (c === '\\' && i + 1 < text.length) {
      cur += c + text[i + 1];
      i++;
    } else if (c === sep) {
      parts.push(cur);
      cur = '';
    } else cur += c;
  }
  parts.push(cur);
  return parts;
}

function toRow(section: string): Row {
  const row: Row = {};
  for (const field of splitKeepEscapes(section, ',')) {
    const [key, ...rest] = splitKeepEscapes(field, '=');
    if (key === undefined || rest.length === 0) continue;
    row[splitEscaped(key, '\0')[0]!] = splitEscaped(rest.join('='), '\0')[0]!;
  }
  return row;
}

/**
 * Parses a text-mode reply `STATUS=S,…,Description=…|SUMMARY,Elapsed=…|`: the first section is
 * the status, each further non-empty section one data row (values stay strings; callers coerce).
 */
export function parseCgminerText(text: string): { status: Row; rows: Row[] } | undefined {
  const sections = splitKeepEscapes(text, '|').filter((s) => s.trim() !== '');
  const first = sections[0];
  if (!first?.startsWith('STATUS=')) return undefined;
  return { status: toRow(first), rows: sections.slice(1).map(toRow) };
}

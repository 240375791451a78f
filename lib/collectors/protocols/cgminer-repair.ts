/**
 * Repairs the JSON that cgminer-family firmware really sends (reference protocols.md §1.8) into text
 * `JSON.parse` accepts, and says what it changed. One pass that tracks strings and containers, so
 * a repair never touches the inside of a string value:
 * - missing commas between values: `}{` (C1, bmminer STATS header), `""temp0` (C4, btminer);
 * - stray commas: `[,{` and `,}` (C2); a reply starting with `,` (C6, Avalon);
 * - raw newlines and control characters inside strings (C3);
 * - bare `nan` / `inf` / `-nan` from `%f` printing (C5) → `null`;
 * - invalid escapes: `\'` dropped (C9, Whatsminer firmware version), others kept literally;
 * - Whatsminer's `["329":"2022-…"]` list of pairs (C8) → list of objects;
 * - truncation (C7): cut back to the last complete value and close the open containers;
 * - anything after the first complete top-level value (e.g. bytes after the NUL) is ignored.
 */
export type Repaired = { text: string; flags: string[]; truncated: boolean };

type Frame = { object: boolean; expectKey: boolean };

const VALID_ESCAPES = '"\\/bfnrt';
const NON_FINITE = /^[-+]?(nan|inf|infinity)$/i;
const JSON_NUMBER = /^-?(0|[1-9]\d*)(\.\d+)?([eE][-+]?\d+)?$/;
const LOOSE_NUMBER = /^[-+]?(\d+\.?\d*|\.\d+)([eE][-+]?\d+)?$/;
// C8: an array whose elements are "key":"value" pairs.
const PAIR_LIST = /\[(\s*"[^"\\]*"\s*:\s*"[^"\\]*"(?:\s*,\s*"[^"\\]*"\s*:\s*"[^"\\]*")*\s*)\]/g;

export function repairJson(input: string): Repaired {
  const flags = new Set<string>();
  let s = input;
  if (PAIR_LIST.test(s)) {
    PAIR_LIST.lastIndex = 0;
    s = s.replace(PAIR_LIST, (_m, body: string) => {
      const pairs = body.match(/"[^"\\]*"\s*:\s*"[^"\\]*"/g) ?? [];
      return `[${pairs.map((p) => `{${p}}`).join(',')}]`;
    });
    flags.add('pair_list');
  }
  const out: string[] = [];
  const stack: Frame[] = [];
  let prevValue = false;
  let safeLen = -1;
  let safeDepth = 0;
  let rootDone = false;
  let truncated = false;
  const n = s.length;
  const markSafe = () => {
    safeLen = out.length;
    safeDepth = stack.length;
  };
  const valueDone = () => {
    prevValue = true;
    if (stack.length === 0) rootDone = true;
    else markSafe();
  };
  const missingComma = () => {
    if (prevValue && stack.length > 0) {
      out.push(',');
      flags.add('missing_comma');
      const top = stack[stack.length - 1]!;
      if (top.object) top.expectKey = true;
    }
  };
  let i = 0;
  while (i < n && !rootDone) {
    const c = s[i]!;
    if (c === '"') {
      missingComma();
      let j = i + 1;
      let buf = '"';
      let closed = false;
      let runStart = j;
      while (j < n) {
        const ch = s.charCodeAt(j);
        if (ch === 34) {
          buf += s.slice(runStart, j);
          closed = true;
          j++;
          break;
        }
        if (ch === 92) {
          buf += s.slice(runStart, j);
          const next = s[j + 1];
          if (next === undefined) {
            j++;
            runStart = j;
            break;
          }
          if (VALID_ESCAPES.includes(next)) buf += `\\${next}`;
          else if (next === 'u' && /^[0-9a-fA-F]{4}$/.test(s.slice(j + 2, j + 6))) {
            buf += s.slice(j, j + 6);
            j += 4;
          } else if (next === "'") flags.add('invalid_escape');
          else {
            buf += `\\\\${next}`;
            flags.add('invalid_escape');
          }
          j += 2;
          runStart = j;
          continue;
        }
        if (ch < 32) {
          buf += `${s.slice(runStart, j)}\\u${ch.toString(16).padStart(4, '0')}`;
          flags.add('control_char');
          j++;
          runStart = j;
          continue;
        }
        j++;
      }
      if (!closed) {
        truncated = true;
        break;
      }
      out.push(`${buf}"`);
      i = j;
      const top = stack[stack.length - 1];
      if (top?.object && top.expectKey) {
        top.expectKey = false;
        prevValue = false;
      } else valueDone();
      continue;
    }
    if (c === ' ' || c === '\t' || c === '\n' || c === '\r') {
      i++;
      continue;
    }
    if (c === '{' || c === '[') {
      missingComma();
      out.push(c);
      stack.push({ object: c === '{', expectKey: c === '{' });
      prevValue = false;
      i++;
      continue;
    }
    if (c === '}' || c === ']') {
      if (stack.length === 0) {
        flags.add('unbalanced');
        i++;
        continue;
      }
      if (out[out.length - 1] === ',') {
        out.pop();
        flags.add('trailing_comma');
      }
      const frame = stack.pop()!;
      out.push(frame.object ? '}' : ']');
      if ((c === '}') !== frame.object) flags.add('unbalanced');
      i++;
      valueDone();
      continue;
    }
    if (c === ',') {
      i++;
      if (stack.length === 0 && out.length === 0) {
        // C6: `,"id":1}`: the reply lost its opening brace.
        out.push('{');
        stack.push({ object: true, expectKey: true });
        flags.add('leading_comma');
        continue;
      }
      if (!prevValue) {
        flags.add('stray_comma');
        continue;
      }
      out.push(',');
      prevValue = false;
      const top = stack[stack.length - 1];
      if (top?.object) top.expectKey = true;
      continue;
    }
    if (c === ':') {
      out.push(':');
      prevValue = false;
      i++;
      continue;
    }
    let j = i;
    while (j < n && /[A-Za-z0-9+\-._]/.test(s[j]!)) j++;
    if (j === i) {
      flags.add('garbage');
      i++;
      continue;
    }
    const token = s.slice(i, j);
    missingComma();
    if (NON_FINITE.test(token)) {
      out.push('null');
      flags.add('non_finite');
    } else if (token === 'true' || token === 'false' || token === 'null' || JSON_NUMBER.test(token)) {
      out.push(token);
    } else if (LOOSE_NUMBER.test(token) && Number.isFinite(Number(token))) {
      out.push(String(Number(token)));
      flags.add('loose_number');
    } else {
      out.push('null');
      flags.add('garbage');
    }
    i = j;
    // A number that runs into the end of the input may itself be cut short.
    if (j >= n && stack.length > 0) {
      truncated = true;
      break;
    }
    valueDone();
  }
  if (!rootDone && stack.length > 0) truncated = true;
  if (rootDone && s.slice(i).trim() !== '') flags.add('trailing_data');
  if (truncated) {
    flags.add('truncated');
    if (safeLen < 0) return { text: '', flags: [...flags], truncated };
    const kept = out.slice(0, safeLen);
    const open = stack.slice(0, safeDepth);
    for (let k = open.length - 1; k >= 0; k--) kept.push(open[k]!.object ? '}' : ']');
    return { text: kept.join(''), flags: [...flags], truncated };
  }
  return { text: out.join(''), flags: [...flags], truncated };
}

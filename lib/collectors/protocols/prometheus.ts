/**
 * Prometheus text exposition format 0.0.4 parser (reference §4.5, following prom-common
 * `expfmt/text_parse.go`). Tolerant at the family level, strict at the line level: a bad line is
 * skipped and reported with the reference parser's reason, the rest of the scrape still counts,
 * because one unescaped label value from an exporter must not blank a whole GPU server.
 */
export type PromType = 'counter' | 'gauge' | 'histogram' | 'summary' | 'untyped';
export type PromSample = {
  name: string;
  labels: Record<string, string>;
  value: number;
  timestampMs?: number;
};
export type PromFamily = { name: string; type: PromType; help?: string; samples: PromSample[] };
export type PromLineError = { line: number; message: string };
export type PromParse = { families: Map<string, PromFamily>; errors: PromLineError[] };

const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*/;
const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*/;
const TYPES = new Set<PromType>(['counter', 'gauge', 'histogram', 'summary', 'untyped']);
// Go ParseFloat syntax minus hex floats and digit separators, which the reference parser rejects.
const FLOAT = /^[-+]?((\d+\.?\d*|\.\d+)([eE][-+]?\d+)?|inf|infinity|nan)$/i;
const INT = /^-?\d+$/;

class LineError extends Error {}

function parseFloatGo(text: string): number {
  if (!FLOAT.test(text)) throw new LineError(`expected float as value, got "${text.slice(0, 40)}"`);
  const lower = text.toLowerCase().replace(/^\+/, '');
  if (lower === 'nan' || lower === '-nan') return Number.NaN;
  if (lower === 'inf' || lower === 'infinity') return Number.POSITIVE_INFINITY;
  if (lower === '-inf' || lower === '-infinity') return Number.NEGATIVE_INFINITY;
  return Number(text);
}

function unescapeHelp(text: string): string {
  return text.replace(/\\(\\|n)/g, (_m, c: string) => (c === 'n' ? '\n' : '\\'));
}

/** Reads a quoted string at `i` (which points at `"`); returns the value and the index after it. */
function readQuoted(line: string, i: number): [string, number] {
  let out = '';
  let j = i + 1;
  while (j < line.length) {
    const c = line[j]!;
    if (c === '"') return [out, j + 1];
    if (c === '\\') {
      const n = line[j + 1];
      if (n === '\\' || n === '"') out += n;
      else if (n === 'n') out += '\n';
      else throw new LineError(`invalid escape sequence '\\${n ?? ''}'`);
      j += 2;
      continue;
    }
    out += c;
    j++;
  }
  throw new LineError('unterminated label value');
}

const skipBlank = (line: string, i: number) => {
  while (line[i] === ' ' || line[i] === '\t') i++;
  return i;
};

function parseSampleLine(line: string): PromSample {
  let i = 0;
  let name = '';
  const m = METRIC_NAME.exec(line);
  if (m) {
    name = m[0];
    i = m[0].length;
  } else if (line[0] !== '{') throw new LineError('invalid metric name');
  i = skipBlank(line, i);
  const labels: Record<string, string> = {};
  if (line[i] === '{') {
    i = skipBlank(line, i + 1);
    while (line[i] !== '}') {
      if (i >= line.length) throw new LineError('unexpected end of label set');
      let label: string;
      if (line[i] === '"') {
        // Newer spec: quoted UTF-8 names; a quoted token without `=` is the metric name.
        const [q, next] = readQuoted(line, i);
        i = skipBlank(line, next);
        if (line[i] !== '=') {
          if (name) throw new LineError('metric name given twice');
          name = q;
          if (line[i] === ',') i = skipBlank(line, i + 1);
          continue;
        }
        label = q;
      } else {
        const lm = LABEL_NAME.exec(line.slice(i));
        if (!lm) throw new LineError(`invalid label name at column ${i + 1}`);
        label = lm[0];
        i = skipBlank(line, i + label.length);
      }
      if (label === '__name__') throw new LineError('label name "__name__" is reserved');
      if (line[i] !== '=') throw new LineError(`expected '=' after label name "${label}"`);
      i = skipBlank(line, i + 1);
      if (line[i] !== '"') throw new LineError(`expected '"' to open the value of "${label}"`);
      const [value, next] = readQuoted(line, i);
      if (Object.hasOwn(labels, label)) throw new LineError(`duplicate label names ("${label}")`);
      labels[label] = value;
      i = skipBlank(line, next);
      if (line[i] === ',') i = skipBlank(line, i + 1);
      else if (line[i] !== '}') throw new LineError(`unexpected character after label value of "${label}"`);
    }
    i++;
  }
  if (!name) throw new LineError('sample without a metric name');
  const rest = line
    .slice(i)
    .trim()
    .split(/[ \t]+/);
  if (rest.length === 0 || rest[0] === '') throw new LineError('expected float as value, got end of line');
  const value = parseFloatGo(rest[0]!);
  let timestampMs: number | undefined;
  if (rest.length >= 2) {
    if (!INT.test(rest[1]!))
      throw new LineError(`expected integer as timestamp, got "${rest[1]!.slice(0, 30)}"`);
    timestampMs = Number(rest[1]);
  }
  if (rest.length > 2) throw new LineError('spurious string after timestamp');
  return timestampMs === undefined ? { name, labels, value } : { name, labels, value, timestampMs };
}

/** The family a sample belongs to: `x_bucket`/`x_sum`/`x_count` of a histogram or summary `x`. */
function familyName(name: string, families: Map<string, PromFamily>): string {
  for (const suffix of ['_bucket', '_sum', '_count']) {
    if (!name.endsWith(suffix)) continue;
    const base = name.slice(0, -suffix.length);
    const f = families.get(base);
    if (f && (f.type === 'histogram' || (f.type === 'summary' && suffix !== '_bucket'))) return base;
  }
  return name;
}

export function parsePrometheusText(text: string): PromParse {
  const families = new Map<string, PromFamily>();
  const errors: PromLineError[] = [];
  const family = (name: string) => {
    let f = families.get(name);
    if (!f) {
      f = { name, type: 'untyped', samples: [] };
      families.set(name, f);
    }
    return f;
  };
  const typed = new Set<string>();
  const helped = new Set<string>();
  const lines = text.split('\n');
  for (let n = 0; n < lines.length; n++) {
    const line = lines[n]!.replace(/\r$/, '').trim();
    if (line === '') continue;
    try {
      if (line.startsWith('#')) {
        const m = /^#[ \t]+(HELP|TYPE)[ \t]+(\S+)(?:[ \t]+(.*))?$/.exec(line);
        if (!m) continue;
        const [, keyword, name, arg = ''] = m;
        if (!METRIC_NAME.test(name!) || METRIC_NAME.exec(name!)![0] !== name)
          throw new LineError('invalid metric name in comment');
        if (keyword === 'HELP') {
          if (helped.has(name!)) throw new LineError(`second HELP line for metric name "${name}"`);
          helped.add(name!);
          family(name!).help = unescapeHelp(arg);
        } else {
          const type = arg.trim().toLowerCase() as PromType;
          if (!TYPES.has(type)) throw new LineError(`unknown metric type "${arg.trim()}"`);
          const f = family(name!);
          if (typed.has(name!) || f.samples.length > 0)
            throw new LineError(`second TYPE line for metric name "${name}", or TYPE reported after samples`);
          typed.add(name!);
          f.type = type;
        }
        continue;
      }
      const sample = parseSampleLine(line);
      family(familyName(sample.name, families)).samples.push(sample);
    } catch (err) {
      errors.push({ line: n + 1, message: err instanceof Error ? err.message : String(err) });
    }
  }
  return { families, errors };
}

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixture } from './fixtures';
import { parsePrometheusText } from './prometheus';

describe('Prometheus text format', () => {
  it('spec torture test (E4.5)', () => {
    const { families, errors } = parsePrometheusText(fixture('prom/spec-torture.prom'));
    expect(errors).toEqual([]);
    const req = families.get('http_requests_total')!;
    expect(req.type).toBe('counter');
    expect(req.help).toBe('The total number of HTTP requests.');
    expect(req.samples[1]).toEqual({
      name: 'http_requests_total',
      labels: { method: 'post', code: '400' },
      value: 3,
      timestampMs: 1395066363000,
    });
    expect(families.get('msdos_file_access_time_seconds')!.samples[0]!.labels).toEqual({
      path: 'C:\\DIR\\FILE.TXT',
      error: 'Cannot find file:\n"FILE.TXT"',
    });
    expect(families.get('something_weird')!.samples[0]).toMatchObject({
      value: Infinity,
      timestampMs: -3982045,
    });
    expect(families.get('tabbed_metric')!.samples[0]).toMatchObject({
      labels: { a: '1' },
      value: Number.NaN,
    });
    expect(families.get('empty_braces')!.samples[0]!.value).toBe(-Infinity);
    const hist = families.get('http_request_duration_seconds')!;
    expect(hist.type).toBe('histogram');
    expect(hist.samples.map((s) => s.name)).toContain('http_request_duration_seconds_count');
    expect(hist.samples.find((s) => s.labels.le === '+Inf')!.value).toBe(144320);
    const summary = families.get('rpc_duration_seconds')!;
    expect(summary.samples).toHaveLength(4);
    expect(summary.samples[2]!.value).toBe(1.7560473e7);
  });

  it.each([
    ['bad_escape{path="C:\\DIR"} 1', 'invalid escape sequence'],
    ['dup_labels{a="1",a="2"} 1', 'duplicate label names'],
    ['no_value{a="1"}', 'expected float as value'],
    ['spurious{a="1"} 1 1395066363000 extra', 'spurious string after timestamp'],
    ['bad_ts{a="1"} 1 1.5', 'expected integer as timestamp'],
    ['hexfloat 0x1p-2', 'expected float as value'],
    ['# TYPE twice gauge\n# TYPE twice counter', 'second TYPE line'],
    ['reserved{__name__="x"} 1', '"__name__" is reserved'],
    ['# HELP h one\n# HELP h two', 'second HELP line'],
    ['x 1\n# TYPE x gauge', 'TYPE reported after samples'],
    ['unterminated{a="1} 1', 'unterminated label value'],
    ['sep 1_000', 'expected float as value'],
  ])('rejects %j (E4.6)', (text, message) => {
    const { errors } = parsePrometheusText(text);
    expect(errors).toHaveLength(1);
    expect(errors[0]!.message).toContain(message);
  });

  it('a bad line does not hide the good ones', () => {
    const { families, errors } = parsePrometheusText('a 1\nb{x="\\q"} 2\nc 3\n');
    expect([...families.keys()]).toEqual(['a', 'c']);
    expect(errors[0]!.line).toBe(2);
  });

  it('accepts quoted UTF-8 names, spaces after commas, blanks before braces, # EOF', () => {
    const { families, errors } = parsePrometheusText(
      '{"my.dotted.metric", "error.message"="Not Found"} 1\nDCGM_FI_DEV_DEC_UTIL {gpu="0", UUID="u"} 5\n# EOF\n',
    );
    expect(errors).toEqual([]);
    expect(families.get('my.dotted.metric')!.samples[0]!.labels).toEqual({ 'error.message': 'Not Found' });
    expect(families.get('DCGM_FI_DEV_DEC_UTIL')!.samples[0]!.labels).toEqual({ gpu: '0', UUID: 'u' });
  });

  it('never throws: random text and every truncation of the torture test', () => {
    const text = fixture('prom/spec-torture.prom');
    for (let cut = 0; cut <= text.length; cut++) parsePrometheusText(text.slice(0, cut));
    fc.assert(
      fc.property(
        fc.string({
          unit: fc.constantFrom('a', '{', '}', '"', '\\', '=', ',', ' ', '\n', '#', '1', 'e', '+', 'N'),
        }),
        (s) => {
          expect(parsePrometheusText(s).families).toBeInstanceOf(Map);
        },
      ),
      { numRuns: 3000 },
    );
  }, 30_000);
});

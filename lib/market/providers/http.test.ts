import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { backoffDelayMs, type FetchLike, fetchWithRetry, type HttpOptions, parseRetryAfterMs } from './http';
import { ProviderError } from './result';

type Step = { status: number; body?: string; headers?: Record<string, string> } | { throws: Error } | 'hang';

/** A fake fetch that plays a script of answers and records calls; 'hang' never answers (until aborted). */
function scripted(steps: Step[]) {
  const calls: { url: string; signal: AbortSignal }[] = [];
  const fetch: FetchLike = async (url, init) => {
    calls.push({ url, signal: init.signal });
    const step = steps[Math.min(calls.length - 1, steps.length - 1)]!;
    if (step === 'hang') return new Promise(() => {});
    if ('throws' in step) throw step.throws;
    return {
      status: step.status,
      headers: new Headers(step.headers ?? {}),
      text: async () => step.body ?? '',
    };
  };
  return { fetch, calls };
}

function harness(steps: Step[], extra: HttpOptions = {}) {
  const { fetch, calls } = scripted(steps);
  const sleeps: number[] = [];
  const options: HttpOptions = {
    fetch,
    sleep: async (ms) => {
      sleeps.push(ms);
    },
    random: () => 0.5,
    now: () => Date.UTC(2026, 10, 1),
    provider: 'test',
    ...extra,
  };
  return { calls, sleeps, options };
}

async function failure(p: Promise<unknown>): Promise<ProviderError> {
  try {
    await p;
  } catch (e) {
    if (e instanceof ProviderError) return e;
    throw e;
  }
  throw new Error('expected a ProviderError');
}

describe('fetchWithRetry', () => {
  it('returns the body of a 2xx answer', async () => {
    const h = harness([{ status: 200, body: '{"a":1}', headers: { 'content-type': 'application/json' } }]);
    const res = await fetchWithRetry('https://x.test/a', h.options);
    expect(res).toEqual({ status: 200, text: '{"a":1}', contentType: 'application/json' });
    expect(h.calls).toHaveLength(1);
    expect(h.sleeps).toEqual([]);
  });

  it.each([
    ['5xx', { status: 503, body: 'busy' }],
    ['a network error', { throws: new TypeError('fetch failed') }],
  ] as const)('retries after %s with backoff, then succeeds', async (_name, first) => {
    const h = harness([first, { status: 200, body: 'ok' }]);
    const res = await fetchWithRetry('https://x.test/a', h.options);
    expect(res.text).toBe('ok');
    expect(h.calls).toHaveLength(2);
    expect(h.sleeps).toEqual([375]); // 500 ms step, equal jitter at random 0.5 → 250 + 125
  });

  it('backs off exponentially and gives up after the configured retries', async () => {
    const h = harness([{ status: 500, body: 'oops' }], { retries: 3, backoffMs: 100 });
    const err = await failure(fetchWithRetry('https://x.test/a', h.options));
    expect(err.code).toBe('http_status');
    expect(err.status).toBe(500);
    expect(err.bodySnippet).toBe('oops');
    expect(h.calls).toHaveLength(4);
    expect(h.sleeps).toEqual([75, 150, 300]);
  });

  it.each([400, 401, 403, 404, 422])('does not retry HTTP %i', async (status) => {
    const h = harness([{ status, body: 'no' }]);
    const err = await failure(fetchWithRetry('https://x.test/a', h.options));
    expect([err.code, err.status, h.calls.length]).toEqual(['http_status', status, 1]);
  });

  it('honours Retry-After seconds on 429', async () => {
    const h = harness([
      { status: 429, headers: { 'retry-after': '7' } },
      { status: 200, body: 'ok' },
    ]);
    await fetchWithRetry('https://x.test/a', h.options);
    expect(h.sleeps).toEqual([7000]);
  });

  it('honours a Retry-After HTTP date on 429', async () => {
    const date = new Date(Date.UTC(2026, 10, 1, 0, 0, 12)).toUTCString();
    const h = harness([
      { status: 429, headers: { 'retry-after': date } },
      { status: 200, body: 'ok' },
    ]);
    await fetchWithRetry('https://x.test/a', h.options);
    expect(h.sleeps).toEqual([12_000]);
  });

  it('fails at once when Retry-After is longer than we are willing to wait (ENTSO-E 10-minute ban)', async () => {
    const h = harness([
      { status: 429, headers: { 'retry-after': '600' } },
      { status: 200, body: 'ok' },
    ]);
    const err = await failure(fetchWithRetry('https://x.test/a', h.options));
    expect(err.code).toBe('rate_limited');
    expect(h.calls).toHaveLength(1);
  });

  it.each([
    ['an HTML page', { status: 200, body: '<!DOCTYPE html><html><body>502</body></html>' }, 'html'],
    [
      'text/html content',
      { status: 200, body: 'oops', headers: { 'content-type': 'text/html; charset=utf-8' } },
      'html',
    ],
    ['an empty body', { status: 200, body: '' }, 'empty'],
    ['a blank body', { status: 200, body: ' \n ' }, 'empty'],
  ] as const)('rejects %s on 2xx without retrying', async (_name, step, code) => {
    const h = harness([step, { status: 200, body: 'ok' }]);
    const err = await failure(fetchWithRetry('https://x.test/a', h.options));
    expect(err.code).toBe(code);
    expect(h.calls).toHaveLength(1);
  });

  it('times out a hanging request, aborts it, and retries', async () => {
    const h = harness(['hang', { status: 200, body: 'late but fine' }], { timeoutMs: 20 });
    const res = await fetchWithRetry('https://x.test/a', h.options);
    expect(res.text).toBe('late but fine');
    expect(h.calls[0]!.signal.aborted).toBe(true);
    expect(h.calls).toHaveLength(2);
  });

  it('reports a timeout when every attempt hangs', async () => {
    const h = harness(['hang'], { timeoutMs: 10, retries: 1 });
    const err = await failure(fetchWithRetry('https://x.test/a', h.options));
    expect(err.code).toBe('timeout');
    expect(err.retryable).toBe(true);
    expect(h.calls).toHaveLength(2);
  });

  it('never puts the URL (which may carry a token) into the error message', async () => {
    const h = harness([{ throws: new TypeError('fetch failed') }], { retries: 0 });
    const err = await failure(fetchWithRetry('https://x.test/api?securityToken=SECRET123', h.options));
    expect(err.message).not.toContain('SECRET123');
  });

  it('reports each retry to onRetry', async () => {
    const seen: number[] = [];
    const h = harness([{ status: 502 }, { status: 502 }, { status: 200, body: 'ok' }], {
      onRetry: (info) => seen.push(info.attempt),
    });
    await fetchWithRetry('https://x.test/a', h.options);
    expect(seen).toEqual([1, 2]);
  });
});

describe('backoffDelayMs', () => {
  it('stays within [step/2, step] and never exceeds the cap', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 30 }),
        fc.integer({ min: 1, max: 10_000 }),
        fc.integer({ min: 1, max: 100_000 }),
        fc.double({ min: 0, max: 0.999_999, noNaN: true }),
        (attempt, base, max, r) => {
          const step = Math.min(max, base * 2 ** attempt);
          const d = backoffDelayMs(attempt, base, max, () => r);
          return d >= Math.floor(step / 2) && d <= Math.ceil(step);
        },
      ),
    );
  });
});

describe('parseRetryAfterMs', () => {
  const now = Date.UTC(2026, 0, 1);
  it.each([
    [null, undefined],
    ['0', 0],
    ['120', 120_000],
    ['Thu, 01 Jan 2026 00:01:00 GMT', 60_000],
    ['Wed, 31 Dec 2025 23:00:00 GMT', 0],
    ['soon', undefined],
  ])('%s → %s', (value, expected) => {
    expect(parseRetryAfterMs(value, now)).toBe(expected);
  });
});

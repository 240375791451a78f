import { describe, expect, it } from 'vitest';
import type { NetworkPoint } from '../types';
import { fixture } from './__fixtures__/fixture';
import { parseCoinbaseSpot } from './coinbase';
import { createLastGoodCache } from './last-good';

function logger() {
  const lines: { message: string; fields?: Record<string, unknown> }[] = [];
  return {
    lines,
    warn: (message: string, fields?: Record<string, unknown>) => lines.push({ message, fields }),
  };
}

describe('createLastGoodCache', () => {
  it('keeps the last good value when a provider sends garbage, and logs why', () => {
    const log = logger();
    const cache = createLastGoodCache<NetworkPoint>(log);
    const first = cache.accept(
      'coinbase:btc_usd',
      parseCoinbaseSpot(fixture('coinbase-spot.json'), 1000),
      1000,
    );
    expect(first.value?.value).toBe(93450.12);

    for (const [file, code] of [
      ['html-error-page.html', 'html'],
      ['empty.txt', 'empty'],
      ['coinbase-spot-zero.json', 'absurd_value'],
      ['coinbase-spot-changed-shape.json', 'shape'],
    ] as const) {
      const kept = cache.accept('coinbase:btc_usd', parseCoinbaseSpot(fixture(file), 2000), 2000);
      expect(kept.value?.value).toBe(93450.12);
      expect(kept.acceptedAtMs).toBe(1000);
      expect(kept.lastError?.code).toBe(code);
      expect(log.lines.at(-1)!.message).toContain(`rejected (${code})`);
      expect(log.lines.at(-1)!.fields).toMatchObject({ provider: 'coinbase', code, lastGoodAtMs: 1000 });
    }
  });

  it('clears the error on the next good answer and logs warnings', () => {
    const log = logger();
    const cache = createLastGoodCache<number>(log);
    const empty = parseCoinbaseSpot('', 0);
    if (empty.ok) throw new Error('expected a rejection');
    cache.accept('k', { ok: false, error: empty.error }, 1);
    expect(cache.get('k')).toMatchObject({ value: undefined, acceptedAtMs: undefined });
    const next = cache.accept('k', { ok: true, value: 5, warnings: ['2 positions missing'] }, 2);
    expect(next).toEqual({ value: 5, acceptedAtMs: 2, lastError: undefined });
    expect(log.lines.map((l) => l.message)).toEqual([
      'market k: rejected (empty) empty response body; keeping last good value',
      'market k: 2 positions missing',
    ]);
  });
});

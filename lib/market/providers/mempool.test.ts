import { describe, expect, it } from 'vitest';
import { fixture } from './__fixtures__/fixture';
import type { FetchLike } from './http';
import {
  parseBlockFees,
  parseDifficultyAdjustment,
  parseHashrateHistory,
  parseRewardStats,
  parseTipHeight,
} from './mempool';
import { fetchDifficultyAdjustment, fetchMempoolHistory, fetchMempoolLatest } from './mempool-fetch';

const NOW = Date.UTC(2026, 10, 15, 12);
const html = fixture('html-error-page.html');
const empty = fixture('empty.txt');

describe('parseDifficultyAdjustment', () => {
  it('reads the current (millisecond) field set', () => {
    const r = parseDifficultyAdjustment(fixture('mempool-difficulty-adjustment.json'));
    expect(r.ok && r.value).toEqual({
      progressPercent: 44.397234501112074,
      difficultyChangePct: 2.45932018381687,
      previousRetargetPct: -4.807005268478962,
      estimatedRetargetDateMs: 1790912478000,
      remainingBlocks: 1121,
      remainingTimeMs: 665977000,
      nextRetargetHeight: 969696,
      timeAvgMs: 594089,
      previousRetargetTimeMs: 1790180000000,
    });
  });

  it('rejects the docs example whose times are in seconds', () => {
    const r = parseDifficultyAdjustment(fixture('mempool-difficulty-adjustment-seconds.json'));
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe('absurd_value');
      expect(r.error.message).toMatch(/estimatedRetargetDate .* looks like seconds/);
    }
  });

  it.each([
    ['HTML page', html, 'html'],
    ['empty body', empty, 'empty'],
    ['truncated JSON', '{"progressPercent": 4', 'bad_json'],
    ['changed shape', '{"progress": 44}', 'shape'],
  ])('rejects %s', (_n, text, code) => {
    const r = parseDifficultyAdjustment(text);
    expect(!r.ok && r.error.code).toBe(code);
  });
});

describe('parseHashrateHistory', () => {
  it('maps `time` entries to difficulty points and H/s to EH/s, plus current values at now', () => {
    const r = parseHashrateHistory(fixture('mempool-hashrate-1w.json'), NOW);
    if (!r.ok) throw r.error;
    const difficulty = r.value.filter((p) => p.series === 'difficulty');
    const hashrate = r.value.filter((p) => p.series === 'network_hashrate_ehs');
    expect(difficulty.map((p) => p.ts)).toEqual([1789000000000, 1790180000000, NOW]);
    expect(difficulty.at(-1)!.value).toBe(148752134554321.4);
    expect(hashrate).toHaveLength(4);
    expect(hashrate[0]).toEqual({
      series: 'network_hashrate_ehs',
      ts: 1790294400000,
      value: 1071.6,
      provider: 'mempool',
    });
    expect(hashrate.at(-1)!.value).toBeCloseTo(1079.23, 2);
  });

  it('accepts the docs variant that names the field `timestamp`', () => {
    const r = parseHashrateHistory(fixture('mempool-hashrate-docs-timestamp.json'), NOW);
    if (!r.ok) throw r.error;
    expect(r.value.find((p) => p.series === 'difficulty')).toMatchObject({
      ts: 1652468330000,
      value: 31251101365711.12,
    });
  });

  it.each([
    [
      'negative difficulty',
      fixture('mempool-hashrate-negative-difficulty.json'),
      'absurd_value',
      /difficulty .* must be > 0/,
    ],
    ['changed shape', fixture('mempool-hashrate-changed-shape.json'), 'shape', /hashrates/],
    ['HTML page', html, 'html', /HTML/],
    ['empty body', empty, 'empty', /empty/],
  ])('rejects %s', (_n, text, code, message) => {
    const r = parseHashrateHistory(text, NOW);
    expect(r.ok).toBe(false);
    if (!r.ok) {
      expect(r.error.code).toBe(code);
      expect(r.error.message).toMatch(message);
    }
  });

  it('rejects millisecond timestamps where seconds are documented', () => {
    const text = fixture('mempool-hashrate-1w.json').replace('"time": 1789000000', '"time": 1789000000000');
    const r = parseHashrateHistory(text, NOW);
    expect(!r.ok && r.error.message).toMatch(/looks like milliseconds/);
  });
});

describe('parseRewardStats', () => {
  it.each([
    ['string sums (docs)', 'mempool-reward-stats.json', 1311748254 / 100 / 1e8, 736655],
    ['number sums', 'mempool-reward-stats-numbers.json', 470400000 / 144 / 1e8, 970144],
  ])('reads %s as average BTC fees per block', (_n, file, fees, height) => {
    const r = parseRewardStats(fixture(file), NOW);
    if (!r.ok) throw r.error;
    expect(r.value).toEqual([
      { series: 'fees_btc_per_block', ts: NOW, value: fees, provider: 'mempool' },
      { series: 'block_height', ts: NOW, value: height, provider: 'mempool' },
    ]);
  });

  it.each([
    ['non-numeric sum', fixture('mempool-reward-stats-bad-sum.json'), 'shape'],
    [
      'fees above total reward',
      '{"startBlock":1,"endBlock":2,"totalReward":"10","totalFee":"20"}',
      'absurd_value',
    ],
    ['end before start', '{"startBlock":5,"endBlock":2,"totalReward":"10","totalFee":"1"}', 'absurd_value'],
    ['zero reward', '{"startBlock":1,"endBlock":2,"totalReward":0,"totalFee":0}', 'absurd_value'],
  ])('rejects %s', (_n, text, code) => {
    const r = parseRewardStats(text, NOW);
    expect(!r.ok && r.error.code).toBe(code);
  });
});

describe('parseBlockFees', () => {
  it('maps buckets to fees in BTC and keeps only non-zero USD prices', () => {
    const r = parseBlockFees(fixture('mempool-blocks-fees-1w.json'));
    if (!r.ok) throw r.error;
    expect(r.value.filter((p) => p.series === 'fees_btc_per_block').map((p) => p.value)).toEqual([
      0.04213, 0.03870512, 0.05120011,
    ]);
    expect(r.value.filter((p) => p.series === 'btc_usd').map((p) => p.value)).toEqual([91234, 90876]);
  });

  it('rejects negative fees', () => {
    const r = parseBlockFees('[{"avgHeight":1,"timestamp":1790000000,"avgFees":-5}]');
    expect(!r.ok && r.error.code).toBe('absurd_value');
  });
});

describe('parseTipHeight', () => {
  it('reads the text/plain height', () => {
    const r = parseTipHeight(fixture('mempool-tip-height.txt'), NOW);
    expect(r.ok && r.value).toEqual({ series: 'block_height', ts: NOW, value: 698767, provider: 'mempool' });
  });

  it.each([
    ['HTML page', html, 'html'],
    ['empty body', empty, 'empty'],
    ['JSON', '{"height":698767}', 'shape'],
    ['zero', '0', 'absurd_value'],
    ['negative', '-5', 'shape'],
  ])('rejects %s', (_n, text, code) => {
    const r = parseTipHeight(text, NOW);
    expect(!r.ok && r.error.code).toBe(code);
  });
});

describe('fetchMempoolLatest', () => {
  const routes: Record<string, string> = {
    '/v1/mining/hashrate/1w': fixture('mempool-hashrate-1w.json'),
    '/v1/mining/reward-stats/144': fixture('mempool-reward-stats-numbers.json'),
    '/blocks/tip/height': '970150',
  };
  const fakeFetch =
    (broken: string[] = []): FetchLike =>
    async (url) => {
      const path = new URL(url).pathname.replace(/^\/api/, '');
      const body = broken.includes(path) ? html : (routes[path] ?? '');
      return { status: 200, headers: new Headers(), text: async () => body };
    };

  it('combines current difficulty, hashrate, fees and tip height', async () => {
    const r = await fetchMempoolLatest({ nowMs: NOW, http: { fetch: fakeFetch() } });
    if (!r.ok) throw r.error;
    expect(r.value.map((p) => p.series).sort()).toEqual([
      'block_height',
      'difficulty',
      'fees_btc_per_block',
      'network_hashrate_ehs',
    ]);
    expect(r.value.every((p) => p.ts === NOW)).toBe(true);
    expect(r.value.find((p) => p.series === 'block_height')!.value).toBe(970150);
    expect(r.warnings).toEqual([]);
  });

  it('keeps the series that answered and warns about the rest', async () => {
    const r = await fetchMempoolLatest({
      nowMs: NOW,
      http: { fetch: fakeFetch(['/v1/mining/hashrate/1w']) },
    });
    if (!r.ok) throw r.error;
    expect(r.value.some((p) => p.series === 'difficulty')).toBe(false);
    expect(r.warnings).toHaveLength(1);
    expect(r.warnings[0]).toMatch(/^html/);
  });

  it('fails when nothing answered', async () => {
    const all = Object.keys(routes);
    const r = await fetchMempoolLatest({ nowMs: NOW, http: { fetch: fakeFetch(all) } });
    expect(!r.ok && r.error.code).toBe('html');
  });
});

describe('fetchMempoolHistory and fetchDifficultyAdjustment', () => {
  const fetch: FetchLike = async (url) => {
    const path = new URL(url).pathname;
    const body = path.endsWith('/v1/mining/hashrate/1m')
      ? fixture('mempool-hashrate-1w.json')
      : path.endsWith('/v1/mining/blocks/fees/1m')
        ? fixture('mempool-blocks-fees-1w.json')
        : path.endsWith('/v1/difficulty-adjustment')
          ? fixture('mempool-difficulty-adjustment.json')
          : '';
    return { status: 200, headers: new Headers(), text: async () => body };
  };

  it('returns dated history only (no "now" points), from a self-hosted base URL', async () => {
    const r = await fetchMempoolHistory(
      '1m',
      { nowMs: NOW, http: { fetch } },
      { baseUrl: 'http://mempool.local/api' },
    );
    if (!r.ok) throw r.error;
    expect(r.value.some((p) => p.ts === NOW)).toBe(false);
    expect(new Set(r.value.map((p) => p.series))).toEqual(
      new Set(['difficulty', 'network_hashrate_ehs', 'fees_btc_per_block', 'btc_usd']),
    );
  });

  it('fetches the difficulty adjustment', async () => {
    const r = await fetchDifficultyAdjustment({ nowMs: NOW, http: { fetch } });
    expect(r.ok && r.value.nextRetargetHeight).toBe(969696);
  });
});

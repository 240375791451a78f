import { describe, expect, it } from 'vitest';
import {
  etaSeconds,
  formatCount,
  formatDuration,
  formatProgressLine,
  ProgressLine,
  type ProgressState,
} from './progress';

const base: ProgressState = { label: 'history', done: 0, total: 1000, unit: 'samples', startedAtMs: 0 };

describe('etaSeconds', () => {
  it.each([
    [{ done: 0 }, 10_000, null],
    [{ done: 500 }, 100, null],
    [{ done: 500 }, 10_000, 10],
    [{ done: 250 }, 10_000, 30],
    [{ done: 1000 }, 10_000, 0],
    [{ done: 1200 }, 10_000, 0],
    [{ done: 10, total: 0 }, 10_000, null],
  ])('%o at %i ms → %s', (patch, now, expected) => {
    expect(etaSeconds({ ...base, ...patch }, now)).toBe(expected);
  });
});

describe('formatDuration / formatCount', () => {
  it.each([
    [0, '0 s'],
    [59.4, '59 s'],
    [61, '1 min 01 s'],
    [3599, '59 min 59 s'],
    [3720, '1 h 02 min'],
  ])('%d s → %s', (s, text) => expect(formatDuration(s)).toBe(text));

  it.each([
    [999, '999'],
    [12_345, '12k'],
    [1_234_567, '1.2M'],
    [37_000_000, '37M'],
  ])('%d → %s', (n, text) => expect(formatCount(n)).toBe(text));
});

describe('formatProgressLine', () => {
  it.each([
    [{ done: 0 }, 0, '[history] 0 of 1000 samples · 0 % · estimating time left'],
    [{ done: 250 }, 10_000, '[history] 250 of 1000 samples · 25 % · 25 samples/s · 30 s left'],
    [
      { done: 500, detail: 'day 2 of 7' },
      5_000,
      '[history] 500 of 1000 samples · 50 % · 100 samples/s · 5 s left · day 2 of 7',
    ],
    [{ unit: '', done: 2, total: 5 }, 4_000, '[history] 2 of 5 · 40 % · 6 s left'],
    [{ timed: true, total: 60 }, 20_000, '[history] 20 s elapsed · about 40 s left'],
    [
      { timed: true, total: 60, detail: 'Running TypeScript' },
      75_000,
      '[history] 1 min 15 s elapsed · taking longer than expected, still running · Running TypeScript',
    ],
  ])('%o at %i ms', (patch, now, line) => {
    expect(formatProgressLine({ ...base, ...patch }, now)).toBe(line);
  });
});

function recorder(isTTY: boolean) {
  const writes: string[] = [];
  let now = 0;
  const line = new ProgressLine({
    output: { isTTY, write: (text) => writes.push(text) },
    now: () => now,
    plainEveryMs: 5_000,
    ttyEveryMs: 100,
  });
  return { writes, line, at: (ms: number) => (now = ms) };
}

describe('ProgressLine', () => {
  it('redraws in place on a terminal and keeps other output above the line', () => {
    const { writes, line, at } = recorder(true);
    line.start('seed', 10, 'devices');
    at(50);
    line.update(3); // too soon after the last draw
    at(200);
    line.update(5);
    line.log('[db] hello');
    line.finish('[seed] done');
    expect(writes).toEqual([
      '\r\x1b[2K[seed] 0 of 10 devices · 0 % · estimating time left',
      '\r\x1b[2K[seed] 5 of 10 devices · 50 % · estimating time left',
      '\r\x1b[2K',
      '[db] hello\n',
      '\r\x1b[2K[seed] 5 of 10 devices · 50 % · estimating time left',
      '\r\x1b[2K',
      '[seed] done\n',
    ]);
  });

  it('prints plain lines at most every few seconds elsewhere (CI logs)', () => {
    const { writes, line, at } = recorder(false);
    line.start('history', 100, 'samples');
    for (let ms = 1000; ms <= 12_000; ms += 1000) {
      at(ms);
      line.update(ms / 200);
    }
    line.finish('[history] done');
    expect(writes).toEqual([
      '[history] 0 of 100 samples · 0 % · estimating time left\n',
      '[history] 25 of 100 samples · 25 % · 5 samples/s · 15 s left\n',
      '[history] 50 of 100 samples · 50 % · 5 samples/s · 10 s left\n',
      '[history] done\n',
    ]);
    expect(writes.some((w) => w.includes('\r'))).toBe(false);
  });
});

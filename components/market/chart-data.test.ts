import { describe, expect, it } from 'vitest';
import { dataKey, mergeSeries } from './chart-data';

describe('mergeSeries', () => {
  it('joins series on their bucket times and fills missing values with gaps', () => {
    const rows = mergeSeries([
      {
        key: 'a',
        points: [
          { ts: 2, value: 20 },
          { ts: 1, value: 10 },
        ],
      },
      {
        key: 'b',
        points: [
          { ts: 2, value: 5 },
          { ts: 3, value: 6 },
        ],
      },
    ]);
    expect(rows).toEqual([
      { ts: 1, a: 10, b: null },
      { ts: 2, a: 20, b: 5 },
      { ts: 3, a: null, b: 6 },
    ]);
  });

  it('keeps zero and negative prices (negative hours are real)', () => {
    expect(
      mergeSeries([
        {
          key: 'p',
          points: [
            { ts: 1, value: 0 },
            { ts: 2, value: -12.5 },
          ],
        },
      ]),
    ).toEqual([
      { ts: 1, p: 0 },
      { ts: 2, p: -12.5 },
    ]);
  });

  it.each([
    ['site:3', 'site_3'],
    ['gpu:h100-sxm', 'gpu_h100_sxm'],
  ])('%s → %s', (key, safe) => expect(dataKey(key)).toBe(safe));
});

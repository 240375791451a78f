import { describe, expect, it } from 'vitest';
import { uptimeShare } from './performance';

const c = (ts: number, fromStatus: string, toStatus: string) => ({ deviceId: 1, ts, fromStatus, toStatus });
describe('uptimeShare', () => {
  it.each([
    ['online all along', 'online', [], 1],
    ['offline all along', 'offline', [], 0],
    ['down for the middle half', 'online', [c(25, 'online', 'offline'), c(75, 'offline', 'degraded')], 0.5],
    ['curtailed is not up', 'curtailed', [c(50, 'curtailed', 'online')], 0.5],
    [
      'changes before the window set the start',
      'offline',
      [c(-5, 'offline', 'online'), c(200, 'online', 'offline')],
      1,
    ],
  ] as const)('%s', (_name, initial, changes, expected) => {
    expect(uptimeShare(initial, changes, 0, 100)).toBeCloseTo(expected, 9);
  });
});

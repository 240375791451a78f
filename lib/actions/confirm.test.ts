import { describe, expect, it } from 'vitest';
import {
  confirmDeadlineMs,
  judge,
  type LatestSample,
  type SentAction,
  samePool,
  staggerDueAt,
} from './confirm';

const sent = (over: Partial<SentAction>): SentAction => ({
  action: 'pause',
  params: {},
  sentAt: 1_000,
  deadlineAt: 181_000,
  nominalHashrateThs: 100,
  ...over,
});
const sample = (over: Partial<LatestSample>): LatestSample => ({
  ts: 31_000,
  hashrateThs: 100,
  powerW: 3000,
  poolUrl: 'stratum+tcp://pool.example.com:3333',
  ...over,
});

describe('judge', () => {
  it.each<[string, SentAction, LatestSample | null, number, string]>([
    ['pause seen', sent({}), sample({ hashrateThs: 0 }), 40_000, 'confirmed'],
    ['pause: near zero counts', sent({}), sample({ hashrateThs: 4.9 }), 40_000, 'confirmed'],
    ['pause: still hashing waits', sent({}), sample({ hashrateThs: 60 }), 40_000, 'waiting'],
    [
      'pause: a sample from before the send never confirms',
      sent({}),
      sample({ ts: 900, hashrateThs: 0 }),
      40_000,
      'waiting',
    ],
    [
      'pause: a sample at the send instant is not after it',
      sent({}),
      sample({ ts: 1_000, hashrateThs: 0 }),
      40_000,
      'waiting',
    ],
    ['pause: unknown hashrate waits', sent({}), sample({ hashrateThs: null }), 40_000, 'waiting'],
    ['pause: deadline without the change', sent({}), sample({ hashrateThs: 90 }), 181_000, 'timed_out'],
    ['pause: deadline without any sample', sent({}), null, 181_000, 'timed_out'],
    [
      'pause: micro miner without nameplate needs exactly zero',
      sent({ nominalHashrateThs: null }),
      sample({ hashrateThs: 0.0001 }),
      40_000,
      'waiting',
    ],
    ['resume seen', sent({ action: 'resume' }), sample({ hashrateThs: 80 }), 40_000, 'confirmed'],
    [
      'resume: ramping below 30 % waits',
      sent({ action: 'resume' }),
      sample({ hashrateThs: 20 }),
      40_000,
      'waiting',
    ],
    ['resume: zero waits', sent({ action: 'resume' }), sample({ hashrateThs: 0 }), 40_000, 'waiting'],
    ['reboot: reporting again', sent({ action: 'reboot' }), sample({}), 40_000, 'confirmed'],
    ['reboot: nothing since', sent({ action: 'reboot' }), sample({ ts: 500 }), 40_000, 'waiting'],
    [
      'pool: new pool active',
      sent({ action: 'switchPool', params: { poolUrl: 'stratum+tcp://new.example:3333' } }),
      sample({ poolUrl: 'STRATUM+TCP://new.example:3333/' }),
      40_000,
      'confirmed',
    ],
    [
      'pool: old pool still active',
      sent({ action: 'switchPool', params: { poolUrl: 'stratum+tcp://new.example:3333' } }),
      sample({}),
      40_000,
      'waiting',
    ],
    [
      'pool: unknown pool waits',
      sent({ action: 'switchPool', params: { poolUrl: 'stratum+tcp://new.example:3333' } }),
      sample({ poolUrl: null }),
      40_000,
      'waiting',
    ],
    [
      'power: within 15 %',
      sent({ action: 'setPowerTarget', params: { powerTargetW: 2500 } }),
      sample({ powerW: 2700 }),
      40_000,
      'confirmed',
    ],
    [
      'power: far off',
      sent({ action: 'setPowerTarget', params: { powerTargetW: 2500 } }),
      sample({ powerW: 3000 }),
      40_000,
      'waiting',
    ],
    [
      'power: small device, 3 W floor',
      sent({ action: 'setPowerTarget', params: { powerTargetW: 12 } }),
      sample({ powerW: 14.5 }),
      40_000,
      'confirmed',
    ],
    [
      'power: deadline',
      sent({ action: 'setPowerTarget', params: { powerTargetW: 2500 } }),
      sample({ powerW: 3000 }),
      200_000,
      'timed_out',
    ],
  ])('%s', (_name, action, latest, now, status) => {
    expect(judge(action, latest, now).status).toBe(status);
  });

  it('says why an action timed out', () => {
    const v = judge(sent({}), sample({ hashrateThs: 90 }), 181_000);
    expect(v).toEqual({ status: 'timed_out', reason: expect.stringContaining('hashrate 90 TH/s') });
    expect(judge(sent({}), null, 181_000)).toMatchObject({
      reason: 'no telemetry from the device since the action was sent',
    });
  });
});

describe('samePool', () => {
  it('ignores case and trailing slashes only', () => {
    expect(samePool('stratum+tcp://a:1/', 'STRATUM+TCP://a:1')).toBe(true);
    expect(samePool('stratum+tcp://a:1', 'stratum+tcp://a:2')).toBe(false);
  });
});

describe('stagger and deadlines', () => {
  it('starts one wave of batchSize per interval', () => {
    expect([0, 1, 2, 3, 4].map((i) => staggerDueAt(i, 1_000, 2, 30))).toEqual([
      1_000, 1_000, 31_000, 31_000, 61_000,
    ]);
    expect(staggerDueAt(5, 0, 10, 0)).toBe(0);
  });
  it('gives reboots twice the time', () => {
    expect(confirmDeadlineMs('reboot', 180)).toBe(360_000);
    expect(confirmDeadlineMs('pause', 180)).toBe(180_000);
  });
});

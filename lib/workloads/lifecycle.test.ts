import { describe, expect, it } from 'vitest';
import { allowedTransitions, checkTransition, holdsDevices, JOB_STATUSES, type JobStatus } from './lifecycle';

const legal: [JobStatus, JobStatus][] = [
  ['queued', 'cancelled'],
  ['scheduled', 'running'],
  ['scheduled', 'queued'],
  ['scheduled', 'failed'],
  ['scheduled', 'cancelled'],
  ['running', 'done'],
  ['running', 'failed'],
  ['running', 'cancelled'],
  ['running', 'preempted'],
  ['preempted', 'queued'],
  ['preempted', 'cancelled'],
];

describe('job lifecycle', () => {
  it.each(legal)('%s → %s is allowed', (from, to) => {
    expect(checkTransition(from, to)).toEqual({ ok: true });
  });

  it('allows exactly the listed transitions for requests (every other pair is refused)', () => {
    for (const from of JOB_STATUSES) {
      for (const to of JOB_STATUSES) {
        const expected = legal.some(([f, t]) => f === from && t === to);
        expect(checkTransition(from, to).ok, `${from} → ${to}`).toBe(expected);
      }
    }
  });

  it.each([
    ['queued', 'running', ['cancelled']],
    ['queued', 'done', ['cancelled']],
    ['running', 'queued', ['done', 'failed', 'cancelled', 'preempted']],
    ['preempted', 'running', ['queued', 'cancelled']],
    ['done', 'queued', []],
    ['cancelled', 'running', []],
  ] as [JobStatus, JobStatus, JobStatus[]][])('%s → %s is refused, naming %j', (from, to, allowed) => {
    const check = checkTransition(from, to);
    expect(check.ok).toBe(false);
    if (!check.ok) {
      expect(check.allowed).toEqual(allowed);
      for (const a of allowed) expect(check.message).toContain(a);
    }
  });

  it('only a placement schedules a job', () => {
    expect(checkTransition('queued', 'scheduled').ok).toBe(false);
    expect(checkTransition('queued', 'scheduled', 'placement').ok).toBe(true);
    expect(allowedTransitions('queued', 'placement')).toEqual(['scheduled', 'cancelled']);
  });

  it.each([
    ['queued', false],
    ['scheduled', true],
    ['running', true],
    ['preempted', false],
    ['done', false],
  ] as [JobStatus, boolean][])('%s holds devices: %s', (status, holds) => {
    expect(holdsDevices(status)).toBe(holds);
  });
});

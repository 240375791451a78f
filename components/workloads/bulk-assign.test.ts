import { describe, expect, it } from 'vitest';
import { ApiError } from '@/lib/api-client/fetch';
import type { AssignmentResponse } from '@/lib/api-client/types';
import type { AssignmentTarget } from '@/lib/api-client/workloads';
import { type BulkOutcome, runBulkAssignment } from './bulk-assign';

const ids = (t: AssignmentTarget) => ('deviceIds' in t ? t.deviceIds : []);

function answer(t: AssignmentTarget, refuse: number[] = []): AssignmentResponse {
  const results = ids(t).map((id) =>
    refuse.includes(id)
      ? { deviceId: id, name: `D-${id}`, ok: false, reason: 'device is offline' }
      : { deviceId: id, name: `D-${id}`, ok: true },
  );
  return {
    workload: { kind: 'idle' },
    assigned: results.filter((r) => r.ok).length,
    unchanged: 0,
    refused: refuse.length,
    results,
  };
}

describe('runBulkAssignment', () => {
  it('sends every chunk, reports progress and collects refusals and failed chunks per device', async () => {
    const requests = [[1, 2], [3, 4], [5]].map((d) => ({ target: { deviceIds: d }, deviceIds: d }));
    const progress: [number, number][] = [];
    const outcome = await runBulkAssignment(
      requests,
      async (t) => {
        if (ids(t).includes(3)) throw new ApiError(409, 'conflict', 'Device 3 was assigned concurrently');
        return answer(t, [5]);
      },
      (o: BulkOutcome, total) => progress.push([o.done, total]),
      new Map([[4, 'D-4']]),
    );
    expect(progress).toEqual([
      [2, 5],
      [4, 5],
      [5, 5],
    ]);
    expect(outcome.assigned).toBe(2);
    expect(outcome.failures).toEqual([
      { deviceId: 3, name: null, reason: 'Device 3 was assigned concurrently' },
      { deviceId: 4, name: 'D-4', reason: 'Device 3 was assigned concurrently' },
      { deviceId: 5, name: 'D-5', reason: 'device is offline' },
    ]);
  });

  it('uses the per-device reasons of a refused job placement', async () => {
    const outcome = await runBulkAssignment(
      [{ target: { deviceIds: [7, 8] }, deviceIds: [7, 8] }],
      async () => {
        throw new ApiError(409, 'conflict', 'Job 1 cannot be placed', {
          results: [
            { deviceId: 7, name: 'G7', ok: false, reason: 'needs 8 GPUs' },
            { deviceId: 8, name: 'G8', ok: true },
          ],
        });
      },
      () => {},
    );
    expect(outcome.failures.map((f) => f.reason)).toEqual([
      'needs 8 GPUs (Job 1 cannot be placed)',
      'Job 1 cannot be placed',
    ]);
  });

  it('stops between chunks when cancelled', async () => {
    let sent = 0;
    const requests = [[1], [2], [3]].map((d) => ({ target: { deviceIds: d }, deviceIds: d }));
    const outcome = await runBulkAssignment(
      requests,
      async (t) => {
        sent++;
        return answer(t);
      },
      () => {},
      new Map(),
      () => sent >= 2,
    );
    expect(sent).toBe(2);
    expect(outcome.done).toBe(2);
  });
});

import { describe, expect, it } from 'vitest';
import type { AssignmentView, DeviceRow } from '@/lib/api-client/types';
import {
  type BoardDevice,
  type BoardFilter,
  joinWorkloads,
  matchesFilter,
  planRequests,
  pruneSelection,
  summariseChanges,
  workloadLabel,
} from './board-logic';

function device(id: number, over: Partial<DeviceRow> = {}): DeviceRow {
  return {
    id,
    name: `D-${id}`,
    serial: `SN${id}`,
    class: 'asic',
    status: 'online',
    rackId: 1,
    siteId: 9,
    ...over,
  } as DeviceRow;
}
const assignment = (deviceId: number, over: Partial<AssignmentView>): AssignmentView =>
  ({ deviceId, kind: 'idle', poolName: null, jobName: null, ...over }) as AssignmentView;
const board = (devices: DeviceRow[], current: AssignmentView[] = []) => joinWorkloads(devices, current);

describe('workloadLabel', () => {
  it.each([
    [null, 'unassigned'],
    [{ kind: 'pool', poolName: 'Main', jobName: null }, 'pool Main'],
    [{ kind: 'job', poolName: null, jobName: 'Train' }, 'job Train'],
    [{ kind: 'curtail', poolName: null, jobName: null }, 'curtail'],
  ] as const)('%o → %s', (a, expected) => expect(workloadLabel(a)).toBe(expected));
});

describe('matchesFilter', () => {
  const [d] = board(
    [device(1, { name: 'Antminer-7', rackId: 2, class: 'gpu', status: 'degraded' })],
    [assignment(1, { kind: 'rent' })],
  );
  const none: BoardFilter = { q: '', rack: null, class: [], status: [], workload: [] };
  it.each([
    ['no filter', none, true],
    ['name, any case', { ...none, q: 'antminer' }, true],
    ['serial', { ...none, q: 'sn1' }, true],
    ['other text', { ...none, q: 'whatsminer' }, false],
    ['its rack', { ...none, rack: 2 }, true],
    ['another rack', { ...none, rack: 3 }, false],
    ['class', { ...none, class: ['asic'] }, false],
    ['status', { ...none, status: ['degraded', 'online'] }, true],
    ['workload', { ...none, workload: ['rent'] }, true],
    ['unassigned only', { ...none, workload: ['none'] }, false],
  ] as const)('%s', (_n, f, expected) => expect(matchesFilter(d!, f as BoardFilter)).toBe(expected));
});

describe('pruneSelection', () => {
  it('drops every selected device the filter hides, never adds one', () => {
    expect([...pruneSelection(new Set(['1', '2', '3']), ['2', '3', '4'])]).toEqual(['2', '3']);
  });
});

describe('summariseChanges', () => {
  it('counts per current → new workload, biggest first, same workload as no change', () => {
    const devices = board(
      [device(1), device(2), device(3), device(4)],
      [
        assignment(1, { kind: 'pool', poolName: 'A' }),
        assignment(2, { kind: 'pool', poolName: 'A' }),
        assignment(3, { kind: 'pool', poolName: 'B' }),
      ],
    );
    expect(summariseChanges(devices, 'pool B')).toEqual([
      { from: 'pool A', to: 'pool B', devices: 2 },
      { from: 'pool B', to: 'no change', devices: 1 },
      { from: 'unassigned', to: 'pool B', devices: 1 },
    ]);
  });
});

describe('planRequests', () => {
  const site: BoardDevice[] = board([
    device(1, { rackId: 1 }),
    device(2, { rackId: 1 }),
    device(3, { rackId: 2 }),
    device(4, { rackId: 2 }),
    device(5, { rackId: null }),
  ]);
  const pick = (...ids: number[]) => site.filter((d) => ids.includes(d.id));
  it.each([
    ['a pool on the whole site goes as siteId', pick(1, 2, 3, 4, 5), 'pool', [{ siteId: 9 }]],
    ['a pool on a whole rack goes as rackId', pick(3, 4), 'pool', [{ rackId: 2 }]],
    ['a pool on part of a rack goes as ids', pick(3), 'pool', [{ deviceIds: [3] }]],
    ['a pool across racks goes as ids', pick(2, 3), 'pool', [{ deviceIds: [2, 3] }]],
    ['curtail of a whole rack stays ids (no coverage)', pick(1, 2), 'curtail', [{ deviceIds: [1, 2] }]],
    ['ids are chunked', pick(5, 1, 2, 3), 'idle', [{ deviceIds: [1, 2] }, { deviceIds: [3, 5] }]],
    ['a job is one request whatever its size', pick(1, 2, 3, 5), 'job', [{ deviceIds: [1, 2, 3, 5] }]],
    ['nothing selected, nothing sent', [], 'idle', []],
  ] as const)('%s', (_n, selected, kind, expected) => {
    const siteWith9 = { id: 9, devices: site };
    expect(planRequests(selected as BoardDevice[], siteWith9, kind, 2).map((r) => r.target)).toEqual(
      expected,
    );
  });
});

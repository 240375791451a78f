import { describe, expect, it } from 'vitest';
import { modeAt, modeForWorkload } from './fleet-source';
import type { SimDevice } from './sim-device';

describe('simulated devices follow their assignment', () => {
  it.each([
    ['job', 'gpu', 'ai'],
    ['rent', 'gpu', 'ai'],
    ['idle', 'gpu', 'idle'],
    ['curtail', 'gpu', 'curtailed'],
    ['maintenance', 'gpu', 'maintenance'],
    ['pool', 'asic', 'mining'],
    ['curtail', 'asic', 'curtailed'],
    ['idle', 'micro', 'curtailed'],
    ['maintenance', 'asic', 'maintenance'],
  ] as const)('%s on a %s → %s', (kind, cls, mode) => {
    expect(modeForWorkload(kind, cls)).toBe(mode);
  });

  it('an assigned GPU node ignores the stand-in schedule at every sample time', () => {
    const node: SimDevice = {
      id: 7,
      class: 'gpu',
      nominalHashrateThs: null,
      nominalPowerW: 10_200,
      maxTempC: 88,
      gpuCount: 8,
      gpuMemoryGb: 80,
      mode: 'idle',
      assigned: true,
    };
    for (let h = 0; h < 48; h++) expect(modeAt(node, 42, h * 3_600_000).mode).toBe('idle');
    const modes = new Set(
      Array.from({ length: 48 }, (_, h) => modeAt({ ...node, assigned: false }, 42, h * 3_600_000).mode),
    );
    expect(modes).toEqual(new Set(['ai', 'idle']));
  });
});

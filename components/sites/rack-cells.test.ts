import { describe, expect, it } from 'vitest';
import type { RackCell, RackHeatmap } from '@/lib/api-client/types';
import type { HeatmapMode } from './heatmap-mode';
import { cellValue, heatScale } from './rack-cells';

const cell = (overrides: Partial<RackCell>): RackCell => ({
  deviceId: 1,
  name: 'TX-001',
  row: 1,
  column: 1,
  status: 'online',
  tempC: 71,
  maxTempC: 95,
  hashratePct: 98.5,
  gpuUtilPct: null,
  ...overrides,
});

describe('cellValue', () => {
  it.each<[string, Partial<RackCell>, HeatmapMode, number | null]>([
    ['temperature of an online miner', {}, 'temp', 71],
    ['hashrate share of an online miner', {}, 'hashrate', 98.5],
    ['status mode colours by status, not value', {}, 'status', null],
    ['offline: last temperature is stale', { status: 'offline' }, 'temp', null],
    ['offline: no hashrate', { status: 'offline' }, 'hashrate', null],
    ['curtailed keeps its temperature', { status: 'curtailed', tempC: 40 }, 'temp', 40],
    ['curtailed is not underperforming', { status: 'curtailed', hashratePct: 0 }, 'hashrate', null],
    ['maintenance is not underperforming', { status: 'maintenance', hashratePct: 0 }, 'hashrate', null],
    ['GPU falls back to utilisation', { hashratePct: null, gpuUtilPct: 64 }, 'hashrate', 64],
    ['degraded miner shows its low share', { status: 'degraded', hashratePct: 61 }, 'hashrate', 61],
    ['missing reading stays missing', { tempC: null }, 'temp', null],
  ])('%s', (_name, overrides, mode, expected) => {
    expect(cellValue(cell(overrides), mode)).toBe(expected);
  });
});

describe('heatScale', () => {
  const rack = (cells: RackCell[]): RackHeatmap => ({ id: 1, name: 'R1', rows: 4, columns: 12, cells });

  it('temperature runs to the hottest model limit', () => {
    const scale = heatScale([rack([cell({ maxTempC: 85 }), cell({ maxTempC: 90 })])], 'temp');
    expect(scale).toMatchObject({ kind: 'sequential', min: 40, max: 90 });
  });

  it('temperature without devices falls back to 90 °C', () => {
    expect(heatScale([rack([])], 'temp')).toMatchObject({ min: 40, max: 90 });
  });

  it('hashrate is reversed: low output is hot', () => {
    expect(heatScale([], 'hashrate')).toMatchObject({ kind: 'sequential', reverse: true, min: 50, max: 110 });
  });

  it('status mode uses the status palette', () => {
    expect(heatScale([], 'status')).toEqual({ kind: 'status' });
  });
});

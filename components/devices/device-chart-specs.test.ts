import { describe, expect, it } from 'vitest';
import type { DevicePoint } from '@/lib/api-client/types';
import { chartEmpty, deviceChartSpecs } from './device-chart-specs';

const asic = { class: 'asic' as const, nominalHashrateThs: 200, nominalPowerW: 3500 };
const gpu = { class: 'gpu' as const, nominalHashrateThs: null, nominalPowerW: 10_200 };
const point = (values: Partial<DevicePoint>): DevicePoint => ({
  ts: 0,
  hashrateThs: null,
  powerW: null,
  chipTempC: null,
  boardTempC: null,
  inletTempC: null,
  fanRpm: null,
  gpuUtilPct: null,
  gpuMemUsedGb: null,
  gpuTempC: null,
  chipTempCMax: null,
  gpuTempCMax: null,
  ...values,
});

describe('deviceChartSpecs', () => {
  it.each([
    ['asic', asic, ['hashrate', 'power', 'temperature', 'fans']],
    ['micro', { ...asic, class: 'micro' as const }, ['hashrate', 'power', 'temperature', 'fans']],
    ['gpu', gpu, ['gpuUtil', 'gpuMemory', 'gpuTemp', 'power']],
  ])('%s gets its charts', (_name, device, ids) => {
    expect(deviceChartSpecs(device, undefined).map((spec) => spec.id)).toEqual(ids);
  });

  it('marks nominal hashrate, nameplate power and the model temperature limit', () => {
    const specs = deviceChartSpecs(asic, { maxTempC: 95, gpuCount: null, gpuMemoryGb: null });
    const lines = Object.fromEntries(
      specs.map((spec) => [spec.id, spec.referenceLines.map((line) => line.y)]),
    );
    expect(lines).toEqual({ hashrate: [200], power: [3500], temperature: [95], fans: [] });
  });

  it('GPU memory is marked at GPUs × memory per GPU', () => {
    const specs = deviceChartSpecs(gpu, { maxTempC: 87, gpuCount: 8, gpuMemoryGb: 80 });
    expect(specs.find((spec) => spec.id === 'gpuMemory')?.referenceLines[0]?.y).toBe(640);
  });

  it('no model figures → no limit lines', () => {
    const specs = deviceChartSpecs(gpu, undefined);
    expect(specs.find((spec) => spec.id === 'gpuTemp')?.referenceLines).toEqual([]);
    expect(specs.find((spec) => spec.id === 'gpuMemory')?.referenceLines).toEqual([]);
  });
});

describe('chartEmpty', () => {
  const temperature = { series: [{ key: 'chipTempC' }, { key: 'boardTempC' }] } as Parameters<
    typeof chartEmpty
  >[1];
  it.each([
    ['no points', [], true],
    ['only gaps', [point({}), point({ hashrateThs: 5 })], true],
    ['one reading of one series', [point({}), point({ boardTempC: 41 })], false],
    ['zero is a reading', [point({ chipTempC: 0 })], false],
  ])('%s', (_name, points, expected) => {
    expect(chartEmpty(points, temperature)).toBe(expected);
  });
});

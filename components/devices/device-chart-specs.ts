import type { ReferenceLineDef, SeriesDef } from '@/components/charts/types';
import type { DeviceClass, DeviceModelView, DevicePoint, DeviceRow } from '@/lib/api-client/types';
import { formatHashrate, formatNumber, formatPercent, formatPower, formatTemperature } from '@/lib/format';

// Domain layer of the device charts: which charts a device class gets, which series each draws and
// which limits it marks. Pure data; device-charts.tsx renders it.

export type DeviceChartId =
  | 'hashrate'
  | 'power'
  | 'temperature'
  | 'fans'
  | 'gpuUtil'
  | 'gpuMemory'
  | 'gpuTemp';

export interface DeviceChartSpec {
  id: DeviceChartId;
  title: string;
  series: SeriesDef[];
  format: (value: number) => string;
  domain?: [number, number];
  referenceLines: ReferenceLineDef[];
}

const CHARTS_BY_CLASS: Record<DeviceClass, DeviceChartId[]> = {
  asic: ['hashrate', 'power', 'temperature', 'fans'],
  micro: ['hashrate', 'power', 'temperature', 'fans'],
  gpu: ['gpuUtil', 'gpuMemory', 'gpuTemp', 'power'],
};

const LIMIT_COLOR = 'var(--status-offline)';
const NOMINAL_COLOR = 'var(--muted-foreground)';

export function deviceChartSpecs(
  device: Pick<DeviceRow, 'class' | 'nominalHashrateThs' | 'nominalPowerW'>,
  model: Pick<DeviceModelView, 'maxTempC' | 'gpuCount' | 'gpuMemoryGb'> | undefined,
): DeviceChartSpec[] {
  const tempLimit: ReferenceLineDef[] = model
    ? [{ y: model.maxTempC, label: `Limit ${formatTemperature(model.maxTempC)}`, color: LIMIT_COLOR }]
    : [];
  const memoryGb = model?.gpuMemoryGb && model.gpuCount ? model.gpuMemoryGb * model.gpuCount : null;
  const specs: Record<DeviceChartId, DeviceChartSpec> = {
    hashrate: {
      id: 'hashrate',
      title: 'Hashrate',
      format: (value) => formatHashrate(value),
      series: [{ key: 'hashrateThs', label: 'Hashrate', color: 'var(--chart-1)', type: 'area' }],
      referenceLines: device.nominalHashrateThs
        ? [
            {
              y: device.nominalHashrateThs,
              label: `Nominal ${formatHashrate(device.nominalHashrateThs)}`,
              color: NOMINAL_COLOR,
            },
          ]
        : [],
    },
    power: {
      id: 'power',
      title: 'Power',
      format: (value) => formatPower(value),
      series: [{ key: 'powerW', label: 'Power', color: 'var(--chart-2)', type: 'area' }],
      referenceLines: [
        {
          y: device.nominalPowerW,
          label: `Nameplate ${formatPower(device.nominalPowerW)}`,
          color: NOMINAL_COLOR,
        },
      ],
    },
    temperature: {
      id: 'temperature',
      title: 'Temperatures',
      format: (value) => formatTemperature(value),
      series: [
        { key: 'chipTempC', label: 'Chip (avg)', color: 'var(--chart-6)' },
        { key: 'chipTempCMax', label: 'Chip (max)', color: 'var(--chart-6)', dashed: true },
        { key: 'boardTempC', label: 'Board', color: 'var(--chart-5)' },
        { key: 'inletTempC', label: 'Inlet', color: 'var(--chart-7)' },
      ],
      referenceLines: tempLimit,
    },
    fans: {
      id: 'fans',
      title: 'Fan speed',
      format: (value) => `${formatNumber(value)}\u00a0rpm`,
      series: [{ key: 'fanRpm', label: 'Fans', color: 'var(--chart-3)' }],
      referenceLines: [],
    },
    gpuUtil: {
      id: 'gpuUtil',
      title: 'GPU utilisation',
      format: (value) => formatPercent(value, 0),
      domain: [0, 100],
      series: [{ key: 'gpuUtilPct', label: 'Utilisation', color: 'var(--chart-4)', type: 'area' }],
      referenceLines: [],
    },
    gpuMemory: {
      id: 'gpuMemory',
      title: 'GPU memory used',
      format: (value) => `${formatNumber(value, value < 10 ? 1 : 0)}\u00a0GB`,
      series: [{ key: 'gpuMemUsedGb', label: 'Memory used', color: 'var(--chart-7)', type: 'area' }],
      referenceLines: memoryGb
        ? [{ y: memoryGb, label: `Installed ${formatNumber(memoryGb)} GB`, color: NOMINAL_COLOR }]
        : [],
    },
    gpuTemp: {
      id: 'gpuTemp',
      title: 'GPU temperature',
      format: (value) => formatTemperature(value),
      series: [
        { key: 'gpuTempC', label: 'GPU (avg)', color: 'var(--chart-6)' },
        { key: 'gpuTempCMax', label: 'GPU (max)', color: 'var(--chart-6)', dashed: true },
        { key: 'inletTempC', label: 'Inlet', color: 'var(--chart-7)' },
      ],
      referenceLines: tempLimit,
    },
  };
  return CHARTS_BY_CLASS[device.class].map((id) => specs[id]);
}

/** True when no point of the window has a value for any series of the chart. */
export function chartEmpty(points: readonly DevicePoint[], spec: Pick<DeviceChartSpec, 'series'>): boolean {
  return !points.some((point) =>
    spec.series.some((series) => typeof point[series.key as keyof DevicePoint] === 'number'),
  );
}

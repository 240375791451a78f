/** One row per timestamp; a null value is a gap (no reading), drawn as a break in the line. */
export type TimeSeriesPoint = { ts: number } & { [key: string]: number | null };

export type AxisSide = 'left' | 'right';

export interface SeriesDef {
  /** Key into each data point. */
  key: string;
  label: string;
  /** A CSS colour, normally a token: 'var(--chart-1)', 'var(--status-offline)'. */
  color: string;
  /** Appended to tooltip values ("TH/s"); omit when `format` already adds the unit. */
  unit?: string;
  /** Tooltip value formatter; defaults to the axis formatter. */
  format?: (value: number) => string;
  type?: 'line' | 'area';
  /** Series sharing a stack id are stacked (areas: mining kW + AI kW + idle kW). */
  stack?: string;
  yAxis?: AxisSide;
  dashed?: boolean;
  /** 'step' for per-interval values (an hourly plan); smooth by default. */
  curve?: 'smooth' | 'step';
}

export interface AxisOptions {
  /** Tick formatter, e.g. (v) => formatPower(v). */
  format?: (value: number) => string;
  /** Fixed domain; default is [0, auto] so small changes don't look like cliffs. */
  domain?: [number | 'auto' | 'dataMin' | 'dataMax', number | 'auto' | 'dataMin' | 'dataMax'];
  /** Width reserved for tick labels in px. */
  width?: number;
}

export interface ReferenceLineDef {
  y: number;
  label: string;
  color?: string;
  yAxis?: AxisSide;
}

export interface TimeRangeMs {
  from: number;
  to: number;
}

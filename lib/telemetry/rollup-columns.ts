// How device rollup rows store each metric (prisma/schema.prisma, TelemetryRollup1m): the mean
// over the bucket's reporting samples, as round(mean × scale) in an INTEGER column where the
// metric allows. SQLite stores an integer in 1–3 bytes and a REAL in 8, which is most of what
// makes a 5-minute row ~60 B instead of ~215 B. The scales keep more precision than the sensors
// have (0.1 W, 0.01 °C, 1 rpm, 0.1 %, 0.01 GB). Hashrate stays REAL: one column must hold both a
// 70 kH/s NerdMiner (7e-8 TH/s) and a rack of 300 TH/s machines.
import { raw, type Sql } from '../db/raw';
import { ROLLUP_METRICS, type RollupMetricKey } from './metrics';

export type RollupColumn = {
  key: string;
  /** Raw sample column the value comes from. */
  source: string;
  /** Stored column. */
  column: string;
  /** Stored value = round(value × scale); null = stored as REAL, unscaled. */
  scale: number | null;
  aggregate: 'mean' | 'max';
  /** Samples that reported the metric (mean columns), NULL when all of the row's samples did. */
  count?: string;
};

const SCALES: Record<RollupMetricKey, number | null> = {
  hashrateThs: null,
  powerW: 10,
  chipTempC: 100,
  boardTempC: 100,
  inletTempC: 100,
  fanRpm: 1,
  gpuUtilPct: 10,
  gpuMemUsedGb: 100,
  gpuTempC: 100,
};

const storedName = (column: string, scale: number | null) =>
  scale === null || scale === 1 ? column : `${column}_x${scale}`;

export const MEAN_COLUMNS: RollupColumn[] = ROLLUP_METRICS.map((m) => ({
  key: m.key,
  source: m.column,
  column: storedName(m.column, SCALES[m.key]),
  scale: SCALES[m.key],
  aggregate: 'mean',
  count: `${m.column}_n`,
}));

/** The only maxima charts draw (device chart, site hottest-device line). */
export const MAX_COLUMNS: RollupColumn[] = [
  {
    key: 'chipTempCMax',
    source: 'chip_temp_c',
    column: 'chip_temp_c_max_x100',
    scale: 100,
    aggregate: 'max',
  },
  { key: 'gpuTempCMax', source: 'gpu_temp_c', column: 'gpu_temp_c_max_x100', scale: 100, aggregate: 'max' },
];

const VALUE_COLUMNS = [...MEAN_COLUMNS, ...MAX_COLUMNS];

/**
 * Samples of the bucket that named no live pool (the collector leaves `pool_url` out when every
 * pool of a cgminer-family miner is dead or none is stratum-active), NULL for none — the usual
 * case, one header byte. The alerts preview replays `poolDown` from it (lib/alerts/replay.ts);
 * whether a device's missing URL means anything is the subject mapping's call, not the rollup's.
 */
export const POOL_DOWN_COLUMN = 'pool_down_n';

/** Column list of an INSERT into a device rollup table, matching the SELECTs below. */
export const ROLLUP_INSERT_COLUMNS = raw(
  [
    'device_id',
    'bucket',
    'samples',
    ...VALUE_COLUMNS.map((c) => c.column),
    ...MEAN_COLUMNS.map((c) => c.count!),
    POOL_DOWN_COLUMN,
  ].join(', '),
);

/** A stored count: NULL for "all samples" (and for none: the mean is NULL then). */
const partialCount = (reported: string, all: string) =>
  `CASE WHEN ${reported} = 0 OR ${reported} = ${all} THEN NULL ELSE ${reported} END`;

const stored = (expr: string, scale: number | null) =>
  scale === null ? expr : `CAST(ROUND((${expr}) * ${scale}) AS INTEGER)`;

/** samples and value columns of one bucket, aggregated from raw samples (AVG skips NULLs). */
export const FROM_RAW_SELECT: Sql = raw(
  [
    'COUNT(*)',
    ...VALUE_COLUMNS.map((c) =>
      stored(c.aggregate === 'mean' ? `AVG(${c.source})` : `MAX(${c.source})`, c.scale),
    ),
    ...MEAN_COLUMNS.map((c) => partialCount(`COUNT(${c.source})`, 'COUNT(*)')),
    'NULLIF(COUNT(*) - COUNT(pool_url), 0)',
  ].join(', '),
);

/** Samples behind a row's mean of `c` (NULL when the row has no mean). */
const reportedSql = (c: RollupColumn, alias: string) =>
  `CASE WHEN ${alias}${c.column} IS NOT NULL THEN COALESCE(${alias}${c.count}, ${alias}samples) END`;

/** Mean of a stored column over a group of finer rows, weighted by samples, in stored units. */
const weightedStored = (c: RollupColumn, alias: string) =>
  `SUM(CAST(${alias}${c.column} AS FLOAT) * ${reportedSql(c, alias)}) / NULLIF(SUM(${reportedSql(c, alias)}), 0)`;

/** samples and value columns of one coarser bucket, from the finer tier's rows `r`. */
export const FROM_FINER_SELECT: Sql = raw(
  [
    'SUM(r.samples)',
    ...VALUE_COLUMNS.map((c) =>
      c.aggregate === 'max'
        ? `MAX(r.${c.column})`
        : c.scale === null
          ? weightedStored(c, 'r.')
          : `CAST(ROUND(${weightedStored(c, 'r.')}) AS INTEGER)`,
    ),
    ...MEAN_COLUMNS.map((c) => partialCount(`COALESCE(SUM(${reportedSql(c, 'r.')}), 0)`, 'SUM(r.samples)')),
    `SUM(r.${POOL_DOWN_COLUMN})`,
  ].join(', '),
);

const unscale = (expr: string, scale: number | null) =>
  scale === null || scale === 1 ? `CAST(${expr} AS FLOAT)` : `CAST(${expr} AS FLOAT) / ${scale}`;

/** A group's value in canonical units (mean: sample-weighted; max: the largest). */
export function groupValueSql(c: RollupColumn, alias = 'r.'): string {
  return c.aggregate === 'max'
    ? unscale(`MAX(${alias}${c.column})`, c.scale)
    : unscale(weightedStored(c, alias), c.scale);
}

/** One row's value in canonical units. */
export function rowValueSql(c: RollupColumn, alias = 'r.'): string {
  return unscale(`${alias}${c.column}`, c.scale);
}

export const meanColumn = (key: RollupMetricKey) => MEAN_COLUMNS.find((c) => c.key === key)!;
export const maxColumn = (key: 'chipTempCMax' | 'gpuTempCMax') => MAX_COLUMNS.find((c) => c.key === key)!;

/** A device row's temperature and its maximum: chips for miners, GPUs for GPU nodes. */
export const ROW_TEMP_C = raw(
  `COALESCE(${rowValueSql(meanColumn('chipTempC'))}, ${rowValueSql(meanColumn('gpuTempC'))})`,
);
export const ROW_TEMP_C_MAX = raw(
  `COALESCE(${rowValueSql(maxColumn('chipTempCMax'))}, ${rowValueSql(maxColumn('gpuTempCMax'))})`,
);

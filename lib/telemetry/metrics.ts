/**
 * The telemetry metrics, in canonical units, with their storage column names. One list drives
 * the ingest validator, the INSERT statements and the rollup SQL, so adding a metric is one line.
 */
export const NUMERIC_METRICS = [
  { key: 'hashrateThs', column: 'hashrate_ths', min: 0, max: 1e6, rollup: true },
  { key: 'powerW', column: 'power_w', min: 0, max: 1e6, rollup: true },
  { key: 'chipTempC', column: 'chip_temp_c', min: -60, max: 200, rollup: true },
  { key: 'boardTempC', column: 'board_temp_c', min: -60, max: 200, rollup: true },
  { key: 'inletTempC', column: 'inlet_temp_c', min: -60, max: 120, rollup: true },
  { key: 'fanRpm', column: 'fan_rpm', min: 0, max: 100_000, rollup: true },
  { key: 'acceptedShares', column: 'accepted_shares', min: 0, max: 2 ** 53, rollup: false },
  { key: 'rejectedShares', column: 'rejected_shares', min: 0, max: 2 ** 53, rollup: false },
  { key: 'hwErrors', column: 'hw_errors', min: 0, max: 2 ** 53, rollup: false },
  { key: 'gpuUtilPct', column: 'gpu_util_pct', min: 0, max: 100, rollup: true },
  { key: 'gpuMemUsedGb', column: 'gpu_mem_used_gb', min: 0, max: 100_000, rollup: true },
  { key: 'gpuTempC', column: 'gpu_temp_c', min: -60, max: 200, rollup: true },
] as const;

export type NumericMetricKey = (typeof NUMERIC_METRICS)[number]['key'];
export const ROLLUP_METRICS = NUMERIC_METRICS.filter((m) => m.rollup);
export type RollupMetricKey = (typeof ROLLUP_METRICS)[number]['key'];

/** Status a device agent may report with a sample. */
export const REPORTED_STATUSES = ['ok', 'error', 'curtailed', 'idle', 'maintenance'] as const;
export type ReportedStatus = (typeof REPORTED_STATUSES)[number];

/** One validated sample, as stored: device resolved to its id, `ts` in epoch milliseconds. */
export type TelemetrySample = { deviceId: number; ts: number } & Partial<Record<NumericMetricKey, number>> & {
    status?: ReportedStatus;
    poolUrl?: string;
  };

/** A sample as an agent sends it (POST /api/v1/telemetry): device by id or serial, ISO or ms time. */
export type TelemetrySampleInput = ({ deviceId: number } | { serial: string }) & {
  ts: string | number;
} & Partial<Record<NumericMetricKey, number>> & { status?: ReportedStatus; poolUrl?: string };

// The telemetry tables bench:storage measures and how long each keeps its rows at the default
// retention (lib/env.ts), so the projection follows the design instead of restating it.
import { resetEnvCache } from '../../lib/env';
import { tierRetentionMs } from '../../lib/telemetry/retention';

export type ProjectionTier = {
  key: string;
  table: string;
  /** Time column (rows per day are measured from its span); absent for per-device state. */
  column?: string;
  where?: string;
  stepMs: number;
  retentionDays: number;
  per: 'device' | 'site';
};

export function projectionTiers(intervalMs: number): ProjectionTier[] {
  resetEnvCache();
  const keep = tierRetentionMs();
  const DAY = 86_400_000;
  const rawDays = keep.raw / DAY;
  const oneMinDays = keep['1m'] / DAY;
  const fiveMinDays = keep['5m'] / DAY;
  const hourDays = keep['1h'] / DAY;
  const site = (tier: string, stepMs: number, retentionDays: number): ProjectionTier => ({
    key: `site_${tier}`,
    table: 'site_rollup',
    column: 'bucket',
    where: `tier = '${tier}'`,
    stepMs,
    retentionDays,
    per: 'site',
  });
  return [
    {
      key: 'raw',
      table: 'telemetry_sample',
      column: 'ts',
      stepMs: intervalMs,
      retentionDays: rawDays,
      per: 'device',
    },
    {
      key: 'device_1m',
      table: 'telemetry_rollup_1m',
      column: 'bucket',
      stepMs: 60_000,
      retentionDays: oneMinDays,
      per: 'device',
    },
    {
      key: 'device_5m',
      table: 'telemetry_rollup_5m',
      column: 'bucket',
      stepMs: 300_000,
      retentionDays: fiveMinDays,
      per: 'device',
    },
    {
      key: 'device_1h',
      table: 'telemetry_rollup_1h',
      column: 'bucket',
      stepMs: 3_600_000,
      retentionDays: hourDays,
      per: 'device',
    },
    { key: 'latest', table: 'device_latest', stepMs: 0, retentionDays: 0, per: 'device' },
    site('1m', 60_000, oneMinDays),
    site('5m', 300_000, fiveMinDays),
    site('1h', 3_600_000, hourDays),
  ];
}

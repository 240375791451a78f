// The market store: network series, electricity prices per site and GPU rates, each row stamped
// with its provider and fetch time. Writes are idempotent upserts (a refresh that runs twice for
// the same instant stores nothing twice); reads filter by provider so simulated rows never stand in
// for a real provider's.
import type pg from 'pg';
import { execute, join, queryOne, queryRows, raw, type Sql, sql } from '../db/raw';
import type { StoredInterval } from './electricity/contract';
import type { ElectricityPoint, GpuRatePoint, NetworkPoint, NetworkSeries } from './types';

const CHUNK = 400;

async function chunked<T>(rows: readonly T[], write: (chunk: readonly T[]) => Promise<unknown>) {
  for (let i = 0; i < rows.length; i += CHUNK) await write(rows.slice(i, i + CHUNK));
}

export async function storeNetworkPoints(
  points: readonly NetworkPoint[],
  fetchedAt: number,
): Promise<number> {
  await chunked(points, (chunk) =>
    execute(sql`INSERT INTO market_point (series, ts, value, provider, fetched_at) VALUES ${join(
      chunk.map((p) => sql`(${p.series}, ${p.ts}, ${p.value}, ${p.provider}, ${fetchedAt})`),
    )}
      ON CONFLICT (series, ts, provider) DO UPDATE SET value = excluded.value, fetched_at = excluded.fetched_at`),
  );
  return points.length;
}

/** Stores market prices (without the contract adder); a newer fetch of the same interval replaces the older. */
export async function storeEnergyPrices(
  siteId: number,
  points: readonly ElectricityPoint[],
  fetchedAt: number,
  client?: pg.PoolClient,
): Promise<number> {
  await chunked(points, (chunk) =>
    execute(
      sql`INSERT INTO energy_price (site_id, interval_start, interval_end, price_usd_per_mwh, original_price, currency, provider, fetched_at)
      VALUES ${join(
        chunk.map(
          (p) =>
            sql`(${siteId}, ${p.intervalStart}, ${p.intervalEnd}, ${p.priceUsdPerMwh}, ${p.originalPrice}, ${p.currency}, ${p.provider}, ${fetchedAt})`,
        ),
      )}
      ON CONFLICT (site_id, interval_start) DO UPDATE SET interval_end = excluded.interval_end,
        price_usd_per_mwh = excluded.price_usd_per_mwh, original_price = excluded.original_price,
        currency = excluded.currency, provider = excluded.provider, fetched_at = excluded.fetched_at`,
      client,
    ),
  );
  return points.length;
}

export async function storeGpuRates(points: readonly GpuRatePoint[], fetchedAt: number): Promise<number> {
  await chunked(points, (chunk) =>
    execute(sql`INSERT INTO gpu_rate (gpu_model, ts, usd_per_gpu_h, provider, fetched_at) VALUES ${join(
      chunk.map((p) => sql`(${p.gpuModel}, ${p.ts}, ${p.usdPerGpuH}, ${p.provider}, ${fetchedAt})`),
    )}
      ON CONFLICT (gpu_model, ts, provider) DO UPDATE SET usd_per_gpu_h = excluded.usd_per_gpu_h, fetched_at = excluded.fetched_at`),
  );
  return points.length;
}

/** `provider = 'sim'`, or a prefix match for composite names such as `median(coinbase,kraken)`. */
export type ProviderFilter = { exact: string } | { prefix: string };

function providerSql(column: string, filter: ProviderFilter): Sql {
  const col = raw(column);
  return 'exact' in filter ? sql`AND ${col} = ${filter.exact}` : sql`AND ${col} LIKE ${`${filter.prefix}%`}`;
}

export type StoredValue = { ts: number; value: number; provider: string; fetchedAt: number };

export async function latestNetworkValue(
  series: NetworkSeries,
  filter: ProviderFilter,
  atOrBefore = Number.MAX_SAFE_INTEGER,
): Promise<StoredValue | null> {
  const row = await queryOne<{ ts: number; value: number; provider: string; fetched_at: number }>(
    sql`SELECT ts, value, provider, fetched_at FROM market_point
      WHERE series = ${series} ${providerSql('provider', filter)} AND ts <= ${atOrBefore}
      ORDER BY ts DESC LIMIT 1`,
  );
  return row
    ? {
        ts: Number(row.ts),
        value: Number(row.value),
        provider: row.provider,
        fetchedAt: Number(row.fetched_at),
      }
    : null;
}

export type BucketValue = { ts: number; value: number; provider: string };

/** Bucket means of a network series over [from, to]; one provider per bucket (the lowest name) is reported. */
export async function networkBuckets(
  series: NetworkSeries,
  filter: ProviderFilter,
  from: number,
  to: number,
  stepMs: number,
): Promise<BucketValue[]> {
  const rows = await queryRows<{ t: number; v: number; p: string }>(
    sql`SELECT ts - (ts % ${stepMs}) AS t, AVG(value) AS v, MIN(provider) AS p FROM market_point
      WHERE series = ${series} ${providerSql('provider', filter)} AND ts >= ${from - (from % stepMs)} AND ts <= ${to}
      GROUP BY 1 ORDER BY 1`,
  );
  return rows.map((r) => ({ ts: Number(r.t), value: Number(r.v), provider: r.p }));
}

function toInterval(r: Record<string, unknown>): StoredInterval {
  return {
    intervalStart: Number(r.interval_start),
    intervalEnd: Number(r.interval_end),
    priceUsdPerMwh: Number(r.price_usd_per_mwh),
    provider: String(r.provider),
    fetchedAt: Number(r.fetched_at),
  };
}

/** The stored interval covering `tsMs` for each site (any provider; the contract decides if it counts). */
export async function energyIntervalsAt(siteIds: readonly number[], tsMs: number) {
  if (siteIds.length === 0) return new Map<number, StoredInterval>();
  const rows = await queryRows(
    sql`SELECT site_id, interval_start, interval_end, price_usd_per_mwh, provider, fetched_at FROM energy_price
      WHERE site_id IN (${join(siteIds)}) AND interval_start <= ${tsMs} AND interval_end > ${tsMs}`,
  );
  const out = new Map<number, StoredInterval>();
  for (const r of rows) out.set(Number(r.site_id), toInterval(r));
  return out;
}

export async function energyIntervals(siteId: number, from: number, to: number): Promise<StoredInterval[]> {
  const rows = await queryRows(
    sql`SELECT interval_start, interval_end, price_usd_per_mwh, provider, fetched_at FROM energy_price
      WHERE site_id = ${siteId} AND interval_start < ${to} AND interval_end > ${from} ORDER BY interval_start`,
  );
  return rows.map(toInterval);
}

export type StoredGpuRate = {
  gpuModel: string;
  ts: number;
  usdPerGpuH: number;
  provider: string;
  fetchedAt: number;
};

/** Newest rate of each listed GPU model from one provider (one indexed lookup per model). */
export async function latestGpuRates(
  gpuModels: readonly string[],
  filter: ProviderFilter,
): Promise<StoredGpuRate[]> {
  const out: StoredGpuRate[] = [];
  for (const gpuModel of gpuModels) {
    const r = await queryOne(
      sql`SELECT gpu_model, ts, usd_per_gpu_h, provider, fetched_at FROM gpu_rate
        WHERE gpu_model = ${gpuModel} ${providerSql('provider', filter)} ORDER BY ts DESC LIMIT 1`,
    );
    if (r)
      out.push({
        gpuModel: String(r.gpu_model),
        ts: Number(r.ts),
        usdPerGpuH: Number(r.usd_per_gpu_h),
        provider: String(r.provider),
        fetchedAt: Number(r.fetched_at),
      });
  }
  return out;
}

export async function gpuRateBuckets(
  gpuModel: string,
  filter: ProviderFilter,
  from: number,
  to: number,
  stepMs: number,
): Promise<BucketValue[]> {
  const rows = await queryRows<{ t: number; v: number; p: string }>(
    sql`SELECT ts - (ts % ${stepMs}) AS t, AVG(usd_per_gpu_h) AS v, MIN(provider) AS p FROM gpu_rate
      WHERE gpu_model = ${gpuModel} ${providerSql('provider', filter)} AND ts >= ${from - (from % stepMs)} AND ts <= ${to}
      GROUP BY 1 ORDER BY 1`,
  );
  return rows.map((r) => ({ ts: Number(r.t), value: Number(r.v), provider: r.p }));
}

export async function hasMarketHistory(): Promise<boolean> {
  const row = await queryOne(sql`SELECT 1 AS x FROM market_point LIMIT 1`);
  return row !== undefined;
}

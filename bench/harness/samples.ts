// Realistic telemetry batches for load generation, cheap to produce: the load generator shares
// the machine's two cores with the server, so per-device value strings are built once and a
// batch body is string concatenation, not JSON.stringify of 1,000 objects.
import { NUMERIC_METRICS } from '../../lib/telemetry/metrics';

export type FleetDevice = { id: number; gpu: boolean };

export type SampleFactoryOptions = {
  devices: FleetDevice[];
  batchSize: number;
  /** Timestamp of the first round (epoch ms); must be inside the server's accepted window. */
  startTs: number;
  intervalMs?: number;
  /** Value variants per device, cycled by round (some movement without per-sample work). */
  variants?: number;
  seed?: number;
};

export type SampleKey = { deviceId: number; ts: number };

/** Deterministic PRNG (mulberry32) so runs are comparable. */
function prng(seed: number) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

type Metrics = Partial<Record<(typeof NUMERIC_METRICS)[number]['key'], number>>;

function asicMetrics(rand: () => number, round: number): Metrics {
  const hashrateThs = 180 + rand() * 40;
  return {
    hashrateThs: Math.round(hashrateThs * 100) / 100,
    powerW: Math.round(hashrateThs * 17.5 + rand() * 60),
    chipTempC: Math.round((62 + rand() * 18) * 10) / 10,
    boardTempC: Math.round((55 + rand() * 15) * 10) / 10,
    inletTempC: Math.round((22 + rand() * 10) * 10) / 10,
    fanRpm: Math.round(4800 + rand() * 1500),
    acceptedShares: 100_000 + round * 37 + Math.floor(rand() * 10),
    rejectedShares: Math.floor(rand() * 50),
    hwErrors: Math.floor(rand() * 3),
  };
}

function gpuMetrics(rand: () => number): Metrics {
  return {
    powerW: Math.round(6000 + rand() * 4200),
    gpuUtilPct: Math.round(rand() * 1000) / 10,
    gpuMemUsedGb: Math.round(rand() * 6400) / 10,
    gpuTempC: Math.round((45 + rand() * 35) * 10) / 10,
    inletTempC: Math.round((20 + rand() * 8) * 10) / 10,
  };
}

/**
 * Batch k covers devices [k·B, (k+1)·B) modulo the fleet; each pass over the fleet is one round
 * of `intervalMs`, and every device has its own phase inside the interval (agents do not poll in
 * lock-step). So (device, ts) is unique across all batches of one factory.
 */
export function createSampleFactory(options: SampleFactoryOptions) {
  const { devices, batchSize } = options;
  const intervalMs = options.intervalMs ?? 30_000;
  const variants = options.variants ?? 4;
  const rand = prng(options.seed ?? 7);
  const phaseMs = devices.map(() => Math.floor(rand() * (intervalMs - 1)));
  const metrics: Metrics[][] = devices.map((d) =>
    Array.from({ length: variants }, (_, v) => (d.gpu ? gpuMetrics(rand) : asicMetrics(rand, v))),
  );
  // `,"hashrateThs":…,"status":"ok"}` per device and variant: the JSON tail after `ts`.
  const tails = metrics.map((perVariant) =>
    perVariant.map((m) => `${JSON.stringify({ ...m, status: 'ok' }).slice(1)}`),
  );

  const sampleAt = (k: number, j: number) => {
    const n = k * batchSize + j;
    const index = n % devices.length;
    const round = Math.floor(n / devices.length);
    return { index, round, ts: options.startTs + round * intervalMs + phaseMs[index]! };
  };

  // The same JSON as bytes, for the HTTP load (bodyBytes): the generator shares the server's cores.
  // Batches repeat each round only when the fleet is a whole number of batches.
  const slotsPerRound = devices.length % batchSize === 0 ? devices.length / batchSize : 0;
  const templates = new Map<string, { bytes: Buffer; offsets: Int32Array }>();

  const bodyText = (k: number): string => {
    const parts = new Array<string>(batchSize);
    for (let j = 0; j < batchSize; j++) {
      const { index, round, ts } = sampleAt(k, j);
      parts[j] = `{"deviceId":${devices[index]!.id},"ts":${ts},${tails[index]![round % variants]}`;
    }
    return `{"samples":[${parts.join(',')}]}`;
  };

  const valuesPerDevice = metrics.map((perVariant) => Object.keys(perVariant[0]!).length);
  return {
    batchSize,
    /** Metric values per sample, averaged over the fleet (batches cycle through every device). */
    metricValuesPerSample: valuesPerDevice.reduce((a, b) => a + b, 0) / Math.max(1, devices.length),
    body: bodyText,
    /**
     * body(k) as UTF-8 bytes, byte for byte. Batches a whole round apart differ only in their
     * timestamps: each (batch slot, variant) body is built once, and later copies get their
     * 13-digit timestamps written in place.
     */
    bodyBytes(k: number): Buffer {
      if (slotsPerRound === 0) return Buffer.from(bodyText(k), 'utf8');
      const slot = k % slotsPerRound;
      const { round } = sampleAt(k, 0);
      const key = `${slot}:${round % variants}`;
      let template = templates.get(key);
      if (!template) {
        const bytes = Buffer.from(bodyText(k), 'utf8');
        const offsets = new Int32Array(batchSize);
        for (let j = 0, from = 0; j < batchSize; j++) {
          from = bytes.indexOf('"ts":', from) + 5;
          offsets[j] = from;
        }
        template = { bytes, offsets };
        templates.set(key, template);
      }
      const out = Buffer.from(template.bytes);
      for (let j = 0; j < batchSize; j++) {
        const { ts } = sampleAt(k, j);
        if (ts < 1e12 || ts >= 1e13) throw new Error('bodyBytes: timestamps must have 13 digits');
        let v = ts;
        for (let i = template.offsets[j]! + 12; v > 0; i--) {
          out[i] = 0x30 + (v % 10);
          v = Math.floor(v / 10);
        }
      }
      return out;
    },
    keys(k: number): SampleKey[] {
      return Array.from({ length: batchSize }, (_, j) => {
        const { index, ts } = sampleAt(k, j);
        return { deviceId: devices[index]!.id, ts };
      });
    },
    /** Storage rows (telemetry_sample column order) for the raw-ceiling measurement. */
    rows(k: number): unknown[][] {
      return Array.from({ length: batchSize }, (_, j) => {
        const { index, round, ts } = sampleAt(k, j);
        const m = metrics[index]![round % variants]!;
        return [
          devices[index]!.id,
          ts,
          ...NUMERIC_METRICS.map((metric) => m[metric.key] ?? null),
          'ok',
          null,
        ];
      });
    },
    /** The same samples as objects, for lib/telemetry/store's storeSamples. */
    samples(k: number) {
      return Array.from({ length: batchSize }, (_, j) => {
        const { index, round, ts } = sampleAt(k, j);
        return {
          deviceId: devices[index]!.id,
          ts,
          ...metrics[index]![round % variants]!,
          status: 'ok' as const,
        };
      });
    },
  };
}

export type SampleFactory = ReturnType<typeof createSampleFactory>;

/** The same factory with batch numbers shifted by `offset` (continues after a prefill). */
export function offsetFactory(factory: SampleFactory, offset: number): SampleFactory {
  return {
    batchSize: factory.batchSize,
    metricValuesPerSample: factory.metricValuesPerSample,
    body: (k) => factory.body(k + offset),
    bodyBytes: (k) => factory.bodyBytes(k + offset),
    keys: (k) => factory.keys(k + offset),
    rows: (k) => factory.rows(k + offset),
    samples: (k) => factory.samples(k + offset),
  };
}

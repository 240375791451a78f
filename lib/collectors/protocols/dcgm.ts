import { mean, round } from './numbers';
import { type PromLineError, type PromSample, parsePrometheusText } from './prometheus';
import { fail, guarded, ok, type Parsed, type Reading } from './result';

export type GpuReading = {
  gpu: string;
  uuid?: string;
  modelName?: string;
  utilPct?: number;
  powerW?: number;
  energyJ?: number;
  tempC?: number;
  memTempC?: number;
  fbUsedMib?: number;
  lastXid?: number;
};

export type DcgmReading = {
  reading: Reading;
  gpus: GpuReading[];
  energyJ?: number;
  lineErrors: PromLineError[];
};

type Field = 'utilPct' | 'powerW' | 'energyJ' | 'tempC' | 'memTempC' | 'fbUsedMib' | 'lastXid';

/** Current names and the 1.x `--use-old-namespace` names (reference §4.2, D2). */
const FIELDS: Record<string, Field> = {
  DCGM_FI_DEV_GPU_UTIL: 'utilPct',
  dcgm_gpu_utilization: 'utilPct',
  DCGM_FI_DEV_POWER_USAGE: 'powerW',
  dcgm_power_usage: 'powerW',
  DCGM_FI_DEV_TOTAL_ENERGY_CONSUMPTION: 'energyJ',
  dcgm_total_energy_consumption: 'energyJ',
  DCGM_FI_DEV_GPU_TEMP: 'tempC',
  dcgm_gpu_temp: 'tempC',
  DCGM_FI_DEV_MEMORY_TEMP: 'memTempC',
  dcgm_memory_temp: 'memTempC',
  DCGM_FI_DEV_FB_USED: 'fbUsedMib',
  dcgm_fb_used: 'fbUsedMib',
  DCGM_FI_DEV_XID_ERRORS: 'lastXid',
  dcgm_xid_errors: 'lastXid',
};

/** DCGM "blank" int64 sentinels start at 0x7ffffffffffffff0 (§4.4): not supported / not found. */
const BLANK_MIN = 9.2233720368547e18;

/** XID 79: "GPU has fallen off the bus"; the GPU is gone until the host reboots. */
const FATAL_XIDS = new Set([79]);

function gpuKey(s: PromSample): string {
  return s.labels.UUID ?? s.labels.uuid ?? s.labels.gpu_uuid ?? `gpu${s.labels.gpu ?? '?'}`;
}

/**
 * dcgm-exporter `/metrics` → one GPU-server reading: mean utilisation, summed power and
 * framebuffer, hottest GPU. MIG instances repeat a GPU's index with `GPU_I_ID`: their framebuffer
 * use adds up, their other gauges describe the same physical GPU.
 */
export function parseDcgmMetrics(text: string, now: number): Parsed<DcgmReading> {
  return guarded(() => {
    if (text.trim() === '') return fail('empty', 'empty /metrics body');
    if (text.trimStart().startsWith('<')) return fail('html', 'HTML page instead of /metrics');
    const { families, errors } = parsePrometheusText(text);
    const gpus = new Map<string, GpuReading & { fbByInstance: Map<string, number> }>();
    for (const [name, family] of families) {
      const field = FIELDS[name];
      if (!field) continue;
      for (const s of family.samples) {
        if (!Number.isFinite(s.value) || s.value >= BLANK_MIN) continue;
        const key = gpuKey(s);
        let g = gpus.get(key);
        if (!g) {
          g = { gpu: s.labels.gpu ?? key, fbByInstance: new Map() };
          const uuid = s.labels.UUID ?? s.labels.uuid;
          if (uuid) g.uuid = uuid;
          if (s.labels.modelName) g.modelName = s.labels.modelName;
          gpus.set(key, g);
        }
        if (field === 'fbUsedMib') g.fbByInstance.set(s.labels.GPU_I_ID ?? '', s.value);
        else if (field === 'energyJ') g.energyJ = s.value / 1000;
        else g[field] = g[field] === undefined ? s.value : Math.max(g[field], s.value);
      }
    }
    if (gpus.size === 0) return fail('no_data', 'no DCGM GPU series in /metrics');
    const list: GpuReading[] = [...gpus.values()].map(({ fbByInstance, ...g }) => {
      if (fbByInstance.size) g.fbUsedMib = [...fbByInstance.values()].reduce((a, b) => a + b, 0);
      return g;
    });
    const sum = (k: Field) => {
      const vals = list.map((g) => g[k]).filter((v): v is number => v !== undefined);
      return vals.length ? vals.reduce((a, b) => a + b, 0) : undefined;
    };
    const reading: Reading = { ts: now };
    const util = mean(list.map((g) => g.utilPct));
    if (util !== undefined) reading.gpuUtilPct = round(Math.min(100, Math.max(0, util)), 2);
    const power = sum('powerW');
    if (power !== undefined) reading.powerW = round(power, 3);
    const temps = list.map((g) => g.tempC).filter((v): v is number => v !== undefined);
    if (temps.length) reading.gpuTempC = Math.max(...temps);
    const fb = sum('fbUsedMib');
    // GPU memory sizes are binary (an "80 GB" H100 has 80 GiB): MiB / 1024.
    if (fb !== undefined) reading.gpuMemUsedGb = round(fb / 1024, 3);
    const fatal = list.some((g) => g.lastXid !== undefined && FATAL_XIDS.has(g.lastXid));
    reading.status = fatal ? 'error' : 'ok';
    const energy = sum('energyJ');
    return ok(
      { reading, gpus: list, energyJ: energy, lineErrors: errors },
      errors.length ? ['bad_lines'] : [],
    );
  });
}

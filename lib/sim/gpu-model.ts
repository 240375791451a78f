import type { TelemetrySample } from '../telemetry/metrics';
import { aiWindowAt } from './ai-schedule';
import { counterEpochStart } from './counters';
import { episodesBetween } from './faults';
import { smoothNoise, whiteNoise } from './noise';
import { hash32, hashUnit, hi, lo } from './random';
import type { ModelContext, SimMode } from './sim-device';

const MIN_MS = 60_000;
const CH_UTIL = 0x61;
const CH_PLATEAU = 0x62;
const CH_MEM = 0x63;
const CH_POWER = 0x64;
const CH_TEMP = 0x65;
const CH_DIP = 0x66;
/** Peak share of nameplate a node draws at 100 % utilisation (DGX H100: 6.5–8.5 kW typical of 10.2 kW max). */
const FULL_LOAD_FRACTION = 0.84;
/** Driver and CUDA context per GPU when no job holds memory. */
const IDLE_MEM_PER_GPU_GB = 0.6;

/**
 * A GPU node's sample. Utilisation follows the job: plateaus of 30–90 min at 70–98 % with short
 * checkpoint dips; memory is a per-job share of the node's total; power and temperature follow
 * utilisation. An XID episode crashes the job (status 'error', utilisation near zero).
 */
export function gpuSample(ctx: ModelContext, mode: SimMode, xid: boolean): TelemetrySample {
  const { device, seed, ts } = ctx;
  const id = device.id;
  const gpuCount = device.gpuCount ?? 1;
  const totalMemGb = (device.gpuMemoryGb ?? 0) * gpuCount;
  // Datacenter nodes idle high (CPUs, NVSwitches, fans); a consumer rig idles low.
  const idleFraction = gpuCount >= 8 ? 0.22 : 0.12;
  // Built by assignment rather than spreads: this runs millions of times in a backfill.
  const sample: TelemetrySample = { deviceId: id, ts, inletTempC: round1(ctx.inletC) };
  if (mode === 'maintenance') {
    sample.status = 'maintenance';
    sample.powerW = 0;
    sample.gpuUtilPct = 0;
    return sample;
  }
  if (mode === 'curtailed') {
    sample.status = 'curtailed';
    sample.powerW = round1(device.nominalPowerW * 0.03 * ctx.unitPower);
    sample.gpuUtilPct = 0;
    sample.gpuMemUsedGb = 0;
    sample.gpuTempC = round1(ctx.inletC + 3);
    return sample;
  }

  let utilPct: number;
  let memGb: number;
  if (xid) {
    utilPct = 8 * hashUnit(seed, id, CH_UTIL, lo(ts), hi(ts));
    memGb = gpuCount * IDLE_MEM_PER_GPU_GB;
  } else if (mode === 'ai') {
    const job = jobAt(seed, id, ts, device.modeSinceTs);
    utilPct =
      job.utilPct +
      1.5 * whiteNoise(seed, id, CH_UTIL, ts) * ctx.noiseScale +
      smoothNoise(seed, id, CH_UTIL, ts, 5 * MIN_MS);
    memGb = totalMemGb * job.memFraction * (1 + 0.003 * whiteNoise(seed, id, CH_MEM, ts));
  } else {
    utilPct = 2.5 + 2.5 * whiteNoise(seed, id, CH_UTIL, ts);
    memGb = gpuCount * IDLE_MEM_PER_GPU_GB;
  }
  utilPct = Math.min(100, Math.max(0, utilPct));

  const noise =
    1 + 0.01 * smoothNoise(seed, id, CH_POWER, ts, 10 * MIN_MS) + 0.005 * whiteNoise(seed, id, CH_POWER, ts);
  let powerW = device.nominalPowerW * (idleFraction + (FULL_LOAD_FRACTION - idleFraction) * (utilPct / 100));
  powerW *= ctx.unitPower * noise;
  if (device.powerTargetW && device.powerTargetW > 0) powerW = Math.min(powerW, device.powerTargetW);
  const load = Math.max(
    0,
    (powerW / device.nominalPowerW - idleFraction) / (FULL_LOAD_FRACTION - idleFraction),
  );
  const gpuTempC =
    ctx.inletC +
    6 +
    Math.min(1, load) * (device.maxTempC - 44) +
    0.6 * smoothNoise(seed, id, CH_TEMP, ts, 5 * MIN_MS);

  // XID events seen since the counter epoch began, counting one still active at its start.
  const epochStart = counterEpochStart(seed, id, 'gpu', ts, device.modeSinceTs);
  const xidCount = episodesBetween(seed, id, 'xid', epochStart, ts).filter((ep) => ep.startTs <= ts).length;

  sample.status = xid ? 'error' : mode === 'ai' ? 'ok' : 'idle';
  sample.powerW = round1(powerW);
  sample.gpuUtilPct = round1(utilPct);
  sample.gpuMemUsedGb = Math.round(memGb * 100) / 100;
  sample.gpuTempC = round1(gpuTempC);
  sample.hwErrors = xidCount;
  return sample;
}

/**
 * The running job's plateau at `ts`. Inside a busy window of the stand-in schedule the job is that
 * window's; when the server put the node in 'ai' outside one (a real job), the job is keyed by when
 * the mode began, else by the hour.
 */
function jobAt(seed: number, id: number, ts: number, modeSinceTs?: number) {
  const window = aiWindowAt(seed, id, ts);
  const startTs = window.busy
    ? window.startTs
    : (modeSinceTs ?? Math.floor(ts / (60 * MIN_MS)) * 60 * MIN_MS);
  const jobKey = window.busy ? window.jobKey : hash32(seed, id, lo(startTs), hi(startTs));
  const plateauMs = (30 + 60 * hashUnit(jobKey, CH_PLATEAU)) * MIN_MS;
  const plateau = Math.floor(Math.max(0, ts - startTs) / plateauMs);
  const intoPlateauMs = ts - startTs - plateau * plateauMs;
  const level = 70 + 28 * hashUnit(jobKey, CH_PLATEAU, plateau + 1);
  // Each plateau opens with a ~90 s checkpoint / data-loader stall.
  const utilPct = plateau > 0 && intoPlateauMs < 90_000 ? 25 + 20 * hashUnit(jobKey, CH_DIP, plateau) : level;
  return { utilPct, memFraction: 0.45 + 0.5 * hashUnit(jobKey, CH_MEM) };
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

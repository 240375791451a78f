import type { TelemetrySample } from '../telemetry/metrics';
import { type SimSite, siteInletTempC } from './ambient';
import { counterEpochStart, type EpochState, integrateOverFaults } from './counters';
import { type FaultClass, faultStateAt } from './faults';
import { gpuSample } from './gpu-model';
import { smoothNoise, whiteNoise } from './noise';
import { hashUnit, hi, lo } from './random';
import { effectiveMode, faultClassOf, type ModelContext, operatingPoint, type SimDevice } from './sim-device';

export type { SimSite } from './ambient';
export type { SimDevice, SimMode } from './sim-device';

export type SimulateInput = {
  device: SimDevice;
  site: SimSite;
  /** Epoch ms of the sample. */
  ts: number;
  seed: number;
  /** Sampling interval; only scales per-sample noise, so any instant can be generated alone. */
  intervalMs: number;
};

const MIN_MS = 60_000;
const CH_UNIT_H = 0x31;
const CH_UNIT_P = 0x32;
const CH_INLET = 0x33;
const CH_HASH = 0x34;
const CH_POWER = 0x36;
const CH_CHIP = 0x38;
const CH_BOARD = 0x3a;
const CH_FAN = 0x3c;
const CH_HOT = 0x3e;
const CH_LUCK = 0x40;
const CH_REJECT = 0x41;

/** Share rate at the configured hashrate (fixed difficulty per device). */
const SHARES_PER_MIN: Record<FaultClass, number> = { asic: 20, micro: 12, software: 0.5, gpu: 0 };
/** cgminer "Hardware Errors" per minute on a healthy ASIC; ×10 with a dead board, ×5 when overheating. */
const ASIC_HW_ERRORS_PER_MIN = 0.5;
/** Hashrate left while thermal protection throttles (AxeOS overheat mode drops the clock hard). */
const THROTTLE: Record<FaultClass, number> = { asic: 0.6, micro: 0.3, software: 1, gpu: 1 };
/** Antminer/Whatsminer fans top out near 6,000 rpm; so do the 40 mm fans on Bitaxe-class boards. */
const MAX_FAN_RPM = 6000;

/**
 * One simulated sample for `device` at `ts`, or null while the device is offline (it sends
 * nothing). Every value is a pure function of (seed, device id, ts) and the inputs, so a backfill
 * and the live loop produce identical history.
 */
export function simulateSample(input: SimulateInput): TelemetrySample | null {
  const { device, site, ts, seed, intervalMs } = input;
  const faultClass = faultClassOf(device);
  const faults = faultStateAt(seed, device.id, faultClass, ts);
  if (faults.offline) return null;
  const mode = effectiveMode(device);
  const isGpu = device.class === 'gpu';
  const inletSpreadC = isGpu ? 1.5 : faultClass === 'asic' ? 3.5 : 2;
  const ctx: ModelContext = {
    device,
    seed,
    ts,
    inletC: siteInletTempC(site, ts, seed, isGpu) + inletSpreadC * hashUnit(seed, device.id, CH_INLET),
    unitPower: 1 + 0.02 * (2 * hashUnit(seed, device.id, CH_UNIT_P) - 1),
    noiseScale: Math.min(2, Math.max(0.3, Math.sqrt(30_000 / Math.max(1, intervalMs)))),
  };
  if (isGpu) return gpuSample(ctx, mode, faults.xid);
  return minerSample(ctx, faultClass, mode, faults);
}

function minerSample(
  ctx: ModelContext,
  faultClass: FaultClass,
  mode: ReturnType<typeof effectiveMode>,
  faults: EpochState,
): TelemetrySample {
  const { device, seed, ts, inletC } = ctx;
  const id = device.id;
  const hasSensors = faultClass !== 'software';
  // Built by assignment rather than spreads: this runs millions of times in a backfill.
  const sample: TelemetrySample = { deviceId: id, ts };
  if (hasSensors) sample.inletTempC = round1(inletC);
  if (mode === 'maintenance') {
    sample.status = 'maintenance';
    sample.hashrateThs = 0;
    sample.powerW = 0;
    return sample;
  }
  if (device.poolUrl) sample.poolUrl = device.poolUrl;
  if (mode === 'curtailed' || mode === 'idle') {
    // Sleeping firmware keeps the control board and slow fans alive (~1–2 % of nameplate on an ASIC).
    const share =
      faultClass === 'asic' ? (mode === 'curtailed' ? 0.012 : 0.02) : faultClass === 'micro' ? 0.15 : 0.5;
    sample.status = mode;
    sample.hashrateThs = 0;
    sample.powerW = round1(device.nominalPowerW * share * ctx.unitPower);
    if (hasSensors) {
      sample.chipTempC = round1(inletC + 3);
      sample.boardTempC = round1(inletC + 2);
      sample.fanRpm = faultClass === 'asic' ? 1200 : 1500;
    }
    return sample;
  }

  const op = operatingPoint(device);
  const throttle = faults.overheat ? THROTTLE[faultClass] : 1;
  const boards = faults.degraded ? 2 / 3 : 1;
  const unitHash = 1 + 0.02 * (2 * hashUnit(seed, id, CH_UNIT_H) - 1);
  // Bitaxe-class hashrate is estimated from nonces found, so it is far noisier than an ASIC's.
  const slow = faultClass === 'micro' ? 0.02 : 0.01;
  const fast = faultClass === 'asic' ? 0.006 : faultClass === 'micro' ? 0.03 : 0.02;
  const hashNoise =
    slow * smoothNoise(seed, id, CH_HASH, ts, 10 * MIN_MS) +
    fast * ctx.noiseScale * whiteNoise(seed, id, CH_HASH, ts);
  const hashrateThs = Math.max(0, op.hashrateThs * unitHash * boards * throttle * (1 + hashNoise));
  // A dead board draws nothing; throttling lowers clock and voltage together.
  const idleShare = faultClass === 'asic' ? 0.03 : 0.15;
  const activeShare = idleShare + (1 - idleShare) * boards * throttle ** 1.3;
  const powerNoise =
    1 + 0.004 * smoothNoise(seed, id, CH_POWER, ts, 10 * MIN_MS) + 0.003 * whiteNoise(seed, id, CH_POWER, ts);
  const powerW = op.powerW * ctx.unitPower * activeShare * powerNoise;
  sample.status = 'ok';
  sample.hashrateThs = roundSig(hashrateThs);
  sample.powerW = round1(powerW);
  writeMinerCounters(sample, ctx, faultClass, op.hashrateThs);
  if (!hasSensors) return sample;

  let chipTempC: number;
  let fanFraction: number;
  if (faults.overheat) {
    chipTempC = device.maxTempC + 2 + 5 * (0.5 + 0.5 * smoothNoise(seed, id, CH_HOT, ts, 20 * MIN_MS));
    fanFraction = 1;
  } else {
    const chipNoise =
      0.8 * smoothNoise(seed, id, CH_CHIP, ts, 5 * MIN_MS) + 0.3 * whiteNoise(seed, id, CH_CHIP, ts);
    if (faultClass === 'asic') {
      // Fans hold chips ~20 °C under the limit at 25 °C inlet and lose ground slowly as inlet air warms.
      const load = powerW / device.nominalPowerW;
      const targetC = device.maxTempC - 20 + 0.3 * (inletC - 25);
      chipTempC = inletC + load * Math.max(8, targetC - inletC) + chipNoise;
      fanFraction =
        Math.min(0.95, Math.max(0.3, 0.35 + (0.55 * (inletC - 5)) / 35)) * Math.min(1, 0.4 + load);
    } else {
      // AxeOS auto-fan targets ~60 °C chip temperature.
      chipTempC = Math.min(66, Math.max(48, 58 + 0.25 * (inletC - 22))) + chipNoise;
      fanFraction = 0.5 + (0.33 * Math.min(25, Math.max(0, inletC - 10))) / 25;
    }
  }
  sample.chipTempC = round1(chipTempC);
  // ASIC: PCB sensor below the chips; AxeOS: the voltage regulator, which runs hotter.
  const boardOffsetC = faultClass === 'asic' ? -12 : 12;
  sample.boardTempC = round1(chipTempC + boardOffsetC + 0.5 * whiteNoise(seed, id, CH_BOARD, ts));
  sample.fanRpm = Math.round(MAX_FAN_RPM * fanFraction + 60 * whiteNoise(seed, id, CH_FAN, ts));
  return sample;
}

/** Cumulative accepted/rejected shares (and ASIC hardware errors) since the counter epoch began. */
function writeMinerCounters(
  sample: TelemetrySample,
  ctx: ModelContext,
  faultClass: FaultClass,
  configuredThs: number,
) {
  const { device, seed, ts } = ctx;
  const id = device.id;
  const start = counterEpochStart(seed, id, faultClass, ts, device.modeSinceTs);
  const throttle = THROTTLE[faultClass];
  const [hashMs = 0, errorMs = 0] = integrateOverFaults(seed, id, faultClass, start, ts, (s) => [
    (s.degraded ? 2 / 3 : 1) * (s.overheat ? throttle : 1),
    1 + (s.degraded ? 9 : 0) + (s.overheat ? 4 : 0),
  ]);
  const luck = 0.97 + 0.06 * hashUnit(seed, id, CH_LUCK, lo(start), hi(start));
  const relative = device.nominalHashrateThs ? configuredThs / device.nominalHashrateThs : 1;
  const accepted = Math.floor(((SHARES_PER_MIN[faultClass] * relative * luck) / MIN_MS) * hashMs);
  const rejectRatio = 0.001 + 0.005 * hashUnit(seed, id, CH_REJECT, lo(start), hi(start));
  sample.acceptedShares = accepted;
  sample.rejectedShares = Math.floor(accepted * rejectRatio);
  if (faultClass === 'asic') sample.hwErrors = Math.floor((ASIC_HW_ERRORS_PER_MIN / MIN_MS) * errorMs);
}

function round1(value: number): number {
  return Math.round(value * 10) / 10;
}

/** Five significant digits: keeps a 70 kH/s NerdMiner (7e-8 TH/s) and a 270 TH/s S21 XP readable. */
function roundSig(value: number): number {
  return value === 0 ? 0 : Number(value.toPrecision(5));
}

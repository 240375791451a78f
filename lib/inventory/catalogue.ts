/**
 * Built-in device model catalogue. Figures come from shared/reference/economics.md §2 (labels V /
 * UNVERIFIED there); anything not confirmed by a primary source sets `specsEstimated` and says why
 * in `source`. Fields map 1:1 to the Prisma DeviceModel columns (`powerProfiles` is stored as JSON).
 */
export type DeviceClassKey = 'asic' | 'micro' | 'gpu';

export type PowerProfile = { powerW: number; hashrateThs: number; estimated: boolean };

export type DeviceModelSpec = {
  vendor: string;
  model: string;
  class: DeviceClassKey;
  nominalHashrateThs: number | null;
  nominalPowerW: number;
  maxTempC: number;
  gpuCount: number | null;
  gpuMemoryGb: number | null;
  /** GPU type for rental-rate lookup; matches lib/market/gpu/gpu-rates.ts DEFAULT_GPU_RATES ids. */
  gpuModel: string | null;
  powerProfiles: PowerProfile[] | null;
  specsEstimated: boolean;
  source: string;
};

/** "vendor model": the key the demo fleet and the seeder use to link devices to models. */
export function modelKey(spec: Pick<DeviceModelSpec, 'vendor' | 'model'>): string {
  return `${spec.vendor} ${spec.model}`;
}

/**
 * Under/overclock points around the nameplate. Tuned SHA-256 chips lose efficiency superlinearly as
 * voltage rises, so P/Pn ≈ (H/Hn)^1.6 — a curve that reproduces the ~10–15 % efficiency gain firmware
 * tuners advertise at 70–80 % power. Everything except the nameplate point is an estimate.
 */
export function derivedProfiles(
  nominalPowerW: number,
  nominalHashrateThs: number,
  powerFractions: readonly number[],
  nameplateEstimated: boolean,
): PowerProfile[] {
  const decimals = nominalHashrateThs < 10 ? 3 : 1;
  return powerFractions.map((fraction) => ({
    powerW: Math.round(nominalPowerW * fraction * 10) / 10,
    hashrateThs: round(nominalHashrateThs * fraction ** (1 / 1.6), decimals),
    estimated: fraction === 1 ? nameplateEstimated : true,
  }));
}

function round(value: number, decimals: number) {
  const f = 10 ** decimals;
  return Math.round(value * f) / f;
}

const ASIC_FRACTIONS = [0.6, 0.75, 0.9, 1, 1.1] as const;
const MICRO_FRACTIONS = [0.75, 1, 1.2] as const;
const TEMP_NOTE = 'maxTempC is an operating guideline (assumption), not a vendor figure';

function asic(
  vendor: string,
  model: string,
  hashrateThs: number,
  powerW: number,
  maxTempC: number,
  specsEstimated: boolean,
  source: string,
  powerProfiles?: PowerProfile[],
): DeviceModelSpec {
  return {
    vendor,
    model,
    class: 'asic',
    nominalHashrateThs: hashrateThs,
    nominalPowerW: powerW,
    maxTempC,
    gpuCount: null,
    gpuMemoryGb: null,
    gpuModel: null,
    powerProfiles: powerProfiles ?? derivedProfiles(powerW, hashrateThs, ASIC_FRACTIONS, specsEstimated),
    specsEstimated,
    source: `${source}; ${TEMP_NOTE}`,
  };
}

function micro(
  vendor: string,
  model: string,
  hashrateThs: number,
  powerW: number,
  maxTempC: number,
  specsEstimated: boolean,
  source: string,
  withProfiles = true,
): DeviceModelSpec {
  return {
    vendor,
    model,
    class: 'micro',
    nominalHashrateThs: hashrateThs,
    nominalPowerW: powerW,
    maxTempC,
    gpuCount: null,
    gpuMemoryGb: null,
    gpuModel: null,
    powerProfiles: withProfiles
      ? derivedProfiles(powerW, hashrateThs, MICRO_FRACTIONS, specsEstimated)
      : null,
    specsEstimated,
    source: `${source}; ${TEMP_NOTE}`,
  };
}

function gpuNode(
  model: string,
  gpuModel: string,
  gpuCount: number,
  gpuMemoryGb: number,
  nodePowerW: number,
  maxTempC: number,
  specsEstimated: boolean,
  source: string,
): DeviceModelSpec {
  return {
    vendor: 'NVIDIA',
    model,
    class: 'gpu',
    nominalHashrateThs: null,
    nominalPowerW: nodePowerW,
    maxTempC,
    gpuCount,
    gpuMemoryGb,
    gpuModel,
    powerProfiles: null,
    specsEstimated,
    source: `${source}; nominalPowerW is the whole node at the wall; ${TEMP_NOTE}`,
  };
}

/** S19j Pro is sold in three bins (96/100/104 TH/s); they double as its verified power targets. */
const S19J_PRO_PROFILES: PowerProfile[] = [
  ...derivedProfiles(3068, 104, [0.6, 0.75], false),
  { powerW: 2832, hashrateThs: 96, estimated: false },
  { powerW: 3050, hashrateThs: 100, estimated: false },
  { powerW: 3068, hashrateThs: 104, estimated: false },
];

export const DEVICE_MODELS: DeviceModelSpec[] = [
  asic(
    'Bitmain',
    'Antminer S19j Pro',
    104,
    3068,
    90,
    false,
    'economics.md §2 (V): miningstore.com S19-series guide, asics-tools asicWattList.ts; bins 96/100/104 TH/s at 2,832/3,050/3,068 W',
    S19J_PRO_PROFILES,
  ),
  asic(
    'Bitmain',
    'Antminer S19 XP',
    140,
    3010,
    90,
    false,
    'economics.md §2 (V): miningstore.com, asicWattList.ts; 21.5 J/TH; other profiles derived (estimated)',
  ),
  asic(
    'Bitmain',
    'Antminer S21',
    200,
    3500,
    95,
    false,
    'economics.md §2 (V): Bitmain spec via hackernoon review 2024-03-11, lincoin.com; other profiles derived (estimated)',
  ),
  asic(
    'Bitmain',
    'Antminer S21 Pro',
    234,
    3510,
    95,
    false,
    'economics.md §2 (V): lmc-mining, bitaxeGamma readme; some listings say 3,531 W; other profiles derived (estimated)',
  ),
  asic(
    'Bitmain',
    'Antminer S21 XP',
    270,
    3645,
    95,
    false,
    'economics.md §2 (V): btcminermarketplace spec, 13.5 J/TH; other profiles derived (estimated)',
  ),
  asic(
    'MicroBT',
    'Whatsminer M50S',
    126,
    3276,
    90,
    true,
    'economics.md §2: only 26 J/TH is confirmed; 126 TH/s and 3,276 W are UNVERIFIED (estimated)',
  ),
  asic(
    'MicroBT',
    'Whatsminer M60S',
    186,
    3441,
    90,
    true,
    'economics.md §2: 186 TH/s, 3,441 W, ~18.5 J/TH all UNVERIFIED (no MicroBT spec card; HI breakeven implies ~18.9 J/TH)',
  ),
  asic(
    'Canaan',
    'Avalon A1466',
    150,
    3230,
    90,
    false,
    'economics.md §2 (V): d-central.tech A1466 nameplate, 3,230 W ±10 %; other profiles derived (estimated)',
  ),
  asic(
    'Canaan',
    'Avalon A16',
    282,
    3900,
    90,
    false,
    'economics.md §2 (V): hashrateindex.com A16-series review (Oct 2025); other profiles derived (estimated)',
  ),
  asic(
    'Canaan',
    'Avalon A16 XP',
    300,
    3850,
    90,
    false,
    'economics.md §2 (V): hashrateindex.com A16-series review (Oct 2025); other profiles derived (estimated)',
  ),
  micro(
    'Bitaxe',
    'Bitaxe Ultra',
    0.5,
    14.5,
    70,
    false,
    'economics.md §2 (V): osmu.xyz table, BM1366, ~0.5 TH/s at ~14–15 W (midpoint used); other profiles derived (estimated)',
  ),
  micro(
    'Bitaxe',
    'Bitaxe Supra',
    0.7,
    13,
    70,
    true,
    'economics.md §2: 0.7 TH/s (V, osmu.xyz); power UNVERIFIED ~12–15 W, 13 W assumed (estimated)',
  ),
  micro(
    'Bitaxe',
    'Bitaxe Gamma',
    1.2,
    18,
    70,
    false,
    'economics.md §2 (V): bitaxeorg/bitaxeGamma readme, BM1370, ~1.2 TH/s at ~18 W; other profiles derived (estimated)',
  ),
  micro(
    'NerdAxe',
    'NerdQAxe++',
    4.8,
    76,
    70,
    true,
    'not in economics.md: 4× BM1370, ~4.8 TH/s at ~76 W are community figures (estimated)',
  ),
  micro(
    'BitMaker',
    'NerdMiner v2',
    70e-9,
    1,
    85,
    true,
    'economics.md §2: ~55–78 kH/s stock (UNVERIFIED calculator pages), 70 kH/s used; ~1 W UNVERIFIED; lottery device (estimated)',
    false,
  ),
  gpuNode(
    'DGX H100',
    'h100-sxm',
    8,
    80,
    10_200,
    87,
    false,
    'economics.md §1.11/§2 (V): 8× H100 SXM5 80 GB, DGX user guide 10.2 kW max (6.5–8.5 kW typical)',
  ),
  gpuNode(
    'DGX H200',
    'h200',
    8,
    141,
    10_200,
    87,
    true,
    'economics.md §2 (V): H200 141 GB, 700 W per GPU like H100 SXM; node power assumed equal to DGX H100 (estimated)',
  ),
  gpuNode(
    'DGX A100 80GB',
    'a100-80gb',
    8,
    80,
    6_500,
    85,
    true,
    'economics.md §2 (V): A100 SXM4 80 GB, 400 W per GPU; 6.5 kW node max is NVIDIA DGX A100 datasheet, not in the reference (estimated)',
  ),
  gpuNode(
    'L40S 8-GPU server',
    'l40s',
    8,
    48,
    4_000,
    88,
    true,
    'economics.md §2 (V): L40S 48 GB, 350 W max per GPU; node = 8 × 350 W + ~1.2 kW host (assumption, estimated)',
  ),
  gpuNode(
    'RTX 4090 2-GPU rig',
    'rtx-4090',
    2,
    24,
    1_200,
    90,
    true,
    'economics.md §2 (V): RTX 4090 24 GB, 450 W TGP; rig = 2 GPUs at the ~0.6 kW/GPU node share assumed in §1.11 (estimated)',
  ),
];

const BY_KEY = new Map(DEVICE_MODELS.map((spec) => [modelKey(spec), spec]));

export function findDeviceModel(key: string): DeviceModelSpec | undefined {
  return BY_KEY.get(key);
}

/** Hashrate at a power target, linear between profile points and clamped to the profile range. */
export function hashrateAtPowerThs(
  spec: Pick<DeviceModelSpec, 'powerProfiles'>,
  powerW: number,
): number | null {
  const profiles = spec.powerProfiles;
  if (!profiles || profiles.length === 0) return null;
  const first = profiles[0]!;
  const last = profiles[profiles.length - 1]!;
  if (powerW <= first.powerW) return first.hashrateThs;
  if (powerW >= last.powerW) return last.hashrateThs;
  for (let i = 1; i < profiles.length; i++) {
    const hi = profiles[i]!;
    if (powerW <= hi.powerW) {
      const lo = profiles[i - 1]!;
      const t = (powerW - lo.powerW) / (hi.powerW - lo.powerW);
      return lo.hashrateThs + t * (hi.hashrateThs - lo.hashrateThs);
    }
  }
  return last.hashrateThs;
}

/**
 * The demo fleet's sites, tenants, climates and rack layouts as data. lib/sim/demo-fleet.ts turns
 * the layouts into concrete devices for a seed.
 */

export type ContractKind = 'fixed' | 'tou' | 'spot';

/** One time-of-use band in site-local time: ISO weekdays (1 = Monday … 7 = Sunday), [fromHour, toHour). */
export type TouBand = { days: number[]; fromHour: number; toHour: number; priceUsdPerMwh: number };

export type DemoTenant = { key: string; name: string };

/** Mirrors the Prisma Site create fields, plus a stable `key` to link racks and devices. */
export type DemoSite = {
  key: string;
  name: string;
  timezone: string;
  location: string;
  latitude: number;
  longitude: number;
  powerCapacityKw: number;
  pue: number;
  contractKind: ContractKind;
  fixedPriceUsdPerMwh: number | null;
  /** JSON of TouBand[] when contractKind is 'tou'. */
  touSchedule: string | null;
  spotSource: string | null;
  spotAdderUsdPerMwh: number;
  curtailable: boolean;
  firmPower: boolean;
  poolFeePct: number;
};

/**
 * Outdoor climate plus how the building couples devices to it. Ambient follows
 * mean + seasonal·cos(day of year) + daily·cos(local hour); device inlet air is ambient + offset,
 * never below the floor (containers recirculate exhaust air in winter).
 */
export type SiteClimate = {
  meanAnnualC: number;
  seasonalAmplitudeC: number;
  dailyAmplitudeC: number;
  hemisphere: 'north' | 'south';
  inletOffsetC: number;
  inletFloorC: number;
  /** GPU halls with CRAH cooling hold inlet near this value; null = GPUs breathe site air. */
  controlledInletC: number | null;
};

/** How a rack's slots are filled: one model at a fill probability, or exact counts in slot order. */
export type SlotPlan =
  | { kind: 'fill'; modelKey: string; fill: number }
  | { kind: 'counts'; counts: [string, number][] };

export type RackPlan = {
  name: string;
  rows: number;
  columns: number;
  slots: SlotPlan;
  /** Slot i (0-based, row-major) gets host `${subnet}.${firstHost + i}`. */
  subnet: string;
  firstHost: number;
  tenantKey?: string;
};

export type SitePlan = { site: DemoSite; namePrefix: string; climate: SiteClimate; racks: RackPlan[] };

export const DEMO_TENANTS: DemoTenant[] = [
  { key: 'northwind', name: 'Northwind Hosting' },
  { key: 'aurora', name: 'Aurora Hashworks' },
];

/**
 * Residential TOU in the style of Xcel Energy Colorado (on-peak 17–21 on weekdays). Prices are
 * illustrative for the demo, not a tariff quote.
 */
export const GARAGE_TOU: TouBand[] = [
  { days: [1, 2, 3, 4, 5], fromHour: 0, toHour: 13, priceUsdPerMwh: 95 },
  { days: [1, 2, 3, 4, 5], fromHour: 13, toHour: 17, priceUsdPerMwh: 145 },
  { days: [1, 2, 3, 4, 5], fromHour: 17, toHour: 21, priceUsdPerMwh: 265 },
  { days: [1, 2, 3, 4, 5], fromHour: 21, toHour: 24, priceUsdPerMwh: 95 },
  { days: [6, 7], fromHour: 0, toHour: 24, priceUsdPerMwh: 95 },
];

function containerRacks(
  container: number,
  modelKeys: string[],
  subnetPrefix: string,
  fill: number,
  tenantByRack: Record<number, string> = {},
): RackPlan[] {
  const c = String(container).padStart(2, '0');
  return modelKeys.map((modelKey, i) => ({
    name: `C${c}-R${i + 1}`,
    rows: 4,
    columns: 12,
    slots: { kind: 'fill', modelKey, fill },
    subnet: `${subnetPrefix}.${container}`,
    firstHost: 10 + i * 48,
    ...(tenantByRack[i + 1] ? { tenantKey: tenantByRack[i + 1] } : {}),
  }));
}

function gpuRacks(first: number, count: number, modelKey: string): RackPlan[] {
  return Array.from({ length: count }, (_, i) => {
    const n = first + i;
    return {
      name: `H1-R${String(n).padStart(2, '0')}`,
      rows: 4,
      columns: 1,
      slots: { kind: 'counts', counts: [[modelKey, 4]] },
      subnet: `10.31.${n}`,
      firstHost: 10,
    } satisfies RackPlan;
  });
}

function shelf(name: string, firstHost: number, counts: [string, number][]): RackPlan {
  return { name, rows: 3, columns: 6, slots: { kind: 'counts', counts }, subnet: '192.168.50', firstHost };
}

const S19XP = 'Bitmain Antminer S19 XP';
const S21 = 'Bitmain Antminer S21';
const S21XP = 'Bitmain Antminer S21 XP';
const M60S = 'MicroBT Whatsminer M60S';
const M50S = 'MicroBT Whatsminer M50S';

export const DEMO_SITE_PLANS: SitePlan[] = [
  {
    namePrefix: 'TX',
    site: {
      key: 'permian',
      name: 'Permian Basin, TX',
      timezone: 'America/Chicago',
      location: 'Pecos County, Texas, US (ERCOT West)',
      latitude: 30.894,
      longitude: -102.879,
      powerCapacityKw: 25_000,
      pue: 1.05,
      contractKind: 'spot',
      fixedPriceUsdPerMwh: null,
      touSchedule: null,
      spotSource: 'sim:ercot-west',
      spotAdderUsdPerMwh: 3,
      curtailable: true,
      firmPower: false,
      poolFeePct: 2,
    },
    climate: {
      meanAnnualC: 18,
      seasonalAmplitudeC: 9.5,
      dailyAmplitudeC: 8,
      hemisphere: 'north',
      inletOffsetC: 3,
      inletFloorC: 8,
      controlledInletC: null,
    },
    racks: [
      ...containerRacks(1, [S19XP, S19XP, S19XP], '10.20', 0.96),
      ...containerRacks(2, [S19XP, S19XP, S21], '10.20', 0.96),
      ...containerRacks(3, [S21, S21, S21], '10.20', 0.96),
      ...containerRacks(4, [S21XP, S21XP, S21XP], '10.20', 0.96),
      ...containerRacks(5, [M60S, M60S, M60S], '10.20', 0.96, { 3: 'aurora' }),
      ...containerRacks(6, [M50S, M50S, M50S], '10.20', 0.96, {
        1: 'northwind',
        2: 'northwind',
        3: 'northwind',
      }),
    ],
  },
  {
    namePrefix: 'SE',
    site: {
      key: 'trollhattan',
      name: 'Trollhättan Hydro, SE',
      timezone: 'Europe/Stockholm',
      location: 'Trollhättan, Västra Götaland, Sweden (bidding zone SE3)',
      latitude: 58.284,
      longitude: 12.289,
      // Deliberately below nameplate × PUE (~1.5 MW): mining and the GPU hall compete for the
      // grid connection, so the allocator has to choose rather than run everything.
      powerCapacityKw: 1_300,
      pue: 1.15,
      contractKind: 'spot',
      fixedPriceUsdPerMwh: null,
      touSchedule: null,
      spotSource: 'sim:se3',
      spotAdderUsdPerMwh: 6,
      curtailable: true,
      firmPower: true,
      poolFeePct: 2,
    },
    climate: {
      meanAnnualC: 7.5,
      seasonalAmplitudeC: 8.5,
      dailyAmplitudeC: 4,
      hemisphere: 'north',
      inletOffsetC: 4,
      inletFloorC: 10,
      controlledInletC: 24,
    },
    racks: [
      ...containerRacks(
        1,
        ['Bitmain Antminer S21 Pro', 'Bitmain Antminer S21 Pro', 'Bitmain Antminer S21 Pro'],
        '10.30',
        0.97,
      ),
      ...containerRacks(
        2,
        ['Canaan Avalon A1466', 'Canaan Avalon A16 XP', 'Bitmain Antminer S19j Pro'],
        '10.30',
        0.97,
        { 3: 'northwind' },
      ),
      ...gpuRacks(1, 4, 'NVIDIA DGX H100'),
      ...gpuRacks(5, 2, 'NVIDIA DGX H200'),
      ...gpuRacks(7, 3, 'NVIDIA DGX A100 80GB'),
      ...gpuRacks(10, 3, 'NVIDIA L40S 8-GPU server'),
    ],
  },
  {
    namePrefix: 'GS',
    site: {
      key: 'garage',
      name: 'Garage swarm, CO',
      timezone: 'America/Denver',
      location: 'Boulder, Colorado, US (home garage)',
      latitude: 40.015,
      longitude: -105.271,
      // A dedicated 30 A / 240 V circuit.
      powerCapacityKw: 7.2,
      pue: 1,
      contractKind: 'tou',
      fixedPriceUsdPerMwh: null,
      touSchedule: JSON.stringify(GARAGE_TOU),
      spotSource: null,
      spotAdderUsdPerMwh: 0,
      curtailable: true,
      firmPower: false,
      poolFeePct: 0,
    },
    climate: {
      meanAnnualC: 10.5,
      seasonalAmplitudeC: 11.5,
      dailyAmplitudeC: 7.5,
      hemisphere: 'north',
      inletOffsetC: 4,
      inletFloorC: 5,
      controlledInletC: null,
    },
    racks: [
      shelf('SHELF-A', 20, [['Bitaxe Bitaxe Gamma', 16]]),
      shelf('SHELF-B', 40, [
        ['Bitaxe Bitaxe Supra', 12],
        ['Bitaxe Bitaxe Ultra', 6],
      ]),
      shelf('SHELF-C', 60, [
        ['NerdAxe NerdQAxe++', 6],
        ['Bitaxe Bitaxe Gamma', 4],
        ['Bitaxe Bitaxe Ultra', 2],
      ]),
      shelf('SHELF-D', 80, [['BitMaker NerdMiner v2', 12]]),
      {
        name: 'BENCH',
        rows: 1,
        columns: 2,
        slots: { kind: 'counts', counts: [['NVIDIA RTX 4090 2-GPU rig', 2]] },
        subnet: '192.168.50',
        firstHost: 200,
      },
    ],
  },
];

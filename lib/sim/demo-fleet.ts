import { type DeviceModelSpec, findDeviceModel } from '../inventory/catalogue';
import {
  DEMO_SITE_PLANS,
  DEMO_TENANTS,
  type DemoSite,
  type DemoTenant,
  type RackPlan,
  type SiteClimate,
} from './demo-sites';
import { createRng, hash32, hashString, type Rng, rngInt } from './random';

export type { DemoSite, DemoTenant, SiteClimate, TouBand } from './demo-sites';

export type DemoProtocol = 'cgminer' | 'axeos' | 'dcgm' | 'push';

export type DemoRack = { key: string; siteKey: string; name: string; rows: number; columns: number };

export type DemoDevice = {
  name: string;
  serial: string;
  macAddress: string;
  siteKey: string;
  rackKey: string;
  /** 1-based position in the rack, row-major. */
  slotRow: number;
  slotColumn: number;
  /** "vendor model", see modelKey() in lib/inventory/catalogue.ts. */
  modelKey: string;
  protocol: DemoProtocol;
  /** LAN address; null for push devices (NerdMiner reports through its pool, not a local API). */
  host: string | null;
  port: number | null;
  tenantKey?: string;
};

export type DemoFleet = {
  tenants: DemoTenant[];
  sites: DemoSite[];
  racks: DemoRack[];
  devices: DemoDevice[];
  /** Climate per site key, for the telemetry simulator. */
  climates: Record<string, SiteClimate>;
};

/** Builds the demo inventory as plain data; the same seed always yields a deep-equal fleet. */
export function buildDemoFleet(seed: number): DemoFleet {
  const used = new Set<string>();
  const racks: DemoRack[] = [];
  const devices: DemoDevice[] = [];
  const climates: Record<string, SiteClimate> = {};
  for (const plan of DEMO_SITE_PLANS) {
    const siteKey = plan.site.key;
    climates[siteKey] = { ...plan.climate };
    // One stream per site: changing one site's layout leaves the others' serials and slots alone.
    const rng = createRng(hash32(seed, hashString(siteKey)));
    for (const rackPlan of plan.racks) {
      const rack: DemoRack = {
        key: `${siteKey}:${rackPlan.name}`,
        siteKey,
        name: rackPlan.name,
        rows: rackPlan.rows,
        columns: rackPlan.columns,
      };
      racks.push(rack);
      planSlots(rng, rackPlan).forEach((key, index) => {
        if (!key) return;
        const spec = findDeviceModel(key);
        if (!spec) throw new Error(`Demo layout names unknown model "${key}" in rack ${rack.key}`);
        const endpoint = endpointFor(spec, rackPlan, index);
        const { serial, macAddress } = identityFor(rng, spec, used);
        devices.push({
          name: `${plan.namePrefix}-${rackPlan.name}-S${String(index + 1).padStart(2, '0')}`,
          serial,
          macAddress,
          siteKey,
          rackKey: rack.key,
          slotRow: Math.floor(index / rackPlan.columns) + 1,
          slotColumn: (index % rackPlan.columns) + 1,
          modelKey: key,
          ...endpoint,
          ...(rackPlan.tenantKey ? { tenantKey: rackPlan.tenantKey } : {}),
        });
      });
    }
  }
  return {
    tenants: DEMO_TENANTS.map((t) => ({ ...t })),
    sites: DEMO_SITE_PLANS.map((p) => ({ ...p.site })),
    racks,
    devices,
    climates,
  };
}

/** Model key per slot (row-major), null for an empty slot. */
function planSlots(rng: Rng, plan: RackPlan): (string | null)[] {
  const size = plan.rows * plan.columns;
  const slots: (string | null)[] = new Array(size).fill(null);
  if (plan.slots.kind === 'fill') {
    const { modelKey, fill } = plan.slots;
    for (let i = 0; i < size; i++) slots[i] = rng() < fill ? modelKey : null;
    return slots;
  }
  let i = 0;
  for (const [modelKey, count] of plan.slots.counts) {
    for (let n = 0; n < count; n++) {
      if (i >= size) throw new Error(`Demo rack ${plan.name} has more devices than slots`);
      slots[i++] = modelKey;
    }
  }
  return slots;
}

function endpointFor(spec: DeviceModelSpec, plan: RackPlan, index: number) {
  const protocol = protocolFor(spec);
  if (protocol === 'push') return { protocol, host: null, port: null };
  const hostNumber = plan.firstHost + index;
  if (hostNumber > 254) throw new Error(`Demo rack ${plan.name} runs past ${plan.subnet}.254`);
  const port = protocol === 'cgminer' ? 4028 : protocol === 'axeos' ? 80 : 9400;
  return { protocol, host: `${plan.subnet}.${hostNumber}`, port };
}

export function protocolFor(spec: Pick<DeviceModelSpec, 'class' | 'vendor'>): DemoProtocol {
  if (spec.class === 'asic') return 'cgminer';
  if (spec.class === 'gpu') return 'dcgm';
  return spec.vendor === 'BitMaker' ? 'push' : 'axeos';
}

/**
 * Locally administered prefixes (second bit of the first octet set), so demo MACs can never
 * collide with a real vendor's OUI on an operator's network.
 */
const MAC_PREFIX: Record<string, string> = {
  Bitmain: '02:B1:7A',
  MicroBT: '06:4D:42',
  Canaan: '0A:CA:4E',
  Bitaxe: '12:E5:32',
  NerdAxe: '12:E5:33',
  BitMaker: '12:E5:34',
  NVIDIA: '1A:5E:9D',
};

const BITAXE_BOARD: Record<string, string> = {
  'Bitaxe Ultra': '204',
  'Bitaxe Supra': '401',
  'Bitaxe Gamma': '601',
};
const LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';
const ALNUM = `${LETTERS}0123456789`;

function pick(rng: Rng, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i++) out += alphabet[Math.floor(rng() * alphabet.length)];
  return out;
}

function serialFor(rng: Rng, spec: DeviceModelSpec, macTail: string): string {
  switch (spec.vendor) {
    case 'Bitmain':
      return `JY${pick(rng, LETTERS, 4)}B${pick(rng, '0123456789', 4)}${pick(rng, ALNUM, 6)}`;
    case 'MicroBT':
      return `HT${spec.model.split(' ').at(-1)}K${pick(rng, '0123456789', 10)}`;
    case 'Canaan':
      return `CN${spec.model.replace(/\W|Avalon/g, '')}${pick(rng, '0123456789', 10)}`;
    case 'Bitaxe':
      return `BX${BITAXE_BOARD[spec.model] ?? '000'}-${macTail}`;
    case 'NerdAxe':
      return `NQX-${macTail}`;
    case 'BitMaker':
      return `NM2-${macTail}`;
    default:
      return spec.class === 'gpu' && spec.model.startsWith('DGX')
        ? `16${pick(rng, '0123456789', 11)}`
        : `WS${pick(rng, '0123456789', 8)}`;
  }
}

function identityFor(rng: Rng, spec: DeviceModelSpec, used: Set<string>) {
  const prefix = MAC_PREFIX[spec.vendor] ?? '1E:00:00';
  for (let attempt = 0; attempt < 1000; attempt++) {
    const tail = [rngInt(rng, 0, 255), rngInt(rng, 0, 255), rngInt(rng, 0, 255)].map((b) =>
      b.toString(16).toUpperCase().padStart(2, '0'),
    );
    const macAddress = `${prefix}:${tail.join(':')}`;
    const serial = serialFor(rng, spec, tail.join(''));
    if (used.has(`mac:${macAddress}`) || used.has(`serial:${serial}`)) continue;
    used.add(`mac:${macAddress}`);
    used.add(`serial:${serial}`);
    return { serial, macAddress };
  }
  throw new Error(`Could not draw a unique serial/MAC for ${spec.vendor} ${spec.model}`);
}

import { type AxeosFakeOptions, startAxeosFake } from './axeos-fake';
import type { AxeosVersion } from './axeos-info';
import { type CgBehaviour, type RunningFake, startCgminerFake } from './cgminer-fake';
import type { CgQuirk, CgVariant } from './cgminer-replies';
import { startDcgmFake } from './dcgm-fake';
import { newMinerState } from './miner-state';

export type FakeSpec =
  | { kind: 'cgminer'; variant: CgVariant; quirks?: CgQuirk[]; behaviour?: CgBehaviour }
  | { kind: 'axeos'; version: AxeosVersion; networkCheck?: boolean; delayMs?: number; halfOpen?: boolean }
  | { kind: 'dcgm'; gpus: number; oldNamespace?: boolean; sentinel?: boolean };

export type FleetDevice = {
  index: number;
  protocol: 'cgminer' | 'axeos' | 'dcgm';
  host: string;
  port: number;
  label: string;
};

export type Fleet = { devices: FleetDevice[]; close: () => Promise<void> };

const NAMEPLATE: Record<CgVariant, [number, number]> = {
  antminer: [110, 3250],
  braiins: [100, 3000],
  luxos: [104, 3068],
  avalon: [197, 3600],
  whatsminer: [88, 3400],
  cgminer: [14, 1350],
};

function label(spec: FakeSpec): string {
  if (spec.kind === 'cgminer') return [spec.variant, ...(spec.quirks ?? [])].join('+');
  if (spec.kind === 'axeos') return `axeos-v${spec.version}`;
  return `dcgm-${spec.gpus}gpu`;
}

async function startOne(spec: FakeSpec, seed: number, host: string): Promise<RunningFake> {
  const now = Date.now();
  if (spec.kind === 'cgminer') {
    const [ths, w] = NAMEPLATE[spec.variant];
    return startCgminerFake(
      {
        variant: spec.variant,
        quirks: spec.quirks,
        behaviour: spec.behaviour,
        state: newMinerState(seed, ths, w, now),
      },
      0,
      host,
    );
  }
  if (spec.kind === 'axeos') {
    const opts: AxeosFakeOptions = { ...spec, state: newMinerState(seed, 1.1, 20, now) };
    return startAxeosFake(opts, 0, host);
  }
  return startDcgmFake(spec, 0, host);
}

/**
 * Starts one loopback listener per fake device on an ephemeral port (no collisions with whatever
 * else runs on the machine). Each costs one file descriptor plus one per open connection: keep
 * the count under `ulimit -n` minus the poller's concurrency.
 */
export async function startFleet(specs: FakeSpec[], host = '127.0.0.1', parallel = 200): Promise<Fleet> {
  const running: RunningFake[] = new Array(specs.length);
  const devices: FleetDevice[] = new Array(specs.length);
  let next = 0;
  const worker = async () => {
    while (next < specs.length) {
      const i = next++;
      const spec = specs[i]!;
      running[i] = await startOne(spec, i + 1, host);
      devices[i] = { index: i, protocol: spec.kind, host, port: running[i]!.port, label: label(spec) };
    }
  };
  try {
    await Promise.all(Array.from({ length: Math.min(parallel, specs.length) }, worker));
  } catch (err) {
    await Promise.all(running.filter(Boolean).map((r) => r.close()));
    throw err;
  }
  return { devices, close: async () => void (await Promise.all(running.map((r) => r.close()))) };
}

const CG_MIX: { variant: CgVariant; quirks?: CgQuirk[] }[] = [
  { variant: 'antminer' },
  { variant: 'antminer', quirks: ['missing_comma'] },
  { variant: 'braiins' },
  { variant: 'luxos' },
  { variant: 'avalon' },
  { variant: 'whatsminer', quirks: ['invalid_escape'] },
  { variant: 'cgminer', quirks: ['bare_nan', 'string_numbers'] },
];
const AXEOS_MIX: AxeosVersion[] = ['2.4', '2.10', '2.15', '2.15'];

/** A deterministic mix of cgminer-family variants (with their quirks) and AxeOS generations. */
export function mixedFleetSpecs(cgminer: number, axeos: number): FakeSpec[] {
  const specs: FakeSpec[] = [];
  for (let i = 0; i < cgminer; i++) specs.push({ kind: 'cgminer', ...CG_MIX[i % CG_MIX.length]! });
  for (let i = 0; i < axeos; i++) specs.push({ kind: 'axeos', version: AXEOS_MIX[i % AXEOS_MIX.length]! });
  return specs;
}

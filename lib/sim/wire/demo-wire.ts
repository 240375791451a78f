// SWITCHYARD_SIMULATOR=wire: the demo over the wire. Every polled device of the inventory gets a
// faithful fake on loopback (cgminer family by vendor, AxeOS for micro miners, dcgm-exporter for
// GPU servers) and its inventory endpoint is pointed at it, so the collector polls it like real
// hardware and the whole chain — fake device → protocol client → ingest → API and UI — is live.
import { execute, queryRows, sql, withRawTransaction } from '../../db/raw';
import { startAxeosFake } from './axeos-fake';
import type { AxeosVersion } from './axeos-info';
import { type RunningFake, startCgminerFake } from './cgminer-fake';
import type { CgVariant } from './cgminer-replies';
import { startDcgmFake } from './dcgm-fake';
import { newMinerState } from './miner-state';

export type WireDevice = {
  id: number;
  class: 'asic' | 'micro' | 'gpu';
  vendor: string;
  nominalHashrateThs: number | null;
  nominalPowerW: number;
  gpuCount: number | null;
};

export type WireSpec =
  | { protocol: 'cgminer'; variant: CgVariant }
  | { protocol: 'axeos'; version: AxeosVersion }
  | { protocol: 'dcgm'; gpus: number };

const VARIANT_BY_VENDOR: Record<string, CgVariant> = { MicroBT: 'whatsminer', Canaan: 'avalon' };
/** Antminers run stock firmware (which reports no power) or an aftermarket one, as in real fleets. */
const ANTMINER_FIRMWARE: CgVariant[] = ['braiins', 'luxos', 'antminer'];
const AXEOS_VERSIONS: AxeosVersion[] = ['2.4', '2.10', '2.15'];

/** Which fake stands in for a device: its vendor's firmware family, a spread of AxeOS versions. */
export function wireSpecFor(d: WireDevice): WireSpec {
  if (d.class === 'gpu') return { protocol: 'dcgm', gpus: d.gpuCount ?? 8 };
  if (d.class === 'micro')
    return { protocol: 'axeos', version: AXEOS_VERSIONS[d.id % AXEOS_VERSIONS.length]! };
  if (d.vendor === 'Bitmain') return { protocol: 'cgminer', variant: ANTMINER_FIRMWARE[d.id % 3]! };
  return { protocol: 'cgminer', variant: VARIANT_BY_VENDOR[d.vendor] ?? 'cgminer' };
}

function startFake(d: WireDevice, spec: WireSpec, now: number): Promise<RunningFake> {
  if (spec.protocol === 'dcgm') return startDcgmFake({ gpus: spec.gpus });
  const state = newMinerState(d.id, d.nominalHashrateThs ?? 1, d.nominalPowerW, now);
  if (spec.protocol === 'axeos') return startAxeosFake({ version: spec.version, state });
  return startCgminerFake({ variant: spec.variant, state });
}

export type WireDemo = { devices: number; close: () => Promise<void> };

/**
 * Starts the fakes and points the devices' endpoints at them (127.0.0.1, an ephemeral port each).
 * Push devices (NerdMiner has no local API) stay with the HTTP simulator.
 */
export async function startWireDemo(log: (line: string) => void, now = Date.now()): Promise<WireDemo> {
  const rows =
    await queryRows(sql`SELECT d.id, m.class, m.vendor, m.nominal_hashrate_ths, m.nominal_power_w, m.gpu_count
    FROM device d JOIN device_model m ON m.id = d.model_id WHERE d.protocol <> 'push' ORDER BY d.id`);
  const devices: WireDevice[] = rows.map((r) => ({
    id: Number(r.id),
    class: r.class as WireDevice['class'],
    vendor: String(r.vendor),
    nominalHashrateThs: r.nominal_hashrate_ths == null ? null : Number(r.nominal_hashrate_ths),
    nominalPowerW: Number(r.nominal_power_w),
    gpuCount: r.gpu_count == null ? null : Number(r.gpu_count),
  }));
  const running: RunningFake[] = [];
  try {
    const endpoints: { id: number; protocol: string; port: number }[] = [];
    for (const d of devices) {
      const spec = wireSpecFor(d);
      const fake = await startFake(d, spec, now);
      running.push(fake);
      endpoints.push({ id: d.id, protocol: spec.protocol, port: fake.port });
    }
    await withRawTransaction(async (client) => {
      for (const e of endpoints) {
        await execute(
          sql`UPDATE device SET protocol = ${e.protocol}, host = '127.0.0.1', port = ${e.port} WHERE id = ${e.id}`,
          client,
        );
      }
    });
  } catch (error) {
    await Promise.all(running.map((r) => r.close()));
    throw error;
  }
  log(`[wire] ${running.length} fake devices on 127.0.0.1; their inventory endpoints point at them`);
  return {
    devices: running.length,
    close: async () => void (await Promise.all(running.map((r) => r.close()))),
  };
}

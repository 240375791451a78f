// Which found endpoints are already in the inventory, and which catalogue model fits the rest. Pure.
import type { FoundEndpoint, FoundView, Identity } from './types';

export type KnownDevice = {
  id: number;
  macAddress: string | null;
  serial: string;
  host: string | null;
  port: number | null;
};

const endpointKey = (host: string, port: number) => `${host.toLowerCase()}:${port}`;

/**
 * Marks each endpoint with the device it already is: by MAC first (it survives DHCP moves and
 * re-flashing), then by serial, then by host:port (a device registered without a MAC).
 */
export function matchKnown(found: readonly FoundEndpoint[], devices: readonly KnownDevice[]): FoundView[] {
  const byMac = new Map<string, number>();
  const bySerial = new Map<string, number>();
  const byEndpoint = new Map<string, number>();
  for (const d of devices) {
    if (d.macAddress) byMac.set(d.macAddress.toUpperCase(), d.id);
    bySerial.set(d.serial, d.id);
    if (d.host && d.port) byEndpoint.set(endpointKey(d.host, d.port), d.id);
  }
  return found.map((f) => {
    const mac = f.mac ? byMac.get(f.mac) : undefined;
    if (mac !== undefined) return { ...f, knownDeviceId: mac, knownBy: 'mac' };
    const serial = f.serial ? bySerial.get(f.serial) : undefined;
    if (serial !== undefined) return { ...f, knownDeviceId: serial, knownBy: 'serial' };
    const ep = byEndpoint.get(endpointKey(f.host, f.port));
    if (ep !== undefined) return { ...f, knownDeviceId: ep, knownBy: 'endpoint' };
    return { ...f };
  });
}

export type CatalogueModel = { id: number; vendor: string; model: string };

const norm = (s: string) => s.toLowerCase().replace(/[^a-z0-9+]/g, '');

/**
 * The catalogue model whose name is the reported model (case, spaces and dashes aside), with or
 * without the vendor in front. No fuzzy guess: a wrong model means wrong economics, so an
 * unmatched identity leaves the choice to the operator.
 */
export function suggestModelId(identity: Identity, catalogue: readonly CatalogueModel[]): number | null {
  if (!identity.model) return null;
  const reported = norm(identity.model);
  const withVendor = identity.vendor ? norm(`${identity.vendor} ${identity.model}`) : reported;
  for (const m of catalogue) {
    const name = norm(m.model);
    if (name === reported || name === withVendor || norm(`${m.vendor} ${m.model}`) === reported) return m.id;
  }
  return null;
}

/** A serial for a discovered device: the vendor's, else one derived from its MAC, else its endpoint. */
export function discoveredSerial(f: FoundEndpoint): string {
  if (f.serial && /^[A-Za-z0-9._:/-]{1,64}$/.test(f.serial)) return f.serial;
  if (f.mac) return `mac-${f.mac.replaceAll(':', '')}`;
  return `ep-${f.host}-${f.port}`.slice(0, 64);
}

// Probing one host:port: is anything listening, and does it speak cgminer, AxeOS or dcgm-exporter?
// Uses the collectors' own clients and parsers, so discovery sees a device as the collector will.
import net from 'node:net';
import { sendCommand } from '../collectors/clients/cgminer';
import { httpRequest } from '../collectors/clients/http';
import { remainingMs } from '../collectors/clients/types';
import { axeosHttpError, parseAxeosAsic, parseAxeosInfo } from '../collectors/protocols/axeos';
import type { CgReply } from '../collectors/protocols/cgminer-envelope';
import { parseDcgmMetrics } from '../collectors/protocols/dcgm';
import { detectFirmware } from '../collectors/protocols/firmware';
import { identifyAxeos, identifyCgminer, identifyDcgm } from './identify';
import { DEFAULT_PORTS, type DiscoveryProtocol, type Identity } from './types';

export type ProbeHit = {
  protocol: DiscoveryProtocol;
  identity: Identity;
  error: { kind: string; message: string } | null;
};

const NO_IDENTITY: Identity = {
  vendor: null,
  model: null,
  firmware: null,
  mac: null,
  serial: null,
  hostname: null,
};

/** Resolves true when a TCP connection opens before the deadline; refused or silent → false. */
export function isOpen(host: string, port: number, timeoutMs: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect({ host, port });
    const done = (open: boolean) => {
      clearTimeout(timer);
      socket.destroy();
      resolve(open);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.once('connect', () => done(true));
    socket.once('error', () => done(false));
  });
}

async function probeCgminer(host: string, port: number, deadline: number): Promise<ProbeHit | null> {
  const ep = { host, port };
  const version = await sendCommand(ep, 'version', deadline);
  if (!version.ok) return null;
  const replies: { version?: CgReply; summary?: CgReply; stats?: CgReply } = {};
  if (version.parsed.ok) replies.version = version.parsed.value;
  else if (version.parsed.error.kind !== 'device_error' && version.parsed.error.kind !== 'access_denied')
    return null; // not a cgminer-style reply at all
  // Whatsminer answers `version` as an invalid command; its summary identifies it (§1.8 C22).
  const family = replies.version ? detectFirmware(replies.version).family : undefined;
  if (!replies.version || family === 'whatsminer') {
    const summary = await sendCommand(ep, 'summary', deadline);
    if (summary.ok && summary.parsed.ok) replies.summary = summary.parsed.value;
    if (!replies.version && !replies.summary) return null;
  }
  if ((family === 'antminer' || family === 'luxos') && remainingMs(deadline) > 0) {
    const stats = await sendCommand(ep, 'stats', deadline);
    if (stats.ok && stats.parsed.ok) replies.stats = stats.parsed.value;
  }
  return { protocol: 'cgminer', identity: identifyCgminer(replies), error: null };
}

async function probeAxeos(host: string, port: number, deadline: number): Promise<ProbeHit | null> {
  const ep = { host, port };
  const res = await httpRequest(ep, 'GET', '/api/system/info', remainingMs(deadline));
  if (!res.ok) return null;
  if (res.status === 401) {
    // AxeOS's private-network check (§2.1, A6): it is very likely an AxeOS device we cannot read.
    const err = axeosHttpError(401)!;
    return { protocol: 'axeos', identity: NO_IDENTITY, error: { kind: err.kind, message: err.message } };
  }
  if (res.status !== 200) return null;
  const info = parseAxeosInfo(res.body, Date.now());
  if (!info.ok) return null;
  const asicRes = await httpRequest(ep, 'GET', '/api/system/asic', remainingMs(deadline));
  const asic = asicRes.ok && asicRes.status === 200 ? parseAxeosAsic(asicRes.body) : undefined;
  return {
    protocol: 'axeos',
    identity: identifyAxeos(info.value, asic?.ok ? asic.value : undefined),
    error: null,
  };
}

async function probeDcgm(host: string, port: number, deadline: number): Promise<ProbeHit | null> {
  const res = await httpRequest({ host, port }, 'GET', '/metrics', remainingMs(deadline));
  if (!res.ok || res.status !== 200) return null;
  const parsed = parseDcgmMetrics(res.body, Date.now());
  if (!parsed.ok || parsed.value.gpus.length === 0) return null;
  return { protocol: 'dcgm', identity: identifyDcgm(parsed.value), error: null };
}

const PROBES: Record<
  DiscoveryProtocol,
  (host: string, port: number, deadline: number) => Promise<ProbeHit | null>
> = { cgminer: probeCgminer, axeos: probeAxeos, dcgm: probeDcgm };

/** The protocol that usually lives on this port first, then the others asked for. */
export function probeOrder(port: number, protocols: readonly DiscoveryProtocol[]): DiscoveryProtocol[] {
  const native = protocols.filter((p) => DEFAULT_PORTS[p] === port);
  return [...native, ...protocols.filter((p) => !native.includes(p))];
}

/**
 * One endpoint: a connect check first (most addresses of a range are empty), then each protocol
 * in turn until one identifies itself. Never throws; null when nothing was found.
 */
export async function probeEndpoint(
  host: string,
  port: number,
  protocols: readonly DiscoveryProtocol[],
  timeoutMs: number,
): Promise<ProbeHit | null> {
  const deadline = performance.now() + timeoutMs * (1 + protocols.length);
  try {
    if (!(await isOpen(host, port, timeoutMs))) return null;
    for (const protocol of probeOrder(port, protocols)) {
      const perProtocol = Math.min(deadline, performance.now() + timeoutMs);
      const hit = await PROBES[protocol](host, port, perProtocol);
      if (hit) return hit;
    }
  } catch {
    // A probe that throws is a device we could not identify, not a failed scan.
  }
  return null;
}

// Runs the probes of one scan: bounded concurrency, a connection-rate cap, progress written to
// the scan's row as it goes (and a heartbeat, so a scan whose process died reads as interrupted).
import { getDb } from '../db/client';
import { probeEndpoint } from './probe';
import type { DiscoveryProtocol, FoundEndpoint } from './types';

export type ScanLimits = {
  /** Endpoints probed at once. */
  concurrency: number;
  /** New connections per second, at most. */
  ratePerS: number;
  /** Per connection / request. */
  timeoutMs: number;
};

export const DEFAULT_LIMITS: ScanLimits = { concurrency: 64, ratePerS: 200, timeoutMs: 1_500 };

export const HEARTBEAT_MS = 5_000;
const PROGRESS_EVERY_MS = 250;

export type ScanTarget = { host: string; port: number };

/** Spaces connection starts `1 / ratePerS` apart, whichever worker asks. */
export function rateGate(ratePerS: number, now: () => number = Date.now) {
  let next = 0;
  return async () => {
    const t = now();
    const at = Math.max(t, next);
    next = at + 1000 / ratePerS;
    if (at > t) await new Promise((r) => setTimeout(r, at - t));
  };
}

export async function runScan(
  scanId: number,
  targets: readonly ScanTarget[],
  protocols: readonly DiscoveryProtocol[],
  identify: (found: Omit<FoundEndpoint, 'suggestedModelId'>) => FoundEndpoint,
  limits: ScanLimits = DEFAULT_LIMITS,
): Promise<void> {
  const db = getDb();
  const found: FoundEndpoint[] = [];
  let probed = 0;
  let lastWrite = 0;
  let writing: Promise<unknown> = Promise.resolve();
  const write = (data: Record<string, unknown>) => {
    writing = writing
      .then(() =>
        db.discoveryScan.update({ where: { id: scanId }, data: { ...data, heartbeatAt: new Date() } }),
      )
      .catch(() => undefined);
    return writing;
  };
  const progress = (force = false) => {
    const now = Date.now();
    if (!force && now - lastWrite < PROGRESS_EVERY_MS) return;
    lastWrite = now;
    void write({ probed, found: JSON.stringify(found) });
  };
  const heartbeat = setInterval(() => progress(true), HEARTBEAT_MS);
  const gate = rateGate(limits.ratePerS);
  let next = 0;
  const worker = async () => {
    while (next < targets.length) {
      const t = targets[next++]!;
      await gate();
      const hit = await probeEndpoint(t.host, t.port, protocols, limits.timeoutMs);
      if (hit)
        found.push(
          identify({ host: t.host, port: t.port, protocol: hit.protocol, ...hit.identity, error: hit.error }),
        );
      probed++;
      progress();
    }
  };
  try {
    await Promise.all(
      Array.from({ length: Math.max(1, Math.min(limits.concurrency, targets.length)) }, worker),
    );
    found.sort((a, b) => a.host.localeCompare(b.host, 'en', { numeric: true }) || a.port - b.port);
    clearInterval(heartbeat);
    await writing;
    await write({ probed, found: JSON.stringify(found), status: 'done', finishedAt: new Date() });
  } catch (err) {
    clearInterval(heartbeat);
    await writing;
    await write({
      probed,
      found: JSON.stringify(found),
      status: 'failed',
      error: err instanceof Error ? err.message : String(err),
      finishedAt: new Date(),
    });
  }
}

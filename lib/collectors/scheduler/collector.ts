// The collector: every tick it claims the devices that are due (on PostgreSQL only those of the
// sites it holds leases for), polls them with bounded concurrency and a per-device timeout, sends
// the readings through the real ingest function, and stores each poll's outcome.
import { randomUUID } from 'node:crypto';
import { SYSTEM_ACTOR } from '../../auth/actor';
import { AppError } from '../../errors';
import { ingestBatch } from '../../telemetry/ingest';
import type { DeviceSession } from '../clients/collect';
import { pollCycle } from '../poller';
import { holdSiteLeases, releaseSiteLeases } from './leases';
import { deviceFacts, readingToSample } from './samples';
import { applyOutcome, CLAIM_MARGIN_MS, deviceJitter, type Outcome } from './schedule';
import { claimDue, type DeviceFacts, storeStates, syncStates } from './state';

export type CollectorOptions = {
  intervalMs: number;
  concurrency: number;
  timeoutMs: number;
  /** PostgreSQL scale-out: poll only the sites this instance holds leases for. */
  sharded: boolean;
  instanceId?: string;
  /** Most devices claimed per tick (one ingest batch). */
  batchLimit?: number;
  /** Wall clock for sample timestamps and ingest; `tick(now)` drives scheduling. */
  clock?: () => number;
  log?: (line: string) => void;
};

export type TickReport = { sites: number[] | null; polled: number; ok: number; failed: number };

const SYNC_EVERY_MS = 5_000;
const SUMMARY_EVERY_MS = 60_000;

export class Collector {
  readonly instanceId: string;
  private readonly sessions = new Map<number, DeviceSession>();
  private lastSyncAt = Number.NEGATIVE_INFINITY;
  private summary = { at: 0, polled: 0, ok: 0, errors: new Map<string, number>() };

  constructor(private readonly opts: CollectorOptions) {
    this.instanceId = opts.instanceId ?? `collector-${randomUUID().slice(0, 8)}`;
  }

  private clock(): number {
    return (this.opts.clock ?? Date.now)();
  }

  /** After `stop()`: no tick takes leases or polls again. */
  private stopped = false;
  private inFlight: Promise<TickReport> | null = null;

  async tick(now = this.clock()): Promise<TickReport> {
    if (this.stopped) return { sites: [], polled: 0, ok: 0, failed: 0 };
    const run = this.runTick(now);
    this.inFlight = run;
    try {
      return await run;
    } finally {
      if (this.inFlight === run) this.inFlight = null;
    }
  }

  private async runTick(now: number): Promise<TickReport> {
    const { intervalMs, timeoutMs } = this.opts;
    const sites = this.opts.sharded
      ? await holdSiteLeases({ instanceId: this.instanceId, now, ttlMs: intervalMs })
      : null;
    if (now - this.lastSyncAt >= SYNC_EVERY_MS) {
      await syncStates(now, intervalMs);
      this.lastSyncAt = now;
    }
    const due = await claimDue({
      now,
      siteIds: sites,
      limit: this.opts.batchLimit ?? 2_000,
      claimUntil: now + timeoutMs + CLAIM_MARGIN_MS,
      instanceId: this.instanceId,
      defaultIntervalMs: intervalMs,
    });
    if (due.length === 0) return { sites, polled: 0, ok: 0, failed: 0 };

    const wallStart = this.clock();
    const results = await pollCycle(
      due.map((d) => ({ id: d.deviceId, protocol: d.protocol, host: d.host, port: d.port })),
      { concurrency: this.opts.concurrency, timeoutMs, now: () => this.clock(), sessions: this.sessions },
    );
    const outcomes = new Map<number, Outcome>();
    const facts = new Map<number, DeviceFacts>();
    const samples: Record<string, unknown>[] = [];
    for (const { target, result } of results) {
      if (result.ok) {
        samples.push(readingToSample(target.id, result.reading));
        facts.set(target.id, deviceFacts(target.protocol, result.details));
      } else outcomes.set(target.id, { ok: false, kind: result.error.kind, message: result.error.message });
    }
    for (const [deviceId, reason] of await this.ingest(samples)) {
      outcomes.set(deviceId, {
        ok: false,
        kind: 'rejected',
        message: `ingest rejected the reading: ${reason}`,
      });
    }
    const ended = now + (this.clock() - wallStart);
    await storeStates(
      due.map((d) => ({
        deviceId: d.deviceId,
        state: applyOutcome(d.state, outcomes.get(d.deviceId) ?? { ok: true }, {
          dueAt: d.dueAt,
          now: ended,
          intervalMs: d.intervalMs,
          jitter: deviceJitter(d.deviceId),
        }),
        facts: facts.get(d.deviceId),
      })),
    );
    const failed = [...outcomes.values()].filter((o) => !o.ok).length;
    this.summarise(now, due.length, outcomes);
    return { sites, polled: due.length, ok: due.length - failed, failed };
  }

  /** Ingests the readings; returns the devices whose sample was rejected, with the reason. */
  private async ingest(samples: Record<string, unknown>[]): Promise<Map<number, string>> {
    const rejected = new Map<number, string>();
    if (samples.length === 0) return rejected;
    const deviceAt = (index: number) => Number(samples[index]?.deviceId);
    try {
      const result = await ingestBatch(SYSTEM_ACTOR, { samples }, this.clock());
      for (const r of result.rejected) rejected.set(deviceAt(r.index), r.error);
    } catch (error) {
      const details = error instanceof AppError ? (error.details as { rejected?: unknown }) : undefined;
      if (!Array.isArray(details?.rejected)) throw error;
      for (const r of details.rejected as { index: number; error: string }[])
        rejected.set(deviceAt(r.index), r.error);
    }
    return rejected;
  }

  private summarise(now: number, polled: number, outcomes: Map<number, Outcome>) {
    const s = this.summary;
    s.polled += polled;
    s.ok += polled - outcomes.size;
    for (const o of outcomes.values()) if (!o.ok) s.errors.set(o.kind, (s.errors.get(o.kind) ?? 0) + 1);
    if (now - s.at < SUMMARY_EVERY_MS) return;
    const errors = [...s.errors].map(([k, n]) => `${k}=${n}`).join(' ');
    this.opts.log?.(
      `[collector] ${this.instanceId}: ${s.polled} polls, ${s.ok} ok${errors ? `, errors ${errors}` : ''}`,
    );
    this.summary = { at: now, polled: 0, ok: 0, errors: new Map() };
  }

  /** Clean shutdown: lets the tick in flight finish (it may renew leases), then gives the leases back. */
  async stop(): Promise<void> {
    this.stopped = true;
    await this.inFlight?.catch(() => {});
    if (this.opts.sharded) await releaseSiteLeases(this.instanceId);
  }
}

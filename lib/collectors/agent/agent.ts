// The site agent: polls a site's devices on the LAN with the same poll loop as the server's
// collector, keeps every reading in the disk buffer, and drains the buffer to the ingest API.
// Polling never waits for the server: a server outage only grows the backlog (up to its limit).
// A third loop claims the remote actions of the site's devices and sends them (actions.ts).
import type { AgentDevice } from '../agent-api';
import type { DeviceSession } from '../clients/collect';
import { pollCycle } from '../poller';
import { deviceFacts, readingToSample } from '../scheduler/samples';
import { type ActionTickReport, AgentActionRunner } from './actions';
import { type BackoffPolicy, DEFAULT_BACKOFF, retryDelayMs } from './backoff';
import { DiskBuffer } from './buffer';
import { fetchDeviceList, reportPolls, type ServerConnection, sendSamples } from './server-api';

export type AgentOptions = {
  server: string;
  token: string;
  siteId: number;
  /** Shown on the device page as the collector source. */
  name: string;
  bufferPath: string;
  maxBufferBytes: number;
  /** Overrides the site's interval from the server. */
  intervalMs?: number;
  concurrency?: number;
  /** Per-device poll timeout. */
  timeoutMs?: number;
  /** How often remote actions are claimed from the server (default 5 s). */
  actionIntervalMs?: number;
  /** Timeout of each request to the server. */
  serverTimeoutMs?: number;
  /** Most samples per ingest request. */
  maxBatchSamples?: number;
  backoff?: BackoffPolicy;
  log?: (line: string) => void;
  random?: () => number;
  clock?: () => number;
};

export type CycleReport = { ok: number; failed: number; devices: number };

type Counters = { sent: number; duplicates: number; rejected: number; dropped: number };

const DEVICES_KEY = 'devices';
const REPORT_CHUNK = 2_000;

export class SiteAgent {
  readonly buffer: DiskBuffer;
  private readonly conn: ServerConnection;
  private readonly actions: AgentActionRunner;
  private lastActionError: string | null = null;
  private readonly sessions = new Map<number, DeviceSession>();
  private devices: AgentDevice[] = [];
  private serverIntervalMs: number | null = null;
  private failures = 0;
  private lastFailure: string | null = null;
  private retryAt = 0;
  private sendLimit: number;
  private cycles = 0;
  private counters: Counters = { sent: 0, duplicates: 0, rejected: 0, dropped: 0 };
  private wake: (() => void) | null = null;

  constructor(private readonly opts: AgentOptions) {
    this.buffer = DiskBuffer.open(opts.bufferPath, { maxBytes: opts.maxBufferBytes });
    this.conn = { url: opts.server, token: opts.token, timeoutMs: opts.serverTimeoutMs ?? 15_000 };
    this.sendLimit = opts.maxBatchSamples ?? 5_000;
    this.actions = new AgentActionRunner(this.conn, opts.siteId, opts.name, this.buffer, {
      timeoutMs: opts.timeoutMs ?? 5_000,
      concurrency: Math.min(opts.concurrency ?? 64, 32),
      clock: () => this.now(),
      log: (line) => this.opts.log?.(line),
    });
    // Restarted while the server is down: poll what we polled before.
    const cached = this.buffer.getMeta(DEVICES_KEY);
    if (cached) this.devices = JSON.parse(cached) as AgentDevice[];
  }

  private now(): number {
    return (this.opts.clock ?? Date.now)();
  }

  private log(line: string): void {
    this.opts.log?.(`[agent] ${line}`);
  }

  get intervalMs(): number {
    return this.opts.intervalMs ?? this.serverIntervalMs ?? 30_000;
  }

  get deviceCount(): number {
    return this.devices.length;
  }

  /** Fetches the device list; on failure keeps polling the last list it had. */
  async refreshDevices(): Promise<boolean> {
    try {
      const list = await fetchDeviceList(this.conn, this.opts.siteId);
      const changed = JSON.stringify(list.devices) !== JSON.stringify(this.devices);
      this.devices = list.devices;
      this.serverIntervalMs = list.intervalS * 1000;
      if (changed) {
        this.buffer.setMeta(DEVICES_KEY, JSON.stringify(list.devices));
        this.log(
          `site ${list.siteId} "${list.siteName}": ${list.devices.length} polled devices, every ${this.intervalMs / 1000} s`,
        );
      }
      return true;
    } catch (error) {
      if (this.cycles === 0 || this.failures === 0)
        this.log(
          `${(error as Error).message}; polling the ${this.devices.length} devices known from the last list`,
        );
      return false;
    }
  }

  /** One poll cycle: every device once, readings into the buffer, outcomes to the server. */
  async pollOnce(): Promise<CycleReport> {
    this.cycles += 1;
    const outcomes = await pollCycle(this.devices, {
      concurrency: this.opts.concurrency ?? 64,
      timeoutMs: this.opts.timeoutMs ?? 5_000,
      now: () => this.now(),
      sessions: this.sessions,
    });
    const samples: Record<string, unknown>[] = [];
    const report = outcomes.map(({ target, result }) => {
      if (result.ok) samples.push(readingToSample(target.id, result.reading));
      return result.ok
        ? { deviceId: target.id, ok: true, at: this.now(), ...deviceFacts(target.protocol, result.details) }
        : {
            deviceId: target.id,
            ok: false,
            at: this.now(),
            errorKind: result.error.kind,
            error: result.error.message.slice(0, 500),
          };
    });
    for (let i = 0; i < samples.length; i += this.sendLimit) {
      const { droppedSamples } = this.buffer.append(samples.slice(i, i + this.sendLimit), this.now());
      if (droppedSamples > 0) {
        this.counters.dropped += droppedSamples;
        this.log(
          `buffer full (${(this.opts.maxBufferBytes / 1_048_576).toFixed(2)} MB): dropped the ${droppedSamples} oldest samples`,
        );
      }
    }
    this.wake?.();
    // While the send loop backs off, a report would only wait for the same dead server.
    for (let i = 0; this.failures === 0 && i < report.length; i += REPORT_CHUNK) {
      const error = await reportPolls(this.conn, this.opts.siteId, {
        agent: this.opts.name,
        intervalS: Math.ceil(this.intervalMs / 1000),
        outcomes: report.slice(i, i + REPORT_CHUNK),
      });
      if (error) break;
    }
    const ok = samples.length;
    return { ok, failed: outcomes.length - ok, devices: outcomes.length };
  }

  /**
   * Sends the oldest buffered batches once. Returns false when the server could not take them
   * (the next attempt waits for the back-off), true when something left the buffer.
   */
  async sendOnce(): Promise<boolean> {
    const pending = this.buffer.peek(this.sendLimit);
    if (pending.ids.length === 0) return false;
    const result = await sendSamples(this.conn, pending.samples);
    switch (result.kind) {
      case 'ok': {
        this.buffer.ack(pending.ids);
        this.counters.sent += result.accepted;
        this.counters.duplicates += result.duplicates;
        this.counters.rejected += result.rejected.length;
        if (result.rejected.length > 0)
          this.log(`server rejected ${result.rejected.length} samples: ${result.rejected[0]!.error}`);
        if (this.failures > 0) this.log(`server back after ${this.failures} failed attempts`);
        this.failures = 0;
        this.lastFailure = null;
        return true;
      }
      case 'too_large':
        if (pending.ids.length > 1) {
          this.sendLimit = Math.max(1, Math.floor(pending.samples.length / 2));
          this.log(`${result.reason}; sending at most ${this.sendLimit} samples per request`);
          return true;
        }
        return this.refuse(pending.ids, result.reason, pending.samples.length);
      case 'refused':
        return this.refuse(pending.ids, result.reason, result.rejected);
      case 'retry': {
        this.failures += 1;
        const delay = result.retryAfterMs ?? retryDelayMs(this.failures, this.backoff, this.random());
        this.retryAt = this.now() + delay;
        if (result.reason !== this.lastFailure) this.log(`${result.reason}; keeping the backlog, retrying`);
        this.lastFailure = result.reason;
        return false;
      }
    }
  }

  /** One remote-action exchange; a server outage is said once, not every few seconds. */
  async runActionsOnce(): Promise<ActionTickReport> {
    const report = await this.actions.tick();
    if (report.error !== this.lastActionError) {
      if (report.error) this.log(`${report.error}; outcomes stay in the journal`);
      else if (this.lastActionError) this.log('remote actions: server back');
      this.lastActionError = report.error;
    }
    return report;
  }

  private refuse(ids: number[], reason: string, samples: number): boolean {
    this.buffer.ack(ids);
    this.failures = 0;
    this.lastFailure = null;
    this.counters.rejected += samples;
    this.log(`server refused ${samples} samples for good (${reason}); dropped them`);
    return true;
  }

  private get backoff(): BackoffPolicy {
    return this.opts.backoff ?? DEFAULT_BACKOFF;
  }

  private random(): number {
    return (this.opts.random ?? Math.random)();
  }

  /** Sends until the buffer is empty or the server fails (then `retryAt` says when to try again). */
  async flush(): Promise<void> {
    while (await this.sendOnce()) {}
  }

  /** The one line per cycle: what the poll did, what left, what waits. */
  cycleLine(cycle: CycleReport): string {
    const s = this.buffer.stats();
    const c = this.counters;
    this.counters = { sent: 0, duplicates: 0, rejected: 0, dropped: 0 };
    const server =
      this.failures === 0
        ? 'server ok'
        : `${this.lastFailure}, retry in ${Math.max(0, (this.retryAt - this.now()) / 1000).toFixed(1)} s`;
    return (
      `[agent] cycle ${this.cycles}: devices ${cycle.ok} ok, ${cycle.failed} failed · sent ${c.sent}` +
      `${c.duplicates ? ` (+${c.duplicates} already stored)` : ''} · rejected ${c.rejected} · dropped ${c.dropped}` +
      ` (total ${s.droppedSamples}) · backlog ${s.samples} samples in ${s.batches} batches` +
      ` (${(s.bytes / 1024).toFixed(1)} KB) · ${server}`
    );
  }

  /** Runs until `signal` aborts: a poll loop on the interval and a send loop with back-off. */
  async run(signal: AbortSignal): Promise<void> {
    const sleep = (ms: number) =>
      new Promise<void>((resolve) => {
        const timer = setTimeout(done, ms);
        function done() {
          clearTimeout(timer);
          signal.removeEventListener('abort', done);
          resolve();
        }
        signal.addEventListener('abort', done, { once: true });
      });
    const s = this.buffer.stats();
    this.log(
      `site ${this.opts.siteId}, buffer ${this.opts.bufferPath}: ${s.samples} unsent samples from a previous run`,
    );
    const pollLoop = async () => {
      while (!signal.aborted) {
        const started = this.now();
        try {
          // In back-off the send loop is the one probing the server (the buffer is never empty
          // then: the batch it failed to send is still there); polling goes on with the known list.
          if (this.failures === 0) await this.refreshDevices();
          this.opts.log?.(this.cycleLine(await this.pollOnce()));
        } catch (error) {
          // A full disk or an unwritable buffer: say so every cycle rather than exit silently.
          this.log(`cycle failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        await sleep(Math.max(0, started + this.intervalMs - this.now()));
      }
    };
    const sendLoop = async () => {
      while (!signal.aborted) {
        if (this.buffer.stats().batches === 0) {
          await new Promise<void>((resolve) => {
            const done = () => {
              signal.removeEventListener('abort', done);
              this.wake = null;
              resolve();
            };
            this.wake = done;
            signal.addEventListener('abort', done, { once: true });
          });
          continue;
        }
        if (!(await this.sendOnce())) await sleep(Math.max(0, this.retryAt - this.now()));
      }
    };
    const actionLoop = async () => {
      while (!signal.aborted) {
        const started = this.now();
        try {
          await this.runActionsOnce();
        } catch (error) {
          this.log(`actions failed: ${error instanceof Error ? error.message : String(error)}`);
        }
        await sleep(Math.max(0, started + (this.opts.actionIntervalMs ?? 5_000) - this.now()));
      }
    };
    await Promise.all([pollLoop(), sendLoop(), actionLoop()]);
  }

  close(): void {
    this.buffer.close();
  }
}

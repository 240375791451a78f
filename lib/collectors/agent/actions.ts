// The site agent's side of remote actions: report what the journal holds, claim what is due for
// the site, send each claimed action on the LAN with the server's own wire send code
// (lib/actions/send-wire.ts) and only the write context the claim answer carries (the agent has no
// database: credentials and nameplate come with the claim), journal its outcome on disk, report it. The journal entry is written
// before a send, so an action is sent at most once by this agent even when a claim's answer was
// lost (the server repeats the claim) or the agent restarts; an outcome waits on disk through a
// server outage until the server has taken it.
import type { AgentAction } from '../../actions/agent-exchange';
import { type SendOutcome, sendOverWire, type WriteContext } from '../../actions/send-wire';
import type { DiskBuffer } from './buffer';
import { claimActions, reportActionResults, type ServerConnection } from './server-api';

export type ActionTickReport = { reported: number; claimed: number; sent: number; error: string | null };

const REPORT_CHUNK = 500;

const ABANDONED: SendOutcome = {
  kind: 'failed',
  reasonKind: 'abandoned',
  reason: 'the site agent stopped while sending; not re-sent',
};

/** A claim answer from a server that predates write contexts: no credentials, no nameplate. */
const NO_CONTEXT: WriteContext = {
  model: null,
  nominalPowerW: null,
  credentials: null,
  braiinsGrpcPort: 50051,
};

export class AgentActionRunner {
  constructor(
    private readonly conn: ServerConnection,
    private readonly siteId: number,
    private readonly agent: string,
    private readonly buffer: DiskBuffer,
    private readonly opts: {
      timeoutMs: number;
      concurrency: number;
      clock: () => number;
      log: (line: string) => void;
    },
  ) {}

  /** Sends the journal's outcomes; true when the server took them all (or there were none). */
  async report(): Promise<{ reported: number; error: string | null }> {
    const entries = this.buffer.unreportedActions();
    let reported = 0;
    for (let i = 0; i < entries.length; i += REPORT_CHUNK) {
      const chunk = entries.slice(i, i + REPORT_CHUNK);
      const answer = await reportActionResults(this.conn, this.siteId, {
        agent: this.agent,
        results: chunk.map((e) => ({
          id: e.id,
          at: e.endedAt ?? e.startedAt,
          outcome: (e.outcome as SendOutcome | null) ?? ABANDONED,
        })),
      });
      if (!answer.ok) return { reported, error: `action results not delivered: ${answer.reason}` };
      // Recorded or refused for good (ended meanwhile, not ours): either way the server is done with it.
      this.buffer.forgetActions(answer.value.results.map((r) => r.id));
      for (const r of answer.value.results)
        if (!r.recorded) this.opts.log(`[agent] action ${r.id}: result not recorded (${r.reason})`);
      reported += answer.value.results.filter((r) => r.recorded).length;
    }
    return { reported, error: null };
  }

  private async send(a: AgentAction): Promise<void> {
    this.buffer.startAction(a.id, this.opts.clock());
    const outcome = await sendOverWire(
      { deviceId: a.deviceId, protocol: a.protocol, host: a.host, port: a.port },
      a.context ?? NO_CONTEXT,
      a.action,
      a.params,
      { timeoutMs: this.opts.timeoutMs, now: this.opts.clock() },
    );
    this.buffer.endAction(a.id, outcome, this.opts.clock());
    this.opts.log(
      `[agent] action ${a.id} ${a.action} → device ${a.deviceId}: ${
        outcome.kind === 'sent' ? `sent (${outcome.message})` : `${outcome.kind} (${outcome.reason})`
      }`,
    );
  }

  /** One exchange: report, claim, send, report. Never throws for a server that is away. */
  async tick(): Promise<ActionTickReport> {
    const before = await this.report();
    if (before.error) return { reported: before.reported, claimed: 0, sent: 0, error: before.error };
    const claim = await claimActions(this.conn, this.siteId, { agent: this.agent });
    if (!claim.ok)
      return { reported: before.reported, claimed: 0, sent: 0, error: `claim failed: ${claim.reason}` };
    // Claimed before and already started here: its outcome is in the journal (reported above or next).
    const todo = claim.value.actions.filter((a) => this.buffer.actionEntry(a.id) === undefined);
    let next = 0;
    const worker = async () => {
      while (next < todo.length) await this.send(todo[next++]!);
    };
    await Promise.all(Array.from({ length: Math.min(this.opts.concurrency, todo.length) }, worker));
    const after = todo.length > 0 ? await this.report() : { reported: 0, error: null };
    return {
      reported: before.reported + after.reported,
      claimed: claim.value.actions.length,
      sent: todo.length,
      error: after.error,
    };
  }
}

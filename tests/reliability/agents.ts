// Simulated site agents for fault tests: each sends batches one after another and behaves like
// the agent contract (reference/performance-and-security.md §5.2): a batch leaves its queue only
// on a 2xx; network errors and 5xx/429 are retried after a short back-off. Every answer is
// recorded so a test can check exactly what the server acknowledged.

import { createAgent, postJson } from '../../bench/harness/load';
import type { SampleFactory } from '../../bench/harness/samples';

export type Ack = { batch: number; attempts: number; accepted: number; duplicates: number; rejected: number };

export type AgentStats = {
  acks: Ack[];
  /** Status code (or network error code) → count, for every failed attempt. */
  failures: Record<string, number>;
  /** Non-2xx answers, for failure messages (first 20). */
  samples: { status: number; retryAfter?: string; body: string }[];
};

export type AgentFleet = AgentStats & {
  /** Base URL of the server to talk to now (changes when a test restarts it on a new port). */
  setTarget: (baseUrl: string) => void;
  /** Stop taking new batches; resolves when every taken batch is acknowledged. */
  drain: () => Promise<void>;
  /** Batches taken so far (acknowledged or still pending). */
  taken: () => number;
};

export function startAgents(options: {
  factory: SampleFactory;
  token: string;
  agents: number;
  maxBatches: number;
  backoffMs?: number;
}): AgentFleet {
  const stats: AgentStats = { acks: [], failures: {}, samples: [] };
  const http = createAgent(options.agents);
  let target = '';
  let next = 0;
  let draining = false;
  const fail = (key: string, status: number, body: string, retryAfter?: string) => {
    stats.failures[key] = (stats.failures[key] ?? 0) + 1;
    if (stats.samples.length < 20) stats.samples.push({ status, retryAfter, body: body.slice(0, 300) });
  };
  const agent = async () => {
    while (!draining && next < options.maxBatches) {
      const batch = next++;
      const body = options.factory.body(batch);
      for (let attempts = 1; ; attempts++) {
        if (!target) {
          attempts--;
          await sleep(options.backoffMs ?? 50);
          continue;
        }
        try {
          const res = await postJson(`${target}/api/v1/telemetry`, options.token, body, http, 15_000);
          if (res.status >= 200 && res.status < 300) {
            const json = JSON.parse(res.text) as {
              accepted: number;
              duplicates: number;
              rejected: unknown[];
            };
            stats.acks.push({
              batch,
              attempts,
              accepted: json.accepted,
              duplicates: json.duplicates,
              rejected: json.rejected.length,
            });
            break;
          }
          fail(`http_${res.status}`, res.status, res.text, res.headers['retry-after'] as string | undefined);
          // 4xx other than 429 would be dropped by a real agent; here it means a broken test.
          if (res.status < 500 && res.status !== 429)
            throw new Error(`batch ${batch}: ${res.status} ${res.text}`);
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (
            !code &&
            !(error as Error).message.includes('socket hang up') &&
            !(error as Error).message.includes('timeout')
          )
            throw error;
          fail(code ?? (error as Error).message, 0, (error as Error).message);
        }
        await sleep(options.backoffMs ?? 50);
      }
    }
  };
  let broken: Error | undefined;
  const running = Promise.all(Array.from({ length: options.agents }, agent)).catch((error: Error) => {
    broken = error;
    draining = true;
  });
  return {
    ...stats,
    setTarget: (baseUrl) => {
      target = baseUrl;
    },
    drain: async () => {
      draining = true;
      await running;
      http.destroy();
      if (broken) throw broken;
    },
    taken: () => next,
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/** Waits until `condition` holds, polling every 25 ms; fails after `timeoutMs` with `what`. */
export async function waitFor(condition: () => boolean, timeoutMs: number, what: string) {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error(`Timed out after ${timeoutMs} ms waiting for ${what}`);
    await sleep(25);
  }
}

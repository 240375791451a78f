// Keep-alive HTTP load on loopback: `concurrency` connections, each sending its next request as
// soon as the previous one answered (closed loop), for a fixed duration. Latency is measured per
// request from write to full response.
import http from 'node:http';

export type HttpResult = { status: number; text: string; headers: http.IncomingHttpHeaders };

export function createAgent(concurrency: number) {
  return new http.Agent({ keepAlive: true, maxSockets: concurrency, maxFreeSockets: concurrency });
}

/** One request; rejects on network errors (connection refused or reset), resolves on any status. */
export function request(
  url: string,
  options: {
    method?: string;
    headers?: Record<string, string>;
    body?: string | Buffer;
    agent?: http.Agent;
    timeoutMs?: number;
  } = {},
): Promise<HttpResult> {
  return new Promise((resolve, reject) => {
    const req = http.request(
      url,
      { method: options.method ?? 'GET', headers: options.headers, agent: options.agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            text: Buffer.concat(chunks).toString('utf8'),
            headers: res.headers,
          }),
        );
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.setTimeout(options.timeoutMs ?? 30_000, () => req.destroy(new Error('request timeout')));
    req.end(options.body);
  });
}

export function postJson(
  url: string,
  token: string,
  body: string | Buffer,
  agent?: http.Agent,
  timeoutMs?: number,
) {
  return request(url, {
    method: 'POST',
    agent,
    timeoutMs,
    body,
    headers: {
      authorization: `Bearer ${token}`,
      'content-type': 'application/json',
      'content-length': String(Buffer.byteLength(body)),
    },
  });
}

export type LoadOptions = {
  concurrency: number;
  /** Not measured: JIT warm-up, caches, connection set-up. */
  warmupMs: number;
  durationMs: number;
  /** Sends request number `k` (unique across workers) and returns its outcome. */
  send: (k: number, agent: http.Agent) => Promise<HttpResult>;
  /** Items carried by a successful request (e.g. samples accepted); default 1. */
  itemsOf?: (result: HttpResult) => number;
};

export type LoadResult = {
  requests: number;
  ok: number;
  items: number;
  /** Items of every successful request, warm-up and stragglers included (to check against the database). */
  totalItems: number;
  errors: Record<string, number>;
  latenciesMs: number[];
  elapsedMs: number;
  /** CPU the load generator itself used (user + system) during the measured window, in ms. */
  clientCpuMs: number;
};

export async function runLoad(options: LoadOptions): Promise<LoadResult> {
  const agent = createAgent(options.concurrency);
  let next = 0;
  const start = performance.now();
  const measureFrom = start + options.warmupMs;
  const end = measureFrom + options.durationMs;
  const result: LoadResult = {
    requests: 0,
    ok: 0,
    items: 0,
    totalItems: 0,
    errors: {},
    latenciesMs: [],
    elapsedMs: 0,
    clientCpuMs: 0,
  };
  let cpuAtMeasure = process.cpuUsage();
  const cpuTimer = setTimeout(() => {
    cpuAtMeasure = process.cpuUsage();
  }, options.warmupMs);
  const worker = async () => {
    while (performance.now() < end) {
      const k = next++;
      const t0 = performance.now();
      let outcome: string;
      let items = 0;
      try {
        const res = await options.send(k, agent);
        outcome = res.status >= 200 && res.status < 300 ? 'ok' : `http_${res.status}`;
        if (outcome === 'ok') items = options.itemsOf ? options.itemsOf(res) : 1;
      } catch (error) {
        outcome = (error as NodeJS.ErrnoException).code ?? (error as Error).message;
      }
      // Throughput counts what completed inside the window (started during warm-up or not).
      const t1 = performance.now();
      result.totalItems += items;
      if (t1 < measureFrom || t1 > end) continue;
      result.requests++;
      result.latenciesMs.push(t1 - t0);
      if (outcome === 'ok') {
        result.ok++;
        result.items += items;
      } else {
        result.errors[outcome] = (result.errors[outcome] ?? 0) + 1;
      }
    }
  };
  await Promise.all(Array.from({ length: options.concurrency }, worker));
  clearTimeout(cpuTimer);
  const cpu = process.cpuUsage(cpuAtMeasure);
  result.clientCpuMs = (cpu.user + cpu.system) / 1000;
  result.elapsedMs = options.durationMs;
  agent.destroy();
  return result;
}

export function percentile(values: number[], p: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1));
  return sorted[rank]!;
}

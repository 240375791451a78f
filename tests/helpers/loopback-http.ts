// A real HTTP server on 127.0.0.1 (random port) that plays scripted answers, so provider code runs
// through the real fetch, sockets, timeouts and aborts instead of an injected fake.
import { createServer, type IncomingHttpHeaders } from 'node:http';
import type { AddressInfo } from 'node:net';

export type Reply =
  | { status?: number; body: string; headers?: Record<string, string>; delayMs?: number }
  /** Promises the whole body in Content-Length, sends the first part, then drops the connection. */
  | { truncate: string; headers?: Record<string, string> };

export type SeenRequest = {
  method: string;
  /** Path and query string. */
  url: string;
  headers: IncomingHttpHeaders;
  body: string;
  atMs: number;
  /** The client closed the connection before the answer was sent (an abort after a timeout). */
  abortedByClient: boolean;
};

export type LoopbackServer = {
  baseUrl: string;
  requests: SeenRequest[];
  /** Requests whose path (without query) is `path`. */
  seen: (path: string) => SeenRequest[];
  /** Resolves when every request so far is answered or closed (a client abort reaches us a bit later). */
  idle: () => Promise<unknown>;
  close: () => Promise<void>;
};

/**
 * `routes` maps "METHOD /path" to the answers of successive requests; the last one repeats.
 * Unknown routes answer 404.
 */
export async function startLoopbackServer(routes: Record<string, Reply[]>): Promise<LoopbackServer> {
  const requests: SeenRequest[] = [];
  const served = new Map<string, number>();
  const open: Promise<void>[] = [];
  const server = createServer((req, res) => {
    open.push(new Promise((resolve) => res.on('close', resolve)));
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const url = req.url ?? '/';
      const key = `${req.method} ${url.split('?')[0]}`;
      const seen: SeenRequest = {
        method: req.method ?? '',
        url,
        headers: req.headers,
        body: Buffer.concat(chunks).toString('utf8'),
        atMs: Date.now(),
        abortedByClient: false,
      };
      requests.push(seen);
      const replies = routes[key];
      if (!replies?.length) {
        res.writeHead(404, { 'content-type': 'text/plain' }).end('not found');
        return;
      }
      const n = served.get(key) ?? 0;
      served.set(key, n + 1);
      const reply = replies[Math.min(n, replies.length - 1)]!;
      res.on('close', () => {
        if (!res.writableFinished) seen.abortedByClient = true;
      });
      if ('truncate' in reply) {
        const body = Buffer.from(reply.truncate);
        res.writeHead(200, { 'content-length': String(body.length), ...reply.headers });
        res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
        return;
      }
      const send = () => {
        if (res.destroyed) return;
        res.writeHead(reply.status ?? 200, reply.headers).end(reply.body);
      };
      if (reply.delayMs) {
        const timer = setTimeout(send, reply.delayMs);
        res.on('close', () => clearTimeout(timer));
      } else send();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}`,
    requests,
    seen: (path) => requests.filter((r) => r.url.split('?')[0] === path),
    idle: () => Promise.all(open),
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

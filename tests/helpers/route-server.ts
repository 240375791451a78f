// Route handlers behind a real HTTP server on loopback, for tests that need real concurrent
// requests (sockets, interleaving) without a production build. Paths are matched against App
// Router patterns such as `/api/v1/jobs/[id]/events`.
import http from 'node:http';
import type { AddressInfo } from 'node:net';

// `never`: a handler typed for its own params (`{ id: string }`) fits; the matcher supplies them.
type Handler = (req: Request, ctx: { params: Promise<never> }) => Promise<Response>;
export type RouteTable = Record<string, Partial<Record<string, Handler>>>;

function match(pattern: string, path: string): Record<string, string> | null {
  const a = pattern.split('/');
  const b = path.split('/');
  if (a.length !== b.length) return null;
  const params: Record<string, string> = {};
  for (let i = 0; i < a.length; i++) {
    const m = /^\[(\w+)\]$/.exec(a[i]!);
    if (m) params[m[1]!] = decodeURIComponent(b[i]!);
    else if (a[i] !== b[i]) return null;
  }
  return params;
}

/** `port` 0 picks a free one; a fixed port lets a test stop the server and bring it back at the same URL. */
export async function startRouteServer(
  routes: RouteTable,
  port = 0,
): Promise<{ url: string; port: number; close: () => Promise<void> }> {
  const server = http.createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const chunks: Buffer[] = [];
      for await (const chunk of req) chunks.push(chunk as Buffer);
      for (const [pattern, methods] of Object.entries(routes)) {
        const params = match(pattern, url.pathname);
        const handler = params && methods[req.method ?? 'GET'];
        if (!params || !handler) continue;
        const headers = new Headers();
        for (const [k, v] of Object.entries(req.headers)) if (typeof v === 'string') headers.set(k, v);
        const body = chunks.length ? Buffer.concat(chunks) : undefined;
        const response = await handler(new Request(url, { method: req.method, headers, body }), {
          params: Promise.resolve(params) as Promise<never>,
        });
        res.writeHead(response.status, Object.fromEntries(response.headers));
        res.end(Buffer.from(await response.arrayBuffer()));
        return;
      }
      res.writeHead(404).end();
    } catch (error) {
      res.writeHead(500).end(String(error));
    }
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, '127.0.0.1', resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  return {
    url: `http://127.0.0.1:${bound}`,
    port: bound,
    close: () =>
      new Promise((resolve) => {
        server.close(() => resolve());
        // Kept-alive client connections would hold close() open; a stopped server drops them.
        server.closeAllConnections();
      }),
  };
}

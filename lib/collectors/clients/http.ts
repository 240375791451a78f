import http from 'node:http';
import type { CollectError, Endpoint } from './types';

export type HttpReply = { ok: true; status: number; body: string } | { ok: false; error: CollectError };

const MAX_BODY_BYTES = 1 << 20;
// AxeOS has 20 sockets with LRU purge (reference §2.1, A12): one request at a time per device,
// and no idle sockets kept between polls 30 s apart.
const agent = new http.Agent({ keepAlive: false, maxSockets: 1 });

/** One HTTP request with a total timeout. Sends no Origin header: AxeOS rejects foreign origins. */
export function httpRequest(
  ep: Endpoint,
  method: 'GET' | 'POST' | 'PATCH',
  path: string,
  timeoutMs: number,
  body?: unknown,
): Promise<HttpReply> {
  return new Promise((resolve) => {
    let settled = false;
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const req = http.request({
      host: ep.host,
      port: ep.port,
      method,
      path,
      agent,
      headers: payload
        ? { 'content-type': 'application/json', 'content-length': Buffer.byteLength(payload) }
        : {},
    });
    const finish = (reply: HttpReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      req.destroy();
      resolve(reply);
    };
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          error: { kind: 'timeout', message: `no reply within ${Math.round(timeoutMs)} ms` },
        }),
      timeoutMs,
    );
    req.on('response', (res) => {
      const chunks: Buffer[] = [];
      let size = 0;
      res.on('data', (c: Buffer) => {
        size += c.length;
        if (size > MAX_BODY_BYTES)
          finish({ ok: false, error: { kind: 'too_large', message: 'body over 1 MiB' } });
        else chunks.push(c);
      });
      res.on('end', () =>
        finish({ ok: true, status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8') }),
      );
      res.on('error', (err) => finish({ ok: false, error: { kind: 'reset', message: err.message } }));
    });
    req.on('error', (err: NodeJS.ErrnoException) => {
      const kind = err.code === 'ECONNREFUSED' ? 'refused' : err.code === 'ECONNRESET' ? 'reset' : 'network';
      finish({ ok: false, error: { kind, message: `${err.code ?? 'error'}: ${err.message}` } });
    });
    req.end(payload);
  });
}

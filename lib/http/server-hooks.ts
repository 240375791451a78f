import http from 'node:http';
import https from 'node:https';

/** Set by the server from the socket on every request (never taken from the client). */
export const PEER_ADDRESS_HEADER = 'x-switchyard-peer';
/** `1` when the connection itself is TLS, `0` otherwise; stamped like the peer address. */
export const PEER_TLS_HEADER = 'x-switchyard-tls';

/** False when a path segment is not valid percent-encoding (`%E0%A4%A`, a lone `%`). */
export function isDecodablePath(url: string): boolean {
  const path = url.split('?')[0] ?? '';
  try {
    for (const segment of path.split('/')) decodeURIComponent(segment);
    return true;
  } catch {
    return false;
  }
}

const MALFORMED_PATH_BODY = JSON.stringify({
  error: { code: 'bad_request', message: 'The URL path is not valid percent-encoding' },
});

let installed = false;

/**
 * Two things only the raw Node request can do, run before Next sees the request:
 * - stamp the socket address under PEER_ADDRESS_HEADER, overwriting any client-sent copy. Route
 *   handlers get a web `Request` without a socket, and Next fills X-Forwarded-For only when the
 *   client sent none, so otherwise a handler cannot tell the connection from a made-up header;
 * - stamp whether the connection is TLS under PEER_TLS_HEADER (same reason: Next builds the
 *   request URL's scheme from a client-sendable X-Forwarded-Proto, so `req.url` cannot tell);
 * - answer a path that is not valid percent-encoding with 400 in the error envelope. Next's route
 *   matcher throws on decoding such a `[id]` segment and answers a bare 500; a proxy matcher over
 *   /api would fix that only by buffering every request body.
 */
export function installServerHooks() {
  if (installed) return;
  installed = true;
  for (const server of [http.Server, https.Server]) patchEmit(server.prototype);
}

function patchEmit(prototype: { emit: http.Server['emit'] }) {
  const emit = prototype.emit;
  prototype.emit = function patchedEmit(this: http.Server, event: string, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_ADDRESS_HEADER] = req.socket?.remoteAddress ?? '';
      req.headers[PEER_TLS_HEADER] = (req.socket as { encrypted?: boolean } | undefined)?.encrypted
        ? '1'
        : '0';
      if (!isDecodablePath(req.url ?? '/')) {
        const res = args[1] as http.ServerResponse;
        res.writeHead(400, { 'content-type': 'application/json' });
        res.end(MALFORMED_PATH_BODY);
        return true;
      }
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}

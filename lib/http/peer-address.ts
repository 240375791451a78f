import http from 'node:http';

/** Set by the server from the socket on every request (never taken from the client). */
export const PEER_ADDRESS_HEADER = 'x-switchyard-peer';

let installed = false;

/**
 * Route handlers get a web `Request` with no socket, and Next only fills in X-Forwarded-For when
 * the client sent none, so without help a handler cannot tell the connection's address from a
 * header the client made up. This stamps every incoming request with its socket address under a
 * header of our own, overwriting any client-sent copy, before Next sees the request.
 */
export function installPeerAddressHeader() {
  if (installed) return;
  installed = true;
  const emit = http.Server.prototype.emit;
  http.Server.prototype.emit = function patchedEmit(this: http.Server, event: string, ...args: unknown[]) {
    if (event === 'request') {
      const req = args[0] as http.IncomingMessage;
      req.headers[PEER_ADDRESS_HEADER] = req.socket?.remoteAddress ?? '';
    }
    return Reflect.apply(emit, this, [event, ...args]) as boolean;
  } as typeof emit;
}

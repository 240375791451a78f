// A fake Braiins OS+ public API peer (gRPC over plaintext HTTP/2, reference §3.1) on loopback:
// Login checks the username/password and hands out a token; every other call needs that token in
// `authorization` (UNAUTHENTICATED otherwise, or once it has been idle for its timeout); SetPowerTarget
// changes the miner state the cgminer fake on 4028 reports from (power follows the target).
import http2 from 'node:http2';
import {
  decodeLoginRequest,
  decodeSetPowerTargetRequest,
  encodeGrpcMessage,
  encodeLoginResponse,
  encodeSetPowerTargetResponse,
  frameGrpc,
  GRPC_STATUS,
  LOGIN_PATH,
  SET_POWER_TARGET_PATH,
  unframeGrpc,
} from '../../collectors/protocols/braiins-grpc';
import type { MinerState } from './miner-state';

export type BraiinsGrpcFakeOptions = {
  state: MinerState;
  username?: string;
  password?: string;
  /** Seconds a token lives without a call (Braiins: 3600). */
  tokenTimeoutS?: number;
  /** Old firmware: empty LoginResponse, token only in the `authorization` response header. */
  tokenInHeaderOnly?: boolean;
  /** Tuner bounds (W) outside of which SetPowerTarget answers INVALID_ARGUMENT. */
  minPowerW?: number;
  maxPowerW?: number;
  now?: () => number;
};

export type BraiinsGrpcFake = {
  port: number;
  /** Every call seen: path and whether it carried a valid token. */
  calls: { path: string; authorized: boolean }[];
  /** Forget every token (as if each had expired). */
  expireTokens: () => void;
  close: () => Promise<void>;
};

export function startBraiinsGrpcFake(
  opts: BraiinsGrpcFakeOptions,
  port = 0,
  host = '127.0.0.1',
): Promise<BraiinsGrpcFake> {
  const now = opts.now ?? Date.now;
  const tokens = new Map<string, number>();
  const timeoutMs = (opts.tokenTimeoutS ?? 3600) * 1000;
  const calls: BraiinsGrpcFake['calls'] = [];
  let issued = 0;

  const reply = (
    stream: http2.ServerHttp2Stream,
    status: number,
    message?: Buffer,
    extra: http2.OutgoingHttpHeaders = {},
    statusText = '',
  ) => {
    if (message === undefined) {
      // Trailers-only reply, as gRPC servers send for errors.
      stream.respond(
        {
          ':status': 200,
          'content-type': 'application/grpc',
          'grpc-status': String(status),
          ...(statusText ? { 'grpc-message': encodeGrpcMessage(statusText) } : {}),
        },
        { endStream: true },
      );
      return;
    }
    stream.respond(
      { ':status': 200, 'content-type': 'application/grpc', ...extra },
      { waitForTrailers: true },
    );
    stream.on('wantTrailers', () => stream.sendTrailers({ 'grpc-status': String(status) }));
    stream.end(frameGrpc(message));
  };

  const server = http2.createServer();
  server.on('stream', (stream, headers) => {
    const path = String(headers[':path'] ?? '');
    const chunks: Buffer[] = [];
    stream.on('data', (c: Buffer) => chunks.push(c));
    stream.on('error', () => stream.destroy());
    stream.on('end', () => {
      if (
        headers[':method'] !== 'POST' ||
        !String(headers['content-type'] ?? '').startsWith('application/grpc')
      ) {
        stream.respond({ ':status': 415 }, { endStream: true });
        return;
      }
      const unframed = unframeGrpc(Buffer.concat(chunks));
      if (!unframed.ok) return reply(stream, GRPC_STATUS.INVALID_ARGUMENT, undefined, {}, unframed.error);
      const t = now();
      if (path === LOGIN_PATH) {
        calls.push({ path, authorized: true });
        const login = decodeLoginRequest(unframed.message);
        if (
          !login ||
          login.username !== (opts.username ?? 'root') ||
          login.password !== (opts.password ?? '')
        )
          return reply(stream, GRPC_STATUS.UNAUTHENTICATED, undefined, {}, 'Invalid username or password');
        const token = `tok${opts.state.seed}x${++issued}`;
        tokens.set(token, t);
        return opts.tokenInHeaderOnly
          ? reply(stream, GRPC_STATUS.OK, Buffer.alloc(0), { authorization: token })
          : reply(stream, GRPC_STATUS.OK, encodeLoginResponse(token, timeoutMs / 1000), {
              authorization: token,
            });
      }
      const token = String(headers.authorization ?? '');
      const seen = tokens.get(token);
      const authorized = seen !== undefined && t - seen <= timeoutMs;
      calls.push({ path, authorized });
      if (!authorized)
        return reply(stream, GRPC_STATUS.UNAUTHENTICATED, undefined, {}, 'Missing or expired token');
      tokens.set(token, t); // every call extends the session (§3.1)
      if (path === SET_POWER_TARGET_PATH) {
        const req = decodeSetPowerTargetRequest(unframed.message);
        const w = req?.powerTargetW;
        const min = opts.minPowerW ?? Math.round(opts.state.nominalPowerW * 0.3);
        const max = opts.maxPowerW ?? Math.round(opts.state.nominalPowerW * 1.2);
        if (!req || w === undefined || w < min || w > max)
          return reply(
            stream,
            GRPC_STATUS.INVALID_ARGUMENT,
            undefined,
            {},
            `power target must be ${min}–${max} W`,
          );
        // SAVE (1) only stores the target; SAVE_AND_APPLY (2) and FORCE (3) also apply it.
        if (req.saveAction >= 2) opts.state.powerTargetW = w;
        return reply(stream, GRPC_STATUS.OK, encodeSetPowerTargetResponse(w));
      }
      return reply(stream, GRPC_STATUS.UNIMPLEMENTED, undefined, {}, `unknown method ${path}`);
    });
  });
  const sessions = new Set<http2.ServerHttp2Session>();
  server.on('session', (s) => {
    sessions.add(s);
    s.on('close', () => sessions.delete(s));
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as { port: number };
      resolve({
        port: address.port,
        calls,
        expireTokens: () => tokens.clear(),
        close: () =>
          new Promise((done) => {
            for (const s of sessions) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

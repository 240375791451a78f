// A minimal unary gRPC call over plaintext HTTP/2 (node:http2), enough for Braiins OS's public API
// (reference §3.1: "HTTP/2 plaintext gRPC, TCP 50051"): one request message, one reply message,
// status from the trailers (or from the headers of a trailers-only reply).
import http2 from 'node:http2';
import { decodeGrpcMessage, frameGrpc, unframeGrpc } from '../protocols/braiins-grpc';
import type { CollectError, Endpoint } from './types';

export type GrpcReply =
  | {
      ok: true;
      /** gRPC status code; 0 = OK. */
      status: number;
      statusMessage: string;
      message: Buffer | undefined;
      headers: Record<string, string>;
    }
  | { ok: false; error: CollectError };

const MAX_REPLY_BYTES = 4 << 20;

function header(h: http2.IncomingHttpHeaders, name: string): string | undefined {
  const v = h[name];
  return Array.isArray(v) ? v[0] : v;
}

export function grpcUnary(
  ep: Endpoint,
  path: string,
  request: Buffer,
  opts: { timeoutMs: number; metadata?: Record<string, string> },
): Promise<GrpcReply> {
  return new Promise((resolve) => {
    let settled = false;
    const authority = `http://${ep.host.includes(':') ? `[${ep.host}]` : ep.host}:${ep.port}`;
    const session = http2.connect(authority);
    const finish = (reply: GrpcReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      session.close();
      session.destroy();
      resolve(reply);
    };
    const timer = setTimeout(
      () =>
        finish({
          ok: false,
          error: { kind: 'timeout', message: `no gRPC reply within ${Math.round(opts.timeoutMs)} ms` },
        }),
      opts.timeoutMs,
    );
    const transportError = (err: NodeJS.ErrnoException) => {
      // A stream cancelled because the connection failed carries the socket error as its cause.
      const cause = (err.cause as NodeJS.ErrnoException | undefined) ?? err;
      const code = cause.code ?? err.code;
      const kind = code === 'ECONNREFUSED' ? 'refused' : code === 'ECONNRESET' ? 'reset' : 'network';
      finish({ ok: false, error: { kind, message: `${code ?? 'error'}: ${cause.message}` } });
    };
    session.on('error', transportError);
    const stream = session.request({
      ':method': 'POST',
      ':path': path,
      'content-type': 'application/grpc',
      te: 'trailers',
      'grpc-timeout': `${Math.max(1, Math.round(opts.timeoutMs))}m`,
      ...opts.metadata,
    });
    const chunks: Buffer[] = [];
    let size = 0;
    let headers: http2.IncomingHttpHeaders = {};
    let trailers: http2.IncomingHttpHeaders | undefined;
    stream.on('response', (h) => {
      headers = h;
    });
    stream.on('trailers', (t) => {
      trailers = t;
    });
    stream.on('data', (chunk: Buffer) => {
      size += chunk.length;
      if (size > MAX_REPLY_BYTES) {
        finish({ ok: false, error: { kind: 'too_large', message: 'gRPC reply over 4 MiB' } });
        return;
      }
      chunks.push(chunk);
    });
    stream.on('error', (err: NodeJS.ErrnoException) =>
      err.cause
        ? transportError(err)
        : finish({ ok: false, error: { kind: 'reset', message: `gRPC stream: ${err.message}` } }),
    );
    stream.on('end', () => {
      const httpStatus = Number(header(headers, ':status') ?? 0);
      const contentType = header(headers, 'content-type') ?? '';
      if (httpStatus !== 200 || !contentType.startsWith('application/grpc'))
        return finish({
          ok: false,
          error: {
            kind: 'not_json',
            message: `not a gRPC server: HTTP ${httpStatus} ${contentType || 'without content type'}`,
          },
        });
      // A trailers-only reply (typical for errors) carries grpc-status in the headers.
      const source = trailers && header(trailers, 'grpc-status') !== undefined ? trailers : headers;
      const status = header(source, 'grpc-status');
      if (status === undefined)
        return finish({ ok: false, error: { kind: 'truncated', message: 'gRPC reply without grpc-status' } });
      const body = Buffer.concat(chunks);
      let message: Buffer | undefined;
      if (body.length > 0) {
        const unframed = unframeGrpc(body);
        if (!unframed.ok) return finish({ ok: false, error: { kind: 'truncated', message: unframed.error } });
        message = unframed.message;
      }
      const flat: Record<string, string> = {};
      for (const [k, v] of Object.entries(headers)) if (typeof v === 'string') flat[k] = v;
      finish({
        ok: true,
        status: Number(status),
        statusMessage: decodeGrpcMessage(header(source, 'grpc-message')),
        message,
        headers: flat,
      });
    });
    stream.end(frameGrpc(request));
  });
}

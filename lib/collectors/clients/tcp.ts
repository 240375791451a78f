import net from 'node:net';
import type { CollectError, Endpoint } from './types';

export type TcpReply =
  | { ok: true; bytes: Buffer; end: 'nul' | 'eof' | 'json' | 'timeout' }
  | { ok: false; error: CollectError };

const MAX_REPLY_BYTES = 1 << 20;

function looksComplete(chunks: Buffer[]): boolean {
  const text = Buffer.concat(chunks).toString('utf8').trim();
  if (!text.startsWith('{') || !text.endsWith('}')) return false;
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}

/**
 * One cgminer-style exchange: connect, send the request in a single write (the server reads it
 * with one `recv`), read until NUL, EOF or the timeout, whichever comes first (reference §1.1).
 * Some servers neither send the NUL nor close: a reply that is already a whole JSON object
 * ends the read too. On timeout, bytes already received are returned for the parser to judge.
 */
export function tcpRequest(ep: Endpoint, payload: string, timeoutMs: number): Promise<TcpReply> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let settled = false;
    const socket = net.connect({ host: ep.host, port: ep.port });
    const finish = (reply: TcpReply) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(reply);
    };
    const timer = setTimeout(() => {
      if (size > 0) finish({ ok: true, bytes: Buffer.concat(chunks), end: 'timeout' });
      else
        finish({
          ok: false,
          error: { kind: 'timeout', message: `no reply within ${Math.round(timeoutMs)} ms` },
        });
    }, timeoutMs);
    socket.setNoDelay(true);
    socket.on('connect', () => socket.write(payload));
    socket.on('data', (chunk: Buffer) => {
      const nul = chunk.indexOf(0);
      if (nul >= 0) {
        chunks.push(chunk.subarray(0, nul));
        finish({ ok: true, bytes: Buffer.concat(chunks), end: 'nul' });
        return;
      }
      chunks.push(chunk);
      size += chunk.length;
      if (size > MAX_REPLY_BYTES)
        finish({ ok: false, error: { kind: 'too_large', message: 'reply over 1 MiB' } });
      else if (chunk[chunk.length - 1] === 0x7d && looksComplete(chunks))
        finish({ ok: true, bytes: Buffer.concat(chunks), end: 'json' });
    });
    socket.on('end', () => finish({ ok: true, bytes: Buffer.concat(chunks), end: 'eof' }));
    socket.on('error', (err: NodeJS.ErrnoException) => {
      if (size > 0) return finish({ ok: true, bytes: Buffer.concat(chunks), end: 'eof' });
      const kind = err.code === 'ECONNREFUSED' ? 'refused' : err.code === 'ECONNRESET' ? 'reset' : 'network';
      finish({ ok: false, error: { kind, message: `${err.code ?? 'error'}: ${err.message}` } });
    });
  });
}

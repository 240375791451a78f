import net from 'node:net';
import { answerRequest } from './cgminer-commands';
import type { CgQuirk, CgVariant, FakeMiner } from './cgminer-replies';
import type { MinerState } from './miner-state';
import { newWhatsminerWrites } from './whatsminer-writes';

/**
 * How the fake ends a reply (reference §1.1, C28): cgminer sends a NUL then closes; some firmware
 * closes without the NUL; a test peer keeps the socket open after the NUL (or without one) so a
 * client that waits for EOF alone hangs.
 */
export type CgTerminator = 'nul' | 'eof' | 'nul_keep_open' | 'none_keep_open';

export type CgBehaviour = {
  terminator?: CgTerminator;
  /** Delay before the reply is written. */
  delayMs?: number;
  /** Accept the connection, never answer, never close. */
  halfOpen?: boolean;
  /** Read the request, then close without a byte. */
  closeWithoutReply?: boolean;
  /** Write the reply in several small segments. */
  splitChunks?: boolean;
};

export type CgFakeOptions = {
  variant: CgVariant;
  state: MinerState;
  quirks?: CgQuirk[];
  behaviour?: CgBehaviour;
  /** Whatsminer only: the admin password, which enables its encrypted API writes (§1.7.1). */
  whatsminerAdminPassword?: string;
  now?: () => number;
};

export type RunningFake = { port: number; close: () => Promise<void> };

/** Keeps a kept-open or half-open socket from living forever if a client never closes it. */
const IDLE_LIMIT_MS = 60_000;

export function cgminerHandler(opts: CgFakeOptions): {
  miner: FakeMiner;
  onConnection: (s: net.Socket) => void;
} {
  const miner: FakeMiner = { variant: opts.variant, state: opts.state, quirks: opts.quirks ?? [] };
  if (opts.variant === 'whatsminer' && opts.whatsminerAdminPassword !== undefined)
    miner.whatsminerWrites = newWhatsminerWrites(opts.state.seed, opts.whatsminerAdminPassword);
  const now = opts.now ?? Date.now;
  const onConnection = (socket: net.Socket) => {
    const b = opts.behaviour ?? {};
    socket.setTimeout(IDLE_LIMIT_MS, () => socket.destroy());
    socket.on('error', () => socket.destroy());
    if (b.halfOpen) return;
    // cgminer reads the request with a single recv(): the first chunk is the request.
    socket.once('data', (chunk: Buffer) => {
      if (b.closeWithoutReply) {
        socket.destroy();
        return;
      }
      const send = () => {
        if (socket.destroyed) return;
        const body = Buffer.from(answerRequest(miner, chunk.toString('utf8'), now()), 'utf8');
        const t = b.terminator ?? 'nul';
        const payload = t === 'nul' || t === 'nul_keep_open' ? Buffer.concat([body, Buffer.from([0])]) : body;
        if (b.splitChunks) {
          for (let i = 0; i < payload.length; i += 7) socket.write(payload.subarray(i, i + 7));
        } else socket.write(payload);
        if (t === 'nul' || t === 'eof') socket.end();
      };
      if (b.delayMs) setTimeout(send, b.delayMs);
      else send();
    });
  };
  return { miner, onConnection };
}

export function startCgminerFake(
  opts: CgFakeOptions,
  port = 0,
  host = '127.0.0.1',
): Promise<RunningFake & { miner: FakeMiner }> {
  const { miner, onConnection } = cgminerHandler(opts);
  const sockets = new Set<net.Socket>();
  const server = net.createServer((s) => {
    sockets.add(s);
    s.on('close', () => sockets.delete(s));
    onConnection(s);
  });
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      const address = server.address() as net.AddressInfo;
      resolve({
        port: address.port,
        miner,
        close: () =>
          new Promise((done) => {
            for (const s of sockets) s.destroy();
            server.close(() => done());
          }),
      });
    });
  });
}

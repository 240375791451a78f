import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { type AxeosVersion, axeosInfo } from './axeos-info';
import type { RunningFake } from './cgminer-fake';
import { type MinerState, restart } from './miner-state';

export type AxeosFakeOptions = {
  version: AxeosVersion;
  state: MinerState;
  /** Apply AxeOS's private-network check (§2.1): loopback is not RFC1918, so every request gets 401. */
  networkCheck?: boolean;
  delayMs?: number;
  halfOpen?: boolean;
  now?: () => number;
};

export type AxeosFakeState = {
  frequencyMhz: number;
  pendingPool?: { host: string; port: number; user: string };
};

const DEFAULT_FREQ = 525;
const PRIVATE = [/^10\./, /^192\.168\./, /^172\.(1[6-9]|2\d|3[01])\./];

function isPrivate(ip: string | undefined): boolean {
  const v4 = (ip ?? '').replace(/^::ffff:/, '');
  return PRIVATE.some((re) => re.test(v4));
}

function readBody(req: http.IncomingMessage): Promise<string> {
  return new Promise((resolve) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', () => resolve(''));
  });
}

const atLeast = (v: AxeosVersion, min: string) => Number(v.split('.')[1]) >= Number(min.split('.')[1]);

export function axeosHandler(opts: AxeosFakeOptions) {
  const now = opts.now ?? Date.now;
  const fake: AxeosFakeState = { frequencyMhz: DEFAULT_FREQ };
  const st = opts.state;
  const json = (res: http.ServerResponse, status: number, body: unknown) => {
    res.writeHead(status, { 'content-type': 'application/json', 'access-control-allow-origin': '*' });
    res.end(JSON.stringify(body));
  };
  const handle = async (req: http.IncomingMessage, res: http.ServerResponse) => {
    if (opts.networkCheck && (!isPrivate(req.socket.remoteAddress) || req.headers.origin !== undefined)) {
      res.writeHead(401, { 'content-type': 'text/html' });
      res.end('Unauthorized');
      return;
    }
    const url = req.url?.split('?')[0];
    const route = `${req.method} ${url}`;
    if (route === 'GET /api/system/info') return json(res, 200, axeosInfo(opts.version, st, fake, now()));
    if (route === 'GET /api/system/asic' && atLeast(opts.version, '2.7'))
      return json(res, 200, {
        ASICModel: 'BM1370',
        deviceModel: 'Gamma',
        asicCount: 1,
        frequencyOptions: [400, 490, 525, 550, 600, 625],
        voltageOptions: [1000, 1100, 1150, 1200],
      });
    if (route === 'POST /api/system/restart') {
      restart(st, now());
      if (fake.pendingPool) {
        const p = fake.pendingPool;
        st.pools[0] = { url: `stratum+tcp://${p.host}:${p.port}`, user: p.user };
        st.activePool = 0;
        fake.pendingPool = undefined;
      }
      if (atLeast(opts.version, '2.13')) return json(res, 200, { message: 'System will restart shortly.' });
      res.writeHead(200, { 'content-type': 'text/plain' });
      return res.end('System will restart shortly.');
    }
    if (
      (route === 'POST /api/system/pause' || route === 'POST /api/system/resume') &&
      atLeast(opts.version, '2.14')
    ) {
      st.paused = route.endsWith('pause');
      return json(res, 200, { message: st.paused ? 'Mining paused' : 'Mining resumed' });
    }
    if (route === 'PATCH /api/system') {
      let body: Record<string, unknown>;
      try {
        body = JSON.parse(await readBody(req)) as Record<string, unknown>;
      } catch {
        res.writeHead(400);
        return res.end('Invalid JSON');
      }
      if (typeof body.frequency === 'number') {
        fake.frequencyMhz = body.frequency;
        st.powerTargetW = (st.nominalPowerW * body.frequency) / DEFAULT_FREQ;
      }
      if (typeof body.stratumURL === 'string')
        fake.pendingPool = {
          host: body.stratumURL,
          port: Number(body.stratumPort ?? 3333),
          user: String(body.stratumUser ?? ''),
        };
      // PATCH success is an empty 200 (A9); pool changes wait for a restart.
      res.writeHead(200);
      return res.end();
    }
    res.writeHead(404);
    res.end('Not found');
  };
  return {
    fake,
    onRequest: (req: http.IncomingMessage, res: http.ServerResponse) => {
      if (opts.halfOpen) return;
      if (opts.delayMs) setTimeout(() => void handle(req, res), opts.delayMs);
      else void handle(req, res);
    },
  };
}

export function startAxeosFake(
  opts: AxeosFakeOptions,
  port = 0,
  host = '127.0.0.1',
): Promise<RunningFake & { fake: AxeosFakeState }> {
  const { fake, onRequest } = axeosHandler(opts);
  const server = http.createServer(onRequest);
  server.keepAliveTimeout = 5000;
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, host, () => {
      resolve({
        port: (server.address() as AddressInfo).port,
        fake,
        close: () =>
          new Promise((done) => {
            server.closeAllConnections();
            server.close(() => done());
          }),
      });
    });
  });
}

// The production server (`next start` on a `.next` build) as a child process on a free loopback
// port, for benchmarks and fault tests. Every started server is killed when this process exits,
// so a failed test or an interrupted benchmark never leaves one holding a port or a database.
import { type ChildProcess, spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { createRequire } from 'node:module';
import net from 'node:net';
import path from 'node:path';

export type ServerOptions = {
  /** `file:/abs/path.db` or `postgres://…`; the database must be migrated already. */
  databaseUrl: string;
  /** Extra environment (wins over the defaults below). */
  env?: Record<string, string>;
  /** App root holding `.next` and `node_modules` (default: the current directory). */
  cwd?: string;
  /** Node flags for the server, e.g. `--cpu-prof`. */
  nodeArgs?: string[];
  port?: number;
  startTimeoutMs?: number;
};

export type ServerExit = { code: number | null; signal: NodeJS.Signals | null };

export type RunningServer = {
  url: string;
  port: number;
  pid: number;
  /** The last ~64 KB of the server's stdout and stderr, for failure messages. */
  output: () => string;
  alive: () => boolean;
  exited: Promise<ServerExit>;
  /** Sends `signal` and waits for the process to exit. */
  kill: (signal?: NodeJS.Signals) => Promise<ServerExit>;
  /** SIGTERM, then SIGKILL if it has not exited within `graceMs`. */
  stop: (graceMs?: number) => Promise<ServerExit>;
};

const OUTPUT_LIMIT = 64 * 1024;
const live = new Set<ChildProcess>();

process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** A port the OS reports free on 127.0.0.1 (bound then released; good enough on loopback). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const probe = net.createServer();
    probe.unref();
    probe.on('error', reject);
    probe.listen(0, '127.0.0.1', () => {
      const { port } = probe.address() as net.AddressInfo;
      probe.close(() => resolve(port));
    });
  });
}

export function hasProductionBuild(cwd = process.cwd()): boolean {
  return existsSync(path.join(cwd, '.next', 'BUILD_ID'));
}

export async function startServer(options: ServerOptions): Promise<RunningServer> {
  const cwd = options.cwd ?? process.cwd();
  if (!hasProductionBuild(cwd)) throw new Error(`No production build in ${cwd}/.next: run \`npm run build\``);
  const nextBin = createRequire(path.join(cwd, 'package.json')).resolve('next/dist/bin/next');
  const port = options.port ?? (await freePort());
  const child = spawn(
    process.execPath,
    [...(options.nodeArgs ?? []), nextBin, 'start', '-p', String(port), '-H', '127.0.0.1'],
    {
      cwd,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        NODE_ENV: 'production',
        NEXT_TELEMETRY_DISABLED: '1',
        SWITCHYARD_SIMULATOR: 'off',
        SWITCHYARD_JOBS: 'off',
        SWITCHYARD_SEED_DEMO: 'off',
        ...options.env,
        DATABASE_URL: options.databaseUrl,
        PORT: String(port),
        HOSTNAME: '127.0.0.1',
      },
    },
  );
  live.add(child);
  let output = '';
  const capture = (chunk: Buffer) => {
    output = (output + chunk.toString('utf8')).slice(-OUTPUT_LIMIT);
  };
  child.stdout?.on('data', capture);
  child.stderr?.on('data', capture);
  let running = true;
  const exited = new Promise<ServerExit>((resolve) => {
    child.once('exit', (code, signal) => {
      running = false;
      live.delete(child);
      resolve({ code, signal });
    });
  });
  const kill = async (signal: NodeJS.Signals = 'SIGTERM') => {
    if (running) child.kill(signal);
    return exited;
  };
  const stop = async (graceMs = 10_000) => {
    if (!running) return exited;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    const result = await exited;
    clearTimeout(timer);
    return result;
  };
  const server: RunningServer = {
    url: `http://127.0.0.1:${port}`,
    port,
    pid: child.pid ?? -1,
    output: () => output,
    alive: () => running,
    exited,
    kill,
    stop,
  };
  try {
    await waitForHealth(server, options.startTimeoutMs ?? 60_000);
  } catch (error) {
    await stop(2_000);
    throw error;
  }
  return server;
}

/** Polls GET /api/health until it answers 200; fails early if the process dies. */
export async function waitForHealth(server: RunningServer, timeoutMs = 60_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let last = 'no answer';
  while (Date.now() < deadline) {
    if (!server.alive()) {
      const { code, signal } = await server.exited;
      throw new Error(`Server exited during start-up (code ${code}, signal ${signal}):\n${server.output()}`);
    }
    try {
      const res = await fetch(`${server.url}/api/health`, { signal: AbortSignal.timeout(2_000) });
      last = `${res.status} ${await res.text()}`;
      if (res.status === 200) return;
    } catch (error) {
      last = (error as Error).message;
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`Server not healthy after ${timeoutMs} ms (last: ${last}):\n${server.output()}`);
}

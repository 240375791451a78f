// A throwaway PostgreSQL cluster on loopback (scripts/pg-throwaway.sh), plus stop/start of the
// same data directory for outage tests. Absent PostgreSQL binaries are reported, not thrown:
// callers skip with a message.
import { execFile } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { freePort } from '../../tests/helpers/server';

const run = promisify(execFile);

export type PgCluster = {
  url: string;
  dir: string;
  port: number;
  /** Stops the server, keeping its data (`fast` = clean shutdown, `immediate` = crash-like). */
  pause: (mode?: 'fast' | 'immediate') => Promise<void>;
  /** Starts the stopped server again on the same port and data. */
  resume: () => Promise<void>;
  /** Stops the server and deletes the cluster. */
  destroy: () => Promise<void>;
};

/** Folder of pg_ctl/initdb, or undefined when PostgreSQL server binaries are not installed. */
export function pgBinDir(): string | undefined {
  const root = '/usr/lib/postgresql';
  if (!existsSync(root)) return undefined;
  const versions = readdirSync(root)
    .filter((v) => existsSync(path.join(root, v, 'bin', 'pg_ctl')))
    .sort((a, b) => Number(b) - Number(a));
  return versions[0] ? path.join(root, versions[0], 'bin') : undefined;
}

const script = (root: string) => path.join(root, 'scripts', 'pg-throwaway.sh');

/** initdb refuses root: the throwaway script runs the server as `postgres`, so must pg_ctl. */
function asServerUser(command: string, args: string[]): [string, string[]] {
  return process.getuid?.() === 0 ? ['runuser', ['-u', 'postgres', '--', command, ...args]] : [command, args];
}

export async function startPgCluster(label: string, root = process.cwd()): Promise<PgCluster | undefined> {
  const bin = pgBinDir();
  if (!bin) return undefined;
  const base = path.join(os.tmpdir(), 'switchyard-pg');
  mkdirSync(base, { recursive: true });
  const dir = path.join(base, `${label}-${process.pid}`);
  const port = await freePort();
  const { stdout } = await run('bash', [script(root), 'start', dir, String(port)], { timeout: 120_000 });
  const url = stdout.trim().split('\n').pop()!;
  const pgCtl = (...args: string[]) => {
    const [command, argv] = asServerUser(path.join(bin, 'pg_ctl'), ['-D', path.join(dir, 'data'), ...args]);
    return run(command, argv, { timeout: 120_000 });
  };
  return {
    url,
    dir,
    port,
    pause: async (mode = 'fast') => void (await pgCtl('-m', mode, '-w', 'stop')),
    resume: async () =>
      void (await pgCtl(
        '-l',
        path.join(dir, 'server.log'),
        '-w',
        '-t',
        '60',
        'start',
        '-o',
        `-h 127.0.0.1 -p ${port} -k ${dir} -c fsync=on -c max_connections=200 -c shared_buffers=256MB`,
      )),
    destroy: async () => void (await run('bash', [script(root), 'stop', dir], { timeout: 120_000 })),
  };
}

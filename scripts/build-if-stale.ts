// Builds the production app (`next build`) only when the sources changed since the last build,
// recorded in a stamp file (`npm start`, `npm run build`, benchmarks and fault tests all share it).
// A build made by plain `next build` has no stamp: it counts as fresh when it is newer than every
// input file. `buildWithProgress` shows a progress line with the time left, estimated from the
// previous build's duration.
//   npx tsx scripts/build-if-stale.ts [--always] [appDir]
import { spawn, spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ProgressLine } from './progress';

const BUILD_INPUTS = [
  'app',
  'components',
  'lib',
  'public',
  'next.config.js',
  'postcss.config.mjs',
  'tsconfig.json',
  'package-lock.json',
];
const STAMP = path.join('.next', 'switchyard-build-stamp');
/** Duration of the last build in seconds; under .next/cache, which `next build` keeps. */
const LAST_DURATION = path.join('.next', 'cache', 'switchyard-build-seconds');
/** Estimate for a first build on a 2-core machine (measured 35–90 s here). */
const FIRST_BUILD_S = 90;

// A self-hosted, offline tool: no usage telemetry from Next.js (also set in next.config.js).
process.env.NEXT_TELEMETRY_DISABLED ??= '1';

type Sources = { stamp: string; newestMtimeMs: number };

/** Hash of input names, sizes and mtimes, as scripts/start.ts computes it (paths relative to root). */
function readSources(root: string): Sources {
  const hash = createHash('sha256');
  let newestMtimeMs = 0;
  const walk = (entry: string) => {
    const full = path.join(root, entry);
    if (!existsSync(full)) return;
    const stat = statSync(full);
    if (stat.isDirectory()) {
      for (const child of readdirSync(full).sort()) {
        if (child === 'node_modules' || child.endsWith('.test.ts')) continue;
        walk(path.join(entry, child));
      }
    } else {
      newestMtimeMs = Math.max(newestMtimeMs, stat.mtimeMs);
      hash.update(`${entry}:${stat.size}:${stat.mtimeMs}\n`);
    }
  };
  for (const input of BUILD_INPUTS) walk(input);
  return { stamp: hash.digest('hex'), newestMtimeMs };
}

export function isBuildFresh(root = process.cwd()): boolean {
  const buildId = path.join(root, '.next', 'BUILD_ID');
  if (!existsSync(buildId)) return false;
  const sources = readSources(root);
  const stampFile = path.join(root, STAMP);
  if (existsSync(stampFile)) return readFileSync(stampFile, 'utf8') === sources.stamp;
  if (statSync(buildId).mtimeMs <= sources.newestMtimeMs) return false;
  writeFileSync(stampFile, sources.stamp);
  return true;
}

/** Runs `next build` in `root` when the build is missing or stale; returns whether it built. */
export function buildIfStale(root = process.cwd(), log: (line: string) => void = console.log): boolean {
  if (isBuildFresh(root)) return false;
  log(`[build] building ${root} (no build, or sources changed since the last one)…`);
  const nextBin = createRequire(path.join(root, 'package.json')).resolve('next/dist/bin/next');
  const before = readSources(root).stamp;
  const result = spawnSync(process.execPath, [nextBin, 'build'], { cwd: root, stdio: 'inherit' });
  if (result.status !== 0) throw new Error(`next build failed in ${root} (exit ${result.status})`);
  // Sources edited during the build leave it stale: stamp what was built, not what is there now.
  writeFileSync(path.join(root, STAMP), before);
  return true;
}

function lastBuildSeconds(root: string): number | null {
  const file = path.join(root, LAST_DURATION);
  const seconds = existsSync(file) ? Number(readFileSync(file, 'utf8')) : Number.NaN;
  return Number.isFinite(seconds) && seconds > 0 ? seconds : null;
}

/**
 * `next build` with its output shown above one progress line (elapsed, time left from the last
 * build's duration, current phase). Returns whether it built.
 */
export async function buildWithProgress(
  root = process.cwd(),
  progress = new ProgressLine(),
  { always = false } = {},
): Promise<boolean> {
  if (!always && isBuildFresh(root)) return false;
  const previous = lastBuildSeconds(root);
  progress.log(
    `[build] building the app (${always ? 'requested' : 'no build, or sources changed since the last one'}); ` +
      (previous
        ? `the last build took ${Math.round(previous)} s`
        : `a first build takes about ${FIRST_BUILD_S} s`),
  );
  const nextBin = createRequire(path.join(root, 'package.json')).resolve('next/dist/bin/next');
  const before = readSources(root).stamp;
  const startedMs = Date.now();
  const expectedS = previous ?? FIRST_BUILD_S;
  progress.startTimed('build', expectedS, 'starting');
  const child = spawn(process.execPath, [nextBin, 'build'], {
    cwd: root,
    env: process.env,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const timer = setInterval(() => progress.tick(), 1000);
  const onOutput = (chunk: Buffer) => {
    for (const line of chunk.toString().split(/\r?\n/)) {
      const text = line.trim();
      if (!text) continue;
      progress.log(`  ${text}`);
      // Next prints its phases as lines ("Creating an optimized production build", "Running TypeScript").
      progress.setDetail(text.replace(/^[✓○ƒ▲⚠✗]\s*/, '').slice(0, 60));
    }
  };
  child.stdout.on('data', onOutput);
  child.stderr.on('data', onOutput);
  const code = await new Promise<number | null>((resolve) => child.on('exit', resolve));
  clearInterval(timer);
  const seconds = (Date.now() - startedMs) / 1000;
  if (code !== 0) {
    progress.finish(`[build] next build failed after ${Math.round(seconds)} s (exit ${code})`);
    throw new Error(`next build failed in ${root} (exit ${code})`);
  }
  writeFileSync(path.join(root, STAMP), before);
  mkdirSync(path.dirname(path.join(root, LAST_DURATION)), { recursive: true });
  writeFileSync(path.join(root, LAST_DURATION), seconds.toFixed(1));
  progress.finish(`[build] built in ${Math.round(seconds)} s`);
  return true;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const args = process.argv.slice(2);
  const always = args.includes('--always');
  const root = path.resolve(args.find((a) => !a.startsWith('--')) ?? '.');
  buildWithProgress(root, new ProgressLine(), { always })
    .then((built) => {
      if (!built) console.log('[build] up to date');
    })
    .catch((error: Error) => {
      console.error(`[build] ${error.message}`);
      process.exit(1);
    });
}

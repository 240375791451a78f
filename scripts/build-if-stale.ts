// Builds the production app (`next build`) only when the sources changed since the last build.
// Same stamp file and inputs as scripts/start.ts, so either one reuses the other's build.
// A build made by plain `npm run build` has no stamp: it counts as fresh when it is newer than
// every input file (CI builds once, then benchmarks and fault tests reuse it).
//   npx tsx scripts/build-if-stale.ts [appDir]
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

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

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const root = path.resolve(process.argv[2] ?? '.');
  console.log(buildIfStale(root) ? '[build] done' : '[build] up to date');
}

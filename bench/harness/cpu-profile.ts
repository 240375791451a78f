// Summarises a V8 .cpuprofile (node --cpu-prof) into where the time went: self time by code
// area (a package, the app bundle, Node internals, GC, idle) and the hottest functions.
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';

type ProfileNode = {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
};
type CpuProfile = {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
  startTime: number;
  endTime: number;
};

export type ProfileSummary = {
  file: string;
  totalMs: number;
  areas: { area: string; ms: number; pct: number }[];
  functions: { name: string; area: string; ms: number; pct: number }[];
};

/** Where a frame's code lives: a node_modules package, the app's server bundle, Node itself. */
function areaOf(frame: ProfileNode['callFrame']): string {
  const { url, functionName } = frame;
  if (!url) {
    if (functionName === '(idle)') return '(idle)';
    if (functionName === '(garbage collector)') return '(gc)';
    if (functionName === '(program)') return '(program)';
    return '(native)';
  }
  const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(url);
  if (pkg) {
    if (pkg[1] === 'next' && /compiled\/next-server|dist\/server/.test(url)) return 'next (server)';
    return pkg[1]!;
  }
  if (url.includes('/.next/server/')) return 'app bundle (.next/server)';
  if (url.startsWith('node:')) return 'node internals';
  return url;
}

export function summariseProfile(file: string, top = 25): ProfileSummary {
  const profile = JSON.parse(readFileSync(file, 'utf8')) as CpuProfile;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const selfUs = new Map<number, number>();
  profile.samples.forEach((id, i) => {
    selfUs.set(id, (selfUs.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0));
  });
  const areas = new Map<string, number>();
  const functions = new Map<string, { area: string; us: number }>();
  let totalUs = 0;
  for (const [id, us] of selfUs) {
    const frame = byId.get(id)!.callFrame;
    const area = areaOf(frame);
    totalUs += us;
    areas.set(area, (areas.get(area) ?? 0) + us);
    const name =
      `${frame.functionName || '(anonymous)'} ${frame.url ? `${path.basename(frame.url)}:${frame.lineNumber + 1}` : ''}`.trim();
    const entry = functions.get(name) ?? { area, us: 0 };
    entry.us += us;
    functions.set(name, entry);
  }
  const pct = (us: number) => Math.round((us / totalUs) * 1000) / 10;
  return {
    file,
    totalMs: Math.round(totalUs / 1000),
    areas: [...areas.entries()]
      .sort((a, b) => b[1] - a[1])
      .map(([area, us]) => ({ area, ms: Math.round(us / 1000), pct: pct(us) })),
    functions: [...functions.entries()]
      .sort((a, b) => b[1].us - a[1].us)
      .slice(0, top)
      .map(([name, f]) => ({ name, area: f.area, ms: Math.round(f.us / 1000), pct: pct(f.us) })),
  };
}

/** The largest profile in a folder (the server process; small ones are short-lived helpers). */
export function largestProfile(dir: string): string | undefined {
  const files = readdirSync(dir).filter((f) => f.endsWith('.cpuprofile'));
  const sized = files.map((f) => ({ f, size: readFileSync(path.join(dir, f)).length }));
  sized.sort((a, b) => b.size - a.size);
  return sized[0] ? path.join(dir, sized[0].f) : undefined;
}

export function printProfile(summary: ProfileSummary) {
  console.log(`  CPU profile ${summary.file} (${summary.totalMs} ms sampled)`);
  console.log('  self time by area:');
  for (const a of summary.areas.slice(0, 12)) console.log(`    ${String(a.pct).padStart(5)} %  ${a.area}`);
  console.log('  hottest functions (self time):');
  for (const f of summary.functions)
    console.log(`    ${String(f.pct).padStart(5)} %  ${f.name}  [${f.area}]`);
}

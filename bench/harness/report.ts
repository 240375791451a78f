// Output conventions shared by the benchmarks (DESIGN.md §8): a description of what was measured
// and how, then one `key=value` line per figure at the end, and the same figures as JSON in
// bench/results/ (git-ignored) for run-to-run comparison.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';

export type Figures = Record<string, number | string>;

export function machineInfo() {
  const cpus = os.cpus();
  return {
    cores: cpus.length,
    cpuModel: cpus[0]?.model.trim() ?? 'unknown',
    memoryGb: Math.round(os.totalmem() / 2 ** 30),
    node: process.version,
    platform: `${os.platform()} ${os.release()}`,
    loadAverage1m: Math.round(os.loadavg()[0]! * 100) / 100,
  };
}

/** Rounds for printing: integers for big figures, 2–3 significant decimals for small ones. */
export function round(value: number): number {
  if (!Number.isFinite(value)) return value;
  if (Math.abs(value) >= 100) return Math.round(value);
  if (Math.abs(value) >= 1) return Math.round(value * 100) / 100;
  return Math.round(value * 1000) / 1000;
}

export function printFigures(figures: Figures) {
  console.log('');
  for (const [key, value] of Object.entries(figures)) {
    console.log(`${key}=${typeof value === 'number' ? round(value) : value}`);
  }
}

export function saveResults(name: string, data: unknown, root = process.cwd()): string {
  const dir = path.join(root, 'bench', 'results');
  mkdirSync(dir, { recursive: true });
  const file = path.join(dir, `${name}-${new Date().toISOString().replace(/[:.]/g, '-')}.json`);
  writeFileSync(file, `${JSON.stringify(data, null, 2)}\n`);
  return file;
}

/** CPU time (user + system, ms) a process has used so far, from /proc; NaN where unavailable. */
export function processCpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
    const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
    const ticksPerS = 100; // USER_HZ on Linux
    return ((Number(fields[11]) + Number(fields[12])) / ticksPerS) * 1000;
  } catch {
    return Number.NaN;
  }
}

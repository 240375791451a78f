import { createRng, hash32, hashUnit, hi, lo } from './random';

/**
 * Stand-in AI workload for GPU nodes until real jobs are scheduled: alternating "running a job" and
 * idle windows, hours long, drawn per (seed, node, day-long block). Pure, so the live loop, a
 * backfill and the telemetry model all see the same schedule.
 */
export type AiWindow = { busy: boolean; startTs: number; endTs: number; jobKey: number };

const HOUR_MS = 3_600_000;
const BLOCK_MS = 24 * HOUR_MS;
const QUARTER_H_MS = HOUR_MS / 4;
const CH_PHASE = 0xa1;
const CH_DEMAND = 0xa2;
const CH_BLOCK = 0xa3;

function phaseMs(seed: number, deviceId: number): number {
  return Math.floor(hashUnit(seed, deviceId, CH_PHASE) * BLOCK_MS);
}

/** 0.5–2: how long a node tends to sit idle between jobs (popular vs unpopular nodes). */
function idleScale(seed: number, deviceId: number): number {
  return 0.5 + 1.5 * hashUnit(seed, deviceId, CH_DEMAND);
}

/** Busy 2–12 h, idle 0.5–4 h (× the node's idle scale), in quarter hours, clipped to the block. */
export function aiWindowsInBlock(seed: number, deviceId: number, block: number): AiWindow[] {
  const rng = createRng(hash32(seed, deviceId, CH_BLOCK, lo(block), hi(block)));
  const blockStart = block * BLOCK_MS + phaseMs(seed, deviceId);
  const blockEnd = blockStart + BLOCK_MS;
  const scale = idleScale(seed, deviceId);
  const windows: AiWindow[] = [];
  let busy = rng() < 0.7;
  let start = blockStart;
  while (start < blockEnd) {
    const hours = busy ? 2 + rng() * 10 : (0.5 + rng() * 3.5) * scale;
    const end = Math.min(
      blockEnd,
      start + Math.max(1, Math.round((hours * HOUR_MS) / QUARTER_H_MS)) * QUARTER_H_MS,
    );
    windows.push({
      busy,
      startTs: start,
      endTs: end,
      jobKey: hash32(seed, deviceId, lo(block), windows.length),
    });
    start = end;
    busy = !busy;
  }
  return windows;
}

/** Memo of each node's current block: the live loop and a backfill ask about the same day many times. */
const lastBlock = new Map<number, { seed: number; block: number; windows: AiWindow[] }>();

function windowsFor(seed: number, deviceId: number, block: number): AiWindow[] {
  const hit = lastBlock.get(deviceId);
  if (hit && hit.seed === seed && hit.block === block) return hit.windows;
  const windows = aiWindowsInBlock(seed, deviceId, block);
  if (lastBlock.size > 100_000) lastBlock.clear();
  lastBlock.set(deviceId, { seed, block, windows });
  return windows;
}

/** The schedule window containing `ts`. */
export function aiWindowAt(seed: number, deviceId: number, ts: number): AiWindow {
  const block = Math.floor((ts - phaseMs(seed, deviceId)) / BLOCK_MS);
  const windows = windowsFor(seed, deviceId, block);
  return windows.find((w) => w.startTs <= ts && ts < w.endTs) ?? windows[windows.length - 1]!;
}

/** Whether the stand-in schedule has the node running a job at `ts` (→ mode 'ai', else 'idle'). */
export function aiBusyAt(seed: number, deviceId: number, ts: number): boolean {
  return aiWindowAt(seed, deviceId, ts).busy;
}

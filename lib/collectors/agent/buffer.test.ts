import { mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { DiskBuffer } from './buffer';

const sample = (deviceId: number, ts: number) => ({ deviceId, ts, hashrateThs: 100.5, powerW: 3000 });
const batch = (n: number, ts: number) => Array.from({ length: n }, (_, i) => sample(i + 1, ts));
const bytesOf = (samples: object[]) => Buffer.byteLength(JSON.stringify(samples));

describe('agent disk buffer', () => {
  let dir: string;
  let file: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(os.tmpdir(), 'agent-buffer-'));
    file = path.join(dir, 'nested', 'buffer.db');
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it('keeps unsent batches across a restart and forgets acknowledged ones', () => {
    const first = DiskBuffer.open(file, { maxBytes: 1_000_000 });
    first.append(batch(3, 1_000));
    first.append(batch(3, 2_000));
    first.append(batch(2, 3_000));
    const sent = first.peek(6);
    expect(sent.samples.map((s) => s.ts)).toEqual([1_000, 1_000, 1_000, 2_000, 2_000, 2_000]);
    expect(first.ack(sent.ids)).toBe(6);
    first.append(batch(1, 4_000));
    first.close(); // a SIGKILL instead of close: tests/integration/site-agent.int.test.ts
    const second = DiskBuffer.open(file, { maxBytes: 1_000_000 });
    expect(second.stats()).toMatchObject({ batches: 2, samples: 3, droppedSamples: 0 });
    expect(second.peek(100).samples).toEqual([...batch(2, 3_000), ...batch(1, 4_000)]);
    second.close();
  });

  it('peeks whole batches only, at least one even when it exceeds the limit', () => {
    const buffer = DiskBuffer.open(file, { maxBytes: 1_000_000 });
    buffer.append(batch(5, 1_000));
    buffer.append(batch(5, 2_000));
    expect(buffer.peek(3).samples).toHaveLength(5);
    expect(buffer.peek(9).ids).toHaveLength(1);
    expect(buffer.peek(10).ids).toHaveLength(2);
    expect(buffer.peek(10).ids).toHaveLength(2); // peeking removes nothing
    buffer.close();
  });

  it('when full drops the oldest batches, counts them, and keeps counting across restarts', () => {
    const one = bytesOf(batch(4, 1_000_000_000_000));
    const buffer = DiskBuffer.open(file, { maxBytes: one * 3 });
    for (let i = 0; i < 3; i++) expect(buffer.append(batch(4, 1e12 + i)).droppedSamples).toBe(0);
    expect(buffer.append(batch(4, 1e12 + 3)).droppedSamples).toBe(4);
    expect(buffer.append(batch(4, 1e12 + 4)).droppedSamples).toBe(4);
    expect(buffer.stats()).toMatchObject({ batches: 3, samples: 12, droppedSamples: 8, droppedBatches: 2 });
    expect(buffer.stats().bytes).toBeLessThanOrEqual(one * 3);
    // The newest three survive, oldest first.
    expect([...new Set(buffer.peek(100).samples.map((s) => s.ts))]).toEqual([1e12 + 2, 1e12 + 3, 1e12 + 4]);
    buffer.close();
    const reopened = DiskBuffer.open(file, { maxBytes: one * 3 });
    expect(reopened.stats()).toMatchObject({ samples: 12, droppedSamples: 8 });
    reopened.close();
  });

  it('drops a batch larger than the whole buffer instead of emptying the buffer for it', () => {
    const buffer = DiskBuffer.open(file, { maxBytes: bytesOf(batch(2, 1e12)) + 1 });
    buffer.append(batch(2, 1e12));
    expect(buffer.append(batch(50, 1e12 + 1)).droppedSamples).toBe(50);
    expect(buffer.stats()).toMatchObject({ samples: 2, droppedSamples: 50 });
    buffer.close();
  });

  it('acknowledging twice removes nothing more', () => {
    const buffer = DiskBuffer.open(file, { maxBytes: 1_000_000 });
    buffer.append(batch(2, 1e12));
    const { ids } = buffer.peek(10);
    expect(buffer.ack(ids)).toBe(2);
    expect(buffer.ack(ids)).toBe(0);
    expect(buffer.stats()).toMatchObject({ batches: 0, samples: 0, bytes: 0 });
    buffer.close();
  });

  it('refuses a second agent on the same buffer file while the first has it open', () => {
    const first = DiskBuffer.open(file, { maxBytes: 1_000_000 });
    expect(() => DiskBuffer.open(file, { maxBytes: 1_000_000 })).toThrow(/in use by another agent/);
    first.close();
    DiskBuffer.open(file, { maxBytes: 1_000_000 }).close();
  });
});

import { afterEach, describe, expect, it } from 'vitest';
import { processGlobal } from './process-global';

const slot = processGlobal<{ n: number }>('switchyardTestSlot');

afterEach(() => slot.set(undefined));

describe('processGlobal', () => {
  it('creates once and returns the same value', () => {
    let created = 0;
    const a = slot.getOrCreate(() => ({ n: ++created }));
    const b = slot.getOrCreate(() => ({ n: ++created }));
    expect([a, b, created]).toEqual([{ n: 1 }, { n: 1 }, 1]);
    expect(a).toBe(b);
  });

  it('is shared by every handle with the same name (as a reloaded module would get)', () => {
    slot.set({ n: 7 });
    expect(processGlobal<{ n: number }>('switchyardTestSlot').get()).toEqual({ n: 7 });
    expect(processGlobal<{ n: number }>('switchyardOtherSlot').get()).toBeUndefined();
  });

  it('can be cleared and created again', () => {
    slot.getOrCreate(() => ({ n: 1 }));
    slot.set(undefined);
    expect(slot.get()).toBeUndefined();
    expect(slot.getOrCreate(() => ({ n: 2 }))).toEqual({ n: 2 });
  });
});

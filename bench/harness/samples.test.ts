// The load generator's byte bodies must be the very JSON the string builder makes: the ingest
// figure is only the server's if the requests are the same.
import { describe, expect, it } from 'vitest';
import { createSampleFactory, offsetFactory } from './samples';

const devices = (n: number) => Array.from({ length: n }, (_, i) => ({ id: i + 1, gpu: i % 10 === 0 }));
const startTs = Date.UTC(2026, 10, 1);

describe('sample factory bodies', () => {
  it('bodyBytes matches body byte for byte across slots, rounds and variants', () => {
    const factory = createSampleFactory({ devices: devices(400), batchSize: 100, startTs });
    // 4 slots per round, 4 variants: batches 0…40 cover every template and reuse each.
    for (let k = 0; k <= 40; k++)
      expect(factory.bodyBytes(k).equals(Buffer.from(factory.body(k)))).toBe(true);
    const shifted = offsetFactory(factory, 3);
    expect(shifted.bodyBytes(5).equals(Buffer.from(factory.body(8)))).toBe(true);
    expect(JSON.parse(factory.bodyBytes(17).toString('utf8')).samples).toHaveLength(100);
  });

  it('falls back to the string when batches do not repeat each round', () => {
    const factory = createSampleFactory({ devices: devices(250), batchSize: 100, startTs });
    for (const k of [0, 1, 2, 3, 9])
      expect(factory.bodyBytes(k).equals(Buffer.from(factory.body(k)))).toBe(true);
  });
});

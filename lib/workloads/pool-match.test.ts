import { describe, expect, it } from 'vitest';
import { poolUrlMatches } from './pool-match';

const urls = ['stratum+tcp://btc.pool.example:3333', 'stratum+ssl://backup.pool.example:443'];

describe('poolUrlMatches', () => {
  it.each([
    ['stratum+tcp://btc.pool.example:3333', true],
    ['STRATUM+TCP://BTC.Pool.Example:3333', true],
    ['btc.pool.example:3333', true],
    ['stratum+ssl://backup.pool.example:443/', true],
    ['stratum+tcp://btc.pool.example', true],
    ['stratum+tcp://btc.pool.example:25', false],
    ['stratum+tcp://evil.example:3333', false],
    ['', false],
  ])('%s → %s', (reported, expected) => {
    expect(poolUrlMatches(reported, urls)).toBe(expected);
  });
});

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkStratumUrl } from './stratum';

describe('checkStratumUrl', () => {
  it.each([
    ['stratum+tcp://btc.example.com:3333', 'stratum+tcp://btc.example.com:3333'],
    ['  STRATUM+SSL://Pool.Example.COM:443 ', 'stratum+ssl://pool.example.com:443'],
    ['stratum2+tcp://v2.example.org:3336/9awtMD5KQgvRUh2yFbjVeT7b6hjipWcAsQHd6wEhgtDT9soosna', null],
    ['stratum+tcp://10.0.0.5:3333', 'stratum+tcp://10.0.0.5:3333'],
    ['stratum+tcp://[2001:db8::1]:3333', 'stratum+tcp://[2001:db8::1]:3333'],
  ])('accepts %s', (input, normalised) => {
    const check = checkStratumUrl(input);
    expect(check.ok).toBe(true);
    if (check.ok && normalised) expect(check.url).toBe(normalised);
  });

  it.each([
    ['http://pool.example.com:3333', /scheme/],
    ['stratum+udp://pool.example.com:3333', /scheme/],
    ['stratum+tcp://pool.example.com', /missing port/],
    ['stratum+tcp://pool.example.com:', /missing port/],
    ['stratum+tcp://:3333', /missing host/],
    ['stratum+tcp://pool.example.com:0', /outside/],
    ['stratum+tcp://pool.example.com:70000', /outside/],
    ['stratum+tcp://user:pw@pool.example.com:3333', /credentials/],
    ['stratum+tcp://pool_example!.com:3333', /invalid host/],
    ['stratum+tcp://300.1.1.1:3333', /invalid host/],
    ['stratum+tcp://pool.example.com:3333/path', /path/],
    ['pool.example.com:3333', /scheme:\/\/host:port/],
    ['', /scheme:\/\/host:port/],
  ])('refuses %s', (input, reason) => {
    const check = checkStratumUrl(input);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });

  it('never throws and only accepts what it can print back', () => {
    fc.assert(
      fc.property(fc.string(), (s) => {
        const check = checkStratumUrl(s);
        if (check.ok) expect(checkStratumUrl(check.url)).toEqual(check);
      }),
    );
  });
});

// The connection's scheme decides the cookie's Secure flag and our own origin (CSRF check). Next
// builds req.url's scheme from a client's X-Forwarded-Proto, so under our server only the socket's
// stamp (or a trusted proxy) may say https.
import { afterEach, describe, expect, it } from 'vitest';
import { resetEnvCache } from '../env';
import { PEER_TLS_HEADER } from '../http/server-hooks';
import { isSecureRequest, ownOrigin } from './request';

function request(url: string, headers: Record<string, string>): Request {
  return new Request(url, { headers: { host: 'fleet.example:3000', ...headers } });
}

describe('the connection scheme', () => {
  afterEach(() => {
    delete process.env.SWITCHYARD_TRUST_PROXY;
    resetEnvCache();
  });

  it.each([
    // [case, url, headers, secure, origin]
    [
      'a plain socket whose URL was made https by a forged X-Forwarded-Proto',
      'https://fleet.example:3000/api',
      { [PEER_TLS_HEADER]: '0', 'x-forwarded-proto': 'https' },
      false,
      'http://fleet.example:3000',
    ],
    [
      'a TLS socket',
      'https://fleet.example:3000/api',
      { [PEER_TLS_HEADER]: '1' },
      true,
      'https://fleet.example:3000',
    ],
    [
      'a plain socket',
      'http://fleet.example:3000/api',
      { [PEER_TLS_HEADER]: '0' },
      false,
      'http://fleet.example:3000',
    ],
    [
      'a Request built outside the server (no stamp): its URL',
      'https://fleet.example:3000/api',
      {},
      true,
      'https://fleet.example:3000',
    ],
  ] as const)('%s', (_case, url, headers, secure, origin) => {
    const req = request(url, headers);
    expect(isSecureRequest(req)).toBe(secure);
    expect(ownOrigin(req)).toBe(origin);
  });

  it('behind a trusted proxy, its X-Forwarded-Proto wins over the plain socket', () => {
    process.env.SWITCHYARD_TRUST_PROXY = 'on';
    resetEnvCache();
    const req = request('http://fleet.example:3000/api', {
      [PEER_TLS_HEADER]: '0',
      'x-forwarded-proto': 'https',
    });
    expect(isSecureRequest(req)).toBe(true);
    expect(ownOrigin(req)).toBe('https://fleet.example:3000');
  });
});

import { NextRequest } from 'next/server';
import { afterEach, describe, expect, it } from 'vitest';
import { proxy } from '../../proxy';
import { resetEnvCache } from '../env';
import { cameOverTls, contentSecurityPolicy } from './security-headers';

function scriptSrc(csp: string): string {
  return csp.split('; ').find((d) => d.startsWith('script-src ')) ?? '';
}

afterEach(() => {
  delete process.env.SWITCHYARD_TRUST_PROXY;
  resetEnvCache();
});

describe('content security policy', () => {
  it('allows scripts by nonce only, never inline or eval in production', () => {
    const csp = contentSecurityPolicy('abc123==', false);
    expect(scriptSrc(csp)).toBe("script-src 'self' 'nonce-abc123==' 'strict-dynamic'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).toContain("object-src 'none'");
    expect(contentSecurityPolicy('n', true)).toContain("'unsafe-eval'");
  });
});

describe('cameOverTls', () => {
  const h = (headers: Record<string, string>) => new Headers(headers);
  it.each([
    ['a TLS socket (stamped by the server)', h({ 'x-switchyard-tls': '1' }), false, true],
    ['plain HTTP', h({ 'x-switchyard-tls': '0' }), false, false],
    ['forged X-Forwarded-Proto, proxy not trusted', h({ 'x-forwarded-proto': 'https' }), false, false],
    ['trusted proxy terminated TLS', h({ 'x-forwarded-proto': 'https' }), true, true],
    ['trusted proxy says http', h({ 'x-forwarded-proto': 'http', 'x-switchyard-tls': '0' }), true, false],
    ['trusted proxy, first hop of a list', h({ 'x-forwarded-proto': 'https, http' }), true, true],
  ])('%s', (_name, headers, trust, expected) => {
    expect(cameOverTls(headers, trust)).toBe(expected);
  });
});

describe('proxy', () => {
  const signedIn = { cookie: 'sy_session=x' };

  it('gives every page response a fresh nonce, also handed to the render', () => {
    const first = proxy(new NextRequest('http://fleet.example/fleet', { headers: signedIn }));
    const second = proxy(new NextRequest('http://fleet.example/fleet', { headers: signedIn }));
    const a = first.headers.get('content-security-policy') ?? '';
    const b = second.headers.get('content-security-policy') ?? '';
    expect(a).toMatch(/'nonce-[A-Za-z0-9+/]{22}=='/);
    expect(a).not.toBe(b);
    expect(scriptSrc(a)).not.toContain('unsafe-inline');
    // The nonce travels to the render as request headers (Next and the root layout read them).
    expect(first.headers.get('x-middleware-request-x-nonce')).toBe(/'nonce-([^']+)'/.exec(a)?.[1]);
    expect(first.headers.get('x-middleware-request-content-security-policy')).toBe(a);
  });

  it('redirects a page without a session cookie to sign in, with the headers, and serves /login', () => {
    const redirect = proxy(new NextRequest('http://fleet.example/devices?x=1'));
    expect(redirect.status).toBe(307);
    expect(redirect.headers.get('location')).toBe('http://fleet.example/login?next=%2Fdevices%3Fx%3D1');
    expect(redirect.headers.get('content-security-policy')).toContain("'strict-dynamic'");
    const login = proxy(new NextRequest('http://fleet.example/login'));
    expect(login.headers.get('location')).toBeNull();
    expect(login.headers.get('content-security-policy')).toContain("'nonce-");
  });

  it('sends HSTS only when the request came over TLS', () => {
    const hsts = (url: string, headers: Record<string, string> = {}) =>
      proxy(new NextRequest(url, { headers: { ...signedIn, ...headers } })).headers.get(
        'strict-transport-security',
      );
    expect(hsts('http://fleet.example/fleet', { 'x-switchyard-tls': '1' })).toMatch(/^max-age=\d+/);
    expect(hsts('http://fleet.example/fleet')).toBeNull();
    // Next derives the URL's scheme from headers a client can send: an https URL proves nothing.
    expect(hsts('https://fleet.example/fleet')).toBeNull();
    expect(hsts('http://fleet.example/fleet', { 'x-forwarded-proto': 'https' })).toBeNull();
    process.env.SWITCHYARD_TRUST_PROXY = '1';
    resetEnvCache();
    expect(hsts('http://fleet.example/fleet', { 'x-forwarded-proto': 'https' })).toMatch(/^max-age=/);
    expect(hsts('http://fleet.example/fleet')).toBeNull();
  });
});

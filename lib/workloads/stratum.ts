// Stratum URL validation: the schemes miners accept, with a host and a port. Stratum V2 URLs may
// carry the pool's authority public key as the path (`stratum2+tcp://host:port/<key>`).

export const STRATUM_SCHEMES = ['stratum+tcp', 'stratum+ssl', 'stratum2+tcp'] as const;

export type StratumCheck = { ok: true; url: string } | { ok: false; reason: string };

const HOST = /^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$/i;
const IPV4 = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/;

export function checkStratumUrl(input: string): StratumCheck {
  const text = input.trim();
  const match = /^([a-z0-9+]+):\/\/([^/?#]*)(\/[^?#]*)?$/i.exec(text);
  if (!match) return { ok: false, reason: 'expected scheme://host:port' };
  const scheme = match[1]!.toLowerCase();
  if (!(STRATUM_SCHEMES as readonly string[]).includes(scheme)) {
    return { ok: false, reason: `scheme must be one of ${STRATUM_SCHEMES.join(', ')}` };
  }
  const authority = match[2]!;
  if (authority.includes('@')) return { ok: false, reason: 'credentials do not belong in the URL' };
  const hostPort = /^(\[[0-9a-f:.]+\]|[^:]+)(?::(\d*))?$/i.exec(authority);
  if (!hostPort?.[1]) return { ok: false, reason: 'missing host' };
  const host = hostPort[1];
  if (host.startsWith('[')) {
    // IPv6 literal: let the URL parser decide whether it is well formed.
    try {
      new URL(`http://${host}`);
    } catch {
      return { ok: false, reason: `invalid IPv6 address ${host}` };
    }
  } else {
    const v4 = IPV4.exec(host);
    if (v4 ? v4.slice(1).some((o) => Number(o) > 255) : !HOST.test(host)) {
      return { ok: false, reason: `invalid host "${host}"` };
    }
  }
  if (hostPort[2] === undefined || hostPort[2] === '') return { ok: false, reason: 'missing port' };
  const port = Number(hostPort[2]);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    return { ok: false, reason: `port ${hostPort[2]} is outside 1–65535` };
  }
  const path = match[3] ?? '';
  if (path && scheme !== 'stratum2+tcp') return { ok: false, reason: 'only stratum2+tcp URLs take a path' };
  return { ok: true, url: `${scheme}://${host.toLowerCase()}:${port}${path}` };
}

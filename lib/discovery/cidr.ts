// IPv4 ranges for network discovery: parsing, the size limit, and which ranges count as private.
// Pure: strings in, numbers out.

/** The largest range one scan may cover: a /22 (1,024 addresses). */
export const MAX_PREFIX_SPAN = 22;

export type Cidr = { base: number; prefix: number; size: number };

export type CidrResult = { ok: true; cidr: Cidr } | { ok: false; message: string };

export function parseIpv4(text: string): number | undefined {
  const parts = text.split('.');
  if (parts.length !== 4) return undefined;
  let n = 0;
  for (const part of parts) {
    // Canonical decimal octets only: "010" or "0x1" would mean octal/hex to some tools.
    if (!/^(0|[1-9]\d{0,2})$/.test(part)) return undefined;
    const v = Number(part);
    if (v > 255) return undefined;
    n = n * 256 + v;
  }
  return n;
}

export function formatIpv4(n: number): string {
  return [n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255].join('.');
}

/**
 * `192.168.1.0/24` (or a bare address = /32). Host bits must be zero, so a typo such as
 * `192.168.1.7/22` is refused instead of silently widened to `192.168.0.0/22`.
 */
export function parseCidr(text: string): CidrResult {
  const trimmed = text.trim();
  if (trimmed.includes(':')) return { ok: false, message: 'only IPv4 ranges can be scanned' };
  const [addr, prefixText, extra] = trimmed.split('/');
  if (extra !== undefined || addr === undefined) return { ok: false, message: 'write a range as a.b.c.d/nn' };
  const base = parseIpv4(addr);
  if (base === undefined) return { ok: false, message: `"${addr}" is not an IPv4 address` };
  let prefix = 32;
  if (prefixText !== undefined) {
    if (!/^\d{1,2}$/.test(prefixText) || Number(prefixText) > 32)
      return { ok: false, message: `"/${prefixText}" is not a prefix length (0–32)` };
    prefix = Number(prefixText);
  }
  if (prefix < MAX_PREFIX_SPAN)
    return {
      ok: false,
      message: `/${prefix} is ${2 ** (32 - prefix)} addresses; one scan covers at most a /${MAX_PREFIX_SPAN} (1,024)`,
    };
  const size = 2 ** (32 - prefix);
  if (base % size !== 0)
    return {
      ok: false,
      message: `${addr}/${prefix} has host bits set; the range starts at ${formatIpv4(base - (base % size))}`,
    };
  return { ok: true, cidr: { base, prefix, size } };
}

/**
 * The addresses to probe: all of a /31 or /32, otherwise without the network and broadcast
 * addresses (nothing answers there and some routers log a probe to them as an attack).
 */
export function hostsOf(cidr: Cidr): number[] {
  const start = cidr.prefix >= 31 ? cidr.base : cidr.base + 1;
  const end = cidr.prefix >= 31 ? cidr.base + cidr.size : cidr.base + cidr.size - 1;
  const hosts: number[] = [];
  for (let n = start; n < end; n++) hosts.push(n);
  return hosts;
}

type Block = { base: number; prefix: number; label: string };

const block = (addr: string, prefix: number, label: string): Block => ({
  base: parseIpv4(addr)!,
  prefix,
  label,
});

/** Where miners live: RFC 1918 LANs, loopback, CGNAT/Tailscale (RFC 6598) and link-local. */
const PRIVATE: Block[] = [
  block('10.0.0.0', 8, 'private (RFC 1918)'),
  block('172.16.0.0', 12, 'private (RFC 1918)'),
  block('192.168.0.0', 16, 'private (RFC 1918)'),
  block('127.0.0.0', 8, 'loopback'),
  block('100.64.0.0', 10, 'shared address space (RFC 6598)'),
  block('169.254.0.0', 16, 'link-local'),
];

/** Never scanned: "this network", multicast and reserved space have no devices to find. */
const NEVER: Block[] = [
  block('0.0.0.0', 8, '"this network" (0.0.0.0/8)'),
  block('224.0.0.0', 4, 'multicast'),
  block('240.0.0.0', 4, 'reserved'),
];

function inside(cidr: Cidr, b: Block): boolean {
  const size = 2 ** (32 - b.prefix);
  return cidr.prefix >= b.prefix && cidr.base - (cidr.base % size) === b.base;
}

function overlaps(cidr: Cidr, b: Block): boolean {
  const size = 2 ** (32 - b.prefix);
  return cidr.base < b.base + size && b.base < cidr.base + cidr.size;
}

export type RangeClass =
  | { kind: 'private'; label: string }
  | { kind: 'public' }
  | { kind: 'never'; label: string };

/** A range is private only when all of it lies in one private block; anything else is public. */
export function classifyRange(cidr: Cidr): RangeClass {
  const never = NEVER.find((b) => overlaps(cidr, b));
  if (never) return { kind: 'never', label: never.label };
  const priv = PRIVATE.find((b) => inside(cidr, b));
  return priv ? { kind: 'private', label: priv.label } : { kind: 'public' };
}

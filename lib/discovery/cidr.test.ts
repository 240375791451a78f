import { describe, expect, it } from 'vitest';
import { classifyRange, formatIpv4, hostsOf, parseCidr } from './cidr';

const cidr = (text: string) => {
  const r = parseCidr(text);
  if (!r.ok) throw new Error(r.message);
  return r.cidr;
};

describe('parseCidr', () => {
  it.each([
    ['192.168.1.0/24', 256],
    ['10.0.0.0/22', 1024],
    ['127.0.0.0/29', 8],
    ['192.168.1.7', 1],
    ['192.168.1.6/31', 2],
    [' 172.16.4.0/23 ', 512],
  ])('%s has %i addresses', (text, size) => {
    expect(cidr(text).size).toBe(size);
  });

  it.each([
    ['10.0.0.0/21', /at most a \/22/],
    ['10.0.0.0/8', /16777216 addresses/],
    ['0.0.0.0/0', /at most a \/22/],
    ['192.168.1.7/24', /host bits set; the range starts at 192.168.1.0/],
    ['192.168.1.0/33', /not a prefix length/],
    ['192.168.1.0/x', /not a prefix length/],
    ['192.168.1.256/32', /not an IPv4 address/],
    ['192.168.01.0/24', /not an IPv4 address/],
    ['0x7f.0.0.1', /not an IPv4 address/],
    ['1.2.3/24', /not an IPv4 address/],
    ['fe80::/64', /only IPv4/],
    ['10.0.0.0/24/8', /a\.b\.c\.d\/nn/],
    ['', /not an IPv4 address/],
  ])('refuses %s', (text, message) => {
    const r = parseCidr(text);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.message).toMatch(message);
  });
});

describe('hostsOf', () => {
  it('skips the network and broadcast addresses of a /29', () => {
    expect(hostsOf(cidr('127.0.0.0/29')).map(formatIpv4)).toEqual([
      '127.0.0.1',
      '127.0.0.2',
      '127.0.0.3',
      '127.0.0.4',
      '127.0.0.5',
      '127.0.0.6',
    ]);
  });
  it('keeps every address of a /31 and /32', () => {
    expect(hostsOf(cidr('10.1.1.4/31')).map(formatIpv4)).toEqual(['10.1.1.4', '10.1.1.5']);
    expect(hostsOf(cidr('10.1.1.9')).map(formatIpv4)).toEqual(['10.1.1.9']);
  });
  it('a /22 is 1,022 hosts', () => {
    expect(hostsOf(cidr('192.168.4.0/22'))).toHaveLength(1022);
  });
});

describe('classifyRange', () => {
  it.each([
    ['10.20.0.0/22', 'private'],
    ['172.16.0.0/22', 'private'],
    ['172.31.252.0/22', 'private'],
    ['192.168.255.0/24', 'private'],
    ['127.0.0.0/29', 'private'],
    ['100.64.0.0/24', 'private'],
    ['169.254.1.0/24', 'private'],
    ['172.32.0.0/24', 'public'],
    ['172.15.255.0/24', 'public'],
    ['8.8.8.0/24', 'public'],
    ['192.169.0.0/24', 'public'],
    ['100.128.0.0/24', 'public'],
    ['224.0.0.0/24', 'never'],
    ['255.255.255.255', 'never'],
    ['0.0.0.0/24', 'never'],
  ])('%s is %s', (text, kind) => {
    expect(classifyRange(cidr(text)).kind).toBe(kind);
  });
});

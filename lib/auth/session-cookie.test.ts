import { describe, expect, it } from 'vitest';
import { readSessionCookie, sessionCookie } from './session-cookie';

describe('readSessionCookie', () => {
  it.each([
    [null, undefined],
    ['', undefined],
    ['sy_session=abc', 'abc'],
    ['theme=dark; sy_session=abc.def; other=1', 'abc.def'],
    ['sy_session=a%2Bb', 'a+b'],
    ['sy_session=%E0%A4%A', undefined],
    ['sy_session=%', undefined],
    ['sy_session=', undefined],
    ['sy_sessionx=abc', undefined],
  ])('%s → %s', (header, expected) => {
    expect(readSessionCookie(header)).toBe(expected);
  });

  it('reads back what sessionCookie writes', () => {
    const header = sessionCookie('tok+en/=', true).split(';')[0] ?? '';
    expect(readSessionCookie(header)).toBe('tok+en/=');
    expect(sessionCookie('t', true)).toContain('; Secure');
    expect(sessionCookie('t', false)).not.toContain('Secure');
  });
});

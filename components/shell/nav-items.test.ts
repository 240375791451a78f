import { describe, expect, it } from 'vitest';
import { activeNavItem } from './nav-items';

describe('activeNavItem', () => {
  it.each([
    ['/fleet', 'fleet'],
    ['/devices', 'devices'],
    ['/devices/dev_123/metrics', 'devices'],
    ['/settings/tokens', 'settings'],
    ['/devicesx', undefined],
    ['/', undefined],
    ['/login', undefined],
  ])('%s → %s', (pathname, expected) => {
    expect(activeNavItem(pathname)?.key).toBe(expected);
  });
});

import { describe, expect, it } from 'vitest';
import { activeNavItem, navItemsFor } from './nav-items';

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

describe('navItemsFor', () => {
  it('gives a hosting client its home, devices, alerts and reports only', () => {
    expect(navItemsFor('client').map((i) => i.key)).toEqual(['home', 'devices', 'alerts', 'reports']);
  });
  it('gives staff every area and no tenant home', () => {
    const keys = navItemsFor('staff').map((i) => i.key);
    expect(keys).toContain('allocation');
    expect(keys).toContain('settings');
    expect(keys).not.toContain('home');
  });
});

import { describe, expect, it } from 'vitest';
import { isDecodablePath } from './server-hooks';

describe('isDecodablePath', () => {
  it.each([
    ['/api/v1/devices/12', true],
    ['/api/v1/devices/a%20b?q=%zz', true],
    ['/sites/%C3%A9', true],
    ['/', true],
    ['/api/v1/devices/%E0%A4%A', false],
    ['/api/v1/devices/%', false],
    ['/api/v1/sites/%zz/racks', false],
  ])('%s → %s', (url, ok) => {
    expect(isDecodablePath(url)).toBe(ok);
  });
});

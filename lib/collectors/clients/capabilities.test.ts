import { describe, expect, it } from 'vitest';
import type { CgFamily } from '../protocols/firmware';
import { type ActionName, capabilitiesFor } from './capabilities';

const offered = (input: Parameters<typeof capabilitiesFor>[0]) => {
  const caps = capabilitiesFor(input).actions;
  return (Object.keys(caps) as ActionName[]).filter((a) => caps[a].supported).sort();
};

describe('capabilitiesFor', () => {
  it.each<[string, CgFamily, ActionName[]]>([
    ['stock Antminer offers nothing (Code 45)', 'antminer', []],
    ['Whatsminer offers nothing without its API key protocol', 'whatsminer', []],
    ['Braiins: reboot, pause, resume (power targets need gRPC)', 'braiins', ['pause', 'reboot', 'resume']],
    ['LuxOS: everything', 'luxos', ['pause', 'reboot', 'resume', 'setPowerTarget', 'switchPool']],
    ['Avalon: soft off/on, pool, reboot', 'avalon', ['pause', 'reboot', 'resume', 'switchPool']],
    ['plain cgminer: reboot and pool', 'cgminer', ['reboot', 'switchPool']],
  ])('%s', (_name, family, actions) => {
    expect(offered({ protocol: 'cgminer', family })).toEqual(actions);
  });

  it.each([
    ['v2.15.0', ['pause', 'reboot', 'resume', 'setPowerTarget', 'switchPool']],
    ['v2.14.0', ['pause', 'reboot', 'resume', 'setPowerTarget', 'switchPool']],
    ['v2.13.1', ['reboot', 'setPowerTarget', 'switchPool']],
    [undefined, ['reboot', 'setPowerTarget', 'switchPool']],
  ])('AxeOS %s', (firmware, actions) => {
    expect(offered({ protocol: 'axeos', firmware })).toEqual(actions);
  });

  it('refusals carry the reason the UI shows', () => {
    expect(capabilitiesFor({ protocol: 'cgminer', family: 'antminer' }).actions.reboot).toMatchObject({
      reason: 'write_refused',
      message: expect.stringContaining('Code 45'),
    });
    expect(capabilitiesFor({ protocol: 'cgminer', family: 'whatsminer' }).actions.pause).toMatchObject({
      reason: 'api_key_required',
    });
    expect(capabilitiesFor({ protocol: 'push' })).toMatchObject({ pushOnly: true });
    expect(offered({ protocol: 'dcgm' })).toEqual([]);
  });
});

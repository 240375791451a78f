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
    ['Whatsminer offers nothing without its admin password', 'whatsminer', []],
    ['Braiins without a login: reboot, pause, resume', 'braiins', ['pause', 'reboot', 'resume']],
    ['LuxOS: everything', 'luxos', ['pause', 'reboot', 'resume', 'setPowerTarget', 'switchPool']],
    [
      'Avalon: soft off/on, pool, reboot, work level',
      'avalon',
      ['pause', 'reboot', 'resume', 'setPowerTarget', 'switchPool'],
    ],
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

  it.each<[CgFamily, ActionName[]]>([
    ['whatsminer', ['pause', 'reboot', 'resume', 'setPowerTarget', 'switchPool']],
    ['braiins', ['pause', 'reboot', 'resume', 'setPowerTarget']],
    ['antminer', []],
  ])('with stored credentials, %s offers %j', (family, actions) => {
    expect(offered({ protocol: 'cgminer', family, hasCredentials: true })).toEqual(actions);
  });

  it('says why a write needs credentials, and how each is sent', () => {
    const braiins = capabilitiesFor({ protocol: 'cgminer', family: 'braiins' }).actions.setPowerTarget;
    expect(braiins).toMatchObject({
      reason: 'credentials_required',
      message: expect.stringContaining('gRPC'),
    });
    expect(
      capabilitiesFor({ protocol: 'cgminer', family: 'braiins', hasCredentials: true }).actions
        .setPowerTarget,
    ).toMatchObject({ via: expect.stringContaining('SetPowerTarget') });
    expect(
      capabilitiesFor({ protocol: 'cgminer', family: 'whatsminer', hasCredentials: true }).actions.pause,
    ).toMatchObject({ via: expect.stringContaining('power_off') });
    expect(capabilitiesFor({ protocol: 'cgminer', family: 'avalon' }).actions.setPowerTarget).toMatchObject({
      via: expect.stringContaining('worklevel'),
    });
  });

  it('a NerdMiner says it is push-only because it has no local API', () => {
    const nerd = capabilitiesFor({ protocol: 'push', model: 'NerdMiner v2' });
    expect(nerd.pushOnly).toBe(true);
    expect(nerd.actions.reboot).toMatchObject({
      reason: 'push_only',
      message: expect.stringContaining('NerdMiner has no local API'),
    });
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

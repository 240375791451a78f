import type { CgFamily } from '../protocols/firmware';

export const ACTIONS = ['reboot', 'pause', 'resume', 'switchPool', 'setPowerTarget'] as const;
export type ActionName = (typeof ACTIONS)[number];

export type Capability =
  | { supported: true; via: string }
  | {
      supported: false;
      reason: 'push_only' | 'read_only' | 'write_refused' | 'api_key_required' | 'not_supported';
      message: string;
    };

export type DeviceCapabilities = {
  /** No local API: the device only appears through what it (or its pool) pushes. The UI says so. */
  pushOnly: boolean;
  actions: Record<ActionName, Capability>;
};

export type CapabilityInput = {
  protocol: 'cgminer' | 'axeos' | 'dcgm' | 'push';
  family?: CgFamily;
  /** AxeOS firmware version (`v2.14.0`), for pause/resume. */
  firmware?: string;
};

const yes = (via: string): Capability => ({ supported: true, via });
const no = (reason: Exclude<Capability, { supported: true }>['reason'], message: string): Capability => ({
  supported: false,
  reason,
  message,
});

function all(cap: Capability): Record<ActionName, Capability> {
  return { reboot: cap, pause: cap, resume: cap, switchPool: cap, setPowerTarget: cap };
}

function axeosVersion(firmware: string | undefined): [number, number] | undefined {
  const m = /v?(\d+)\.(\d+)/.exec(firmware ?? '');
  return m ? [Number(m[1]), Number(m[2])] : undefined;
}

/**
 * Which remote actions a device offers, from protocol, firmware family and version (reference
 * §1.6, §1.7, §2.1). Refusals carry a reason the UI can show instead of a generic failure.
 */
export function capabilitiesFor(input: CapabilityInput): DeviceCapabilities {
  if (input.protocol === 'push')
    return {
      pushOnly: true,
      actions: all(no('push_only', 'Push-only device (e.g. NerdMiner): no local API to poll or control')),
    };
  if (input.protocol === 'dcgm')
    return {
      pushOnly: false,
      actions: all(no('read_only', 'dcgm-exporter is a read-only metrics endpoint')),
    };
  if (input.protocol === 'axeos') {
    const v = axeosVersion(input.firmware);
    const pause =
      v && (v[0] > 2 || (v[0] === 2 && v[1] >= 14))
        ? yes('POST /api/system/pause')
        : no('not_supported', 'AxeOS pause/resume needs firmware v2.14 or newer');
    return {
      pushOnly: false,
      actions: {
        reboot: yes('POST /api/system/restart'),
        pause,
        resume: pause.supported ? yes('POST /api/system/resume') : pause,
        switchPool: yes('PATCH /api/system stratumURL + restart'),
        setPowerTarget: yes('PATCH /api/system frequency/coreVoltage preset'),
      },
    };
  }
  switch (input.family) {
    case 'antminer':
      return {
        pushOnly: false,
        actions: all(
          no(
            'write_refused',
            'Stock Antminer firmware refuses API writes (Code 45); it is controlled through its web UI',
          ),
        ),
      };
    case 'whatsminer':
      return {
        pushOnly: false,
        actions: all(
          no(
            'api_key_required',
            'Whatsminer writes need the API enabled in WhatsMinerTool and the admin-password token',
          ),
        ),
      };
    case 'braiins':
      return {
        pushOnly: false,
        actions: {
          reboot: yes('cgminer restart'),
          pause: yes('cgminer pause'),
          resume: yes('cgminer resume'),
          switchPool: no(
            'not_supported',
            'Braiins cgminer pool commands are not persistent and do not activate pools',
          ),
          setPowerTarget: no(
            'not_supported',
            'Braiins power targets need its gRPC API, which this collector does not speak yet',
          ),
        },
      };
    case 'luxos':
      return {
        pushOnly: false,
        actions: {
          reboot: yes('LuxOS session + rebootdevice'),
          pause: yes('LuxOS session + curtail sleep'),
          resume: yes('LuxOS session + curtail wakeup'),
          switchPool: yes('LuxOS session + switchpool'),
          setPowerTarget: yes('LuxOS session + profileset <W>W'),
        },
      };
    case 'avalon':
      return {
        pushOnly: false,
        actions: {
          reboot: yes('cgminer restart'),
          pause: yes('ascset softoff'),
          resume: yes('ascset softon'),
          switchPool: yes('cgminer switchpool'),
          setPowerTarget: no(
            'not_supported',
            'Avalon firmware sets work levels, not a power target in watts',
          ),
        },
      };
    default:
      return {
        pushOnly: false,
        actions: {
          reboot: yes('cgminer restart'),
          pause: no('not_supported', 'plain cgminer has no pause command'),
          resume: no('not_supported', 'plain cgminer has no resume command'),
          switchPool: yes('cgminer switchpool'),
          setPowerTarget: no('not_supported', 'plain cgminer has no power target'),
        },
      };
  }
}

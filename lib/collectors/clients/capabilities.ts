import type { CgFamily } from '../protocols/firmware';

export const ACTIONS = ['reboot', 'pause', 'resume', 'switchPool', 'setPowerTarget'] as const;
export type ActionName = (typeof ACTIONS)[number];

export type Capability =
  | { supported: true; via: string }
  | {
      supported: false;
      reason:
        | 'push_only'
        | 'read_only'
        | 'write_refused'
        | 'api_key_required'
        | 'credentials_required'
        | 'not_supported';
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
  /** Device credentials are stored (Whatsminer admin password, Braiins login). */
  hasCredentials?: boolean;
  /** Model name, for push-only devices (NerdMiner says why it is push-only). */
  model?: string;
};

export const WHATSMINER_NO_PASSWORD =
  'Whatsminer writes need the admin password (set the device credentials) and API writes enabled in WhatsMinerTool';
export const BRAIINS_NO_LOGIN =
  'Braiins power targets go through its gRPC API (port 50051), which needs the miner login: set the device credentials';
export const NERDMINER_PUSH_ONLY =
  'NerdMiner has no local API (its firmware serves no telemetry or control routes): push-only. Its samples arrive through the ingest API; Switchyard cannot control it';

/** NerdMiner firmware serves no API at all (reference §2.5); known by its model name. */
export function isNerdMiner(model: string | null | undefined): boolean {
  return /nerd\s*miner/i.test(model ?? '');
}

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
      actions: all(
        no(
          'push_only',
          isNerdMiner(input.model)
            ? NERDMINER_PUSH_ONLY
            : 'Push-only device (e.g. NerdMiner): no local API to poll or control',
        ),
      ),
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
      // API v2 writes (§1.7.1): token from the admin password, AES-encrypted commands.
      if (!input.hasCredentials)
        return { pushOnly: false, actions: all(no('api_key_required', WHATSMINER_NO_PASSWORD)) };
      return {
        pushOnly: false,
        actions: {
          reboot: yes('Whatsminer API v2 restart_btminer (encrypted)'),
          pause: yes('Whatsminer API v2 power_off (encrypted)'),
          resume: yes('Whatsminer API v2 power_on (encrypted)'),
          switchPool: yes('Whatsminer API v2 update_pools (encrypted)'),
          setPowerTarget: yes('Whatsminer API v2 adjust_power_limit (encrypted)'),
        },
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
          setPowerTarget: input.hasCredentials
            ? yes('gRPC PerformanceService/SetPowerTarget (port 50051)')
            : no('credentials_required', BRAIINS_NO_LOGIN),
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
          setPowerTarget: yes('ascset 0,worklevel,set,N: the nearest of 3 work levels, not exact watts'),
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

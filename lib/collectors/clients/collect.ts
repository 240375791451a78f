import { type AxeosSession, pollAxeos } from './axeos';
import { type CgSession, pollCgminer } from './cgminer';
import { pollDcgm } from './dcgm';
import type { CollectResult } from './types';

export type PolledProtocol = 'cgminer' | 'axeos' | 'dcgm';
export type PollTarget = { id: number; protocol: PolledProtocol; host: string; port: number };
/** What a poller remembers of a device between polls (detected firmware), for one endpoint. */
export type DeviceSession = { endpoint?: string; cgminer?: CgSession; axeos?: AxeosSession };

/** One poll of one device by its endpoint protocol, within `timeoutMs` for all its requests. */
export function collectDevice(
  target: PollTarget,
  session: DeviceSession,
  timeoutMs: number,
  now: number,
): Promise<CollectResult> {
  const deadline = performance.now() + timeoutMs;
  const ep = { host: target.host, port: target.port };
  switch (target.protocol) {
    case 'cgminer':
      session.cgminer ??= {};
      return pollCgminer(ep, session.cgminer, deadline, now);
    case 'axeos':
      session.axeos ??= {};
      return pollAxeos(ep, session.axeos, deadline, now);
    case 'dcgm':
      return pollDcgm(ep, deadline, now);
  }
}

import type { CgReply } from './cgminer-envelope';

export type CgFamily = 'antminer' | 'braiins' | 'luxos' | 'avalon' | 'whatsminer' | 'cgminer';

export type FirmwareInfo = { family: CgFamily; model?: string; firmware?: string; api?: string };

const s = (v: unknown) => (typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : undefined);

/**
 * Identifies the firmware from a `version` reply (or any reply's Description), in the order pyasic
 * uses (reference §5.1): vendor markers first, stock bmminer last, plain cgminer when nothing matches.
 */
export function detectFirmware(reply: CgReply): FirmwareInfo {
  const v = reply.sections.VERSION?.[0] ?? {};
  const haystack = `${reply.status.description} ${JSON.stringify(v)}`.toUpperCase();
  const api = s(v.API);
  const model = s(v.Type)?.split('\n')[0] ?? s(v.PROD) ?? s(v.MODEL);
  if (haystack.includes('BOSMINER') || haystack.includes('BOSER'))
    return {
      family: 'braiins',
      model,
      firmware: s(v['BOSminer+']) ?? s(v.BOSer) ?? reply.status.description,
      api,
    };
  if (haystack.includes('LUXMINER')) return { family: 'luxos', model, firmware: s(v.LUXminer), api };
  if (haystack.includes('BTMINER') || haystack.includes('WHATSMINER') || haystack.includes('BITMICRO'))
    return { family: 'whatsminer', model, firmware: reply.status.description, api };
  if (haystack.includes('AVALON') || v.PROD !== undefined)
    return { family: 'avalon', model, firmware: s(v.VERSION), api };
  if (haystack.includes('BMMINER') || haystack.includes('ANTMINER'))
    return { family: 'antminer', model, firmware: s(v.CompileTime) ?? s(v.Miner), api };
  return { family: 'cgminer', model, firmware: s(v.CGMiner) ?? reply.status.description, api };
}

/**
 * Commands each family needs for one reading. Whatsminer's `summary` already carries power,
 * temperatures and fans; Braiins and LuxOS add their own power/temperature commands.
 */
export const READ_COMMANDS: Record<CgFamily, string[]> = {
  antminer: ['summary', 'pools', 'stats'],
  braiins: ['summary', 'pools', 'temps', 'fans', 'tunerstatus'],
  luxos: ['summary', 'pools', 'stats', 'power'],
  avalon: ['summary', 'pools', 'estats'],
  whatsminer: ['summary', 'pools'],
  cgminer: ['summary', 'pools', 'devs'],
};

/**
 * Whether to try `a+b` first. Stock S19-class Antminers do not reliably support it and Whatsminer
 * v2 cannot combine its commands (reference §1.4), so they go one connection per command.
 */
export const TRY_MULTI: Record<CgFamily, boolean> = {
  antminer: false,
  braiins: true,
  luxos: true,
  avalon: true,
  whatsminer: false,
  cgminer: true,
};

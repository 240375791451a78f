// What a discovered endpoint says about itself, from the replies the collectors' parsers already
// understand. Pure: parsed replies in, an Identity out.
import type { AxeosAsic, AxeosInfo } from '../collectors/protocols/axeos';
import type { CgReply, Row } from '../collectors/protocols/cgminer-envelope';
import type { DcgmReading } from '../collectors/protocols/dcgm';
import { type CgFamily, detectFirmware } from '../collectors/protocols/firmware';
import type { Identity } from './types';

const str = (v: unknown): string | null => {
  const s = typeof v === 'string' ? v.trim() : typeof v === 'number' ? String(v) : '';
  return s === '' ? null : s;
};

/** `aa:bb:cc:dd:ee:ff`, `AA-BB-…` or Avalon's bare `0a1b2c3d4e5f` → `AA:BB:CC:DD:EE:FF`; else null. */
export function normaliseMac(value: unknown): string | null {
  const s = str(value);
  if (!s) return null;
  const hex = s.replace(/[:-]/g, '');
  if (!/^[0-9A-Fa-f]{12}$/.test(hex) || (s.length !== 12 && s.length !== 17)) return null;
  // An all-zero or broadcast MAC is a placeholder, not an identity.
  if (/^0{12}$|^[fF]{12}$/.test(hex)) return null;
  return hex.toUpperCase().match(/../g)!.join(':');
}

const VENDOR: Record<CgFamily, string | null> = {
  antminer: 'Bitmain',
  braiins: null,
  luxos: null,
  avalon: 'Canaan',
  whatsminer: 'MicroBT',
  cgminer: null,
};

/** Braiins and LuxOS run on other vendors' hardware: the model string says whose. */
function vendorFromModel(model: string | null): string | null {
  if (!model) return null;
  if (/antminer/i.test(model)) return 'Bitmain';
  if (/whatsminer|^M\d{2}/i.test(model)) return 'MicroBT';
  if (/avalon/i.test(model)) return 'Canaan';
  return null;
}

const FIRMWARE_NAME: Record<CgFamily, string> = {
  antminer: 'bmminer',
  braiins: 'Braiins OS',
  luxos: 'LuxOS',
  avalon: 'Avalon cgminer',
  whatsminer: 'btminer',
  cgminer: 'cgminer',
};

function firstRow(reply: CgReply | undefined, section: string): Row {
  return reply?.sections[section]?.[0] ?? {};
}

/**
 * cgminer family: `version` gives family, model and firmware (Avalon adds `MAC` and `DNA`);
 * Whatsminer's `summary` carries `MAC` and its firmware (§1.5); bmminer's `stats` repeats the
 * model in its header row and has a `miner_id` (E1.3).
 */
export function identifyCgminer(replies: {
  version?: CgReply;
  summary?: CgReply;
  stats?: CgReply;
}): Identity {
  const base = replies.version ?? replies.summary;
  const fw = base ? detectFirmware(base) : { family: 'cgminer' as const };
  const version = firstRow(replies.version, 'VERSION');
  const summary = firstRow(replies.summary, 'SUMMARY');
  const statsRows = replies.stats?.sections.STATS ?? [];
  const statsHeader = statsRows[0] ?? {};
  const statsData = statsRows.find((r) => r.ID !== undefined || r.STATS !== undefined) ?? {};
  let model = str(fw.model) ?? str(statsHeader.Type)?.split('\n')[0] ?? null;
  if (model && fw.family === 'avalon' && !/avalon/i.test(model)) model = `Avalon ${model}`;
  const version_ = fw.family === 'whatsminer' ? str(summary['Firmware Version'])?.replace(/'/g, '') : null;
  const firmwareVersion = version_ ?? str(fw.firmware);
  return {
    vendor: VENDOR[fw.family] ?? vendorFromModel(model),
    model,
    firmware: firmwareVersion ? `${FIRMWARE_NAME[fw.family]} ${firmwareVersion}` : FIRMWARE_NAME[fw.family],
    mac: normaliseMac(version.MAC) ?? normaliseMac(summary.MAC),
    serial: str(version.DNA) ?? str(statsData.miner_id),
    hostname: null,
  };
}

/** AxeOS ASIC → board (ESP-Miner `device_config.h`): the chip names the Bitaxe generation. */
const BITAXE_BY_ASIC: Record<string, string> = {
  BM1397: 'Bitaxe Max',
  BM1366: 'Bitaxe Ultra',
  BM1368: 'Bitaxe Supra',
  BM1370: 'Bitaxe Gamma',
};

/**
 * AxeOS: `/api/system/info` has `macAddr`, `ASICModel`, `version`/`axeOSVersion`, `hostname`;
 * `/api/system/asic` (v2.7+) names the board (`deviceModel`: "Gamma", or a fork's own name).
 * NerdAxe/NerdQAxe run ESP-Miner forks (§2.5): their board name or hostname says so.
 */
export function identifyAxeos(info: AxeosInfo, asic?: AxeosAsic): Identity {
  const board = str(asic?.deviceModel);
  const nerd = /nerd/i.test(`${board ?? ''} ${info.hostname ?? ''}`);
  let model: string | null;
  if (board && nerd) model = board;
  else if (board) model = /^bitaxe/i.test(board) ? board : `Bitaxe ${board}`;
  else model = (info.asicModel && BITAXE_BY_ASIC[info.asicModel]) ?? null;
  return {
    vendor: nerd ? 'NerdAxe' : 'Bitaxe',
    model: model ?? (info.asicModel ? `AxeOS ${info.asicModel}` : null),
    firmware: info.firmware ? `AxeOS ${info.firmware}` : null,
    mac: normaliseMac(info.macAddress),
    serial: null,
    hostname: info.hostname ?? null,
  };
}

/** dcgm-exporter: the GPUs' `modelName` label and their count; no MAC or serial of the node. */
export function identifyDcgm(reading: DcgmReading): Identity {
  const names = [...new Set(reading.gpus.map((g) => g.modelName).filter((n): n is string => Boolean(n)))];
  const count = reading.gpus.length;
  return {
    vendor: 'NVIDIA',
    model: names.length ? `${count}× ${names.join(' / ')}` : count ? `${count} GPUs` : null,
    firmware: 'dcgm-exporter',
    mac: null,
    serial: reading.gpus[0]?.uuid ?? null,
    hostname: null,
  };
}

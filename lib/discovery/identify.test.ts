// Identification from the reference payloads (protocols.md §1.9 E1.1/E1.3/E1.8, §2.7 E2.1–E2.5, §4.7).
import { describe, expect, it } from 'vitest';
import { parseAxeosAsic, parseAxeosInfo } from '../collectors/protocols/axeos';
import { type CgReply, parseCgminerReply } from '../collectors/protocols/cgminer-envelope';
import { parseDcgmMetrics } from '../collectors/protocols/dcgm';
import { fixture } from '../collectors/protocols/fixtures';
import { identifyAxeos, identifyCgminer, identifyDcgm, normaliseMac } from './identify';
import { suggestModelId } from './match';

const cg = (name: string, command: string): CgReply => {
  const r = parseCgminerReply(fixture(name), command);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};
const axeos = (name: string) => {
  const r = parseAxeosInfo(fixture(name), 0);
  if (!r.ok) throw new Error(r.error.message);
  return r.value;
};

describe('normaliseMac', () => {
  it.each([
    ['0a1b2c3d4e5f', '0A:1B:2C:3D:4E:5F'],
    ['d8:3b:da:00:00:01', 'D8:3B:DA:00:00:01'],
    ['C6-06-12-00-AA-01', 'C6:06:12:00:AA:01'],
    ['00:00:00:00:00:00', null],
    ['FF:FF:FF:FF:FF:FF', null],
    ['D8:3B:DA:00:00', null],
    ['0a1b2c3d4e5', null],
    ['zz:3b:da:00:00:01', null],
    [42, null],
    [undefined, null],
  ])('%s → %s', (input, expected) => {
    expect(normaliseMac(input)).toBe(expected);
  });
});

describe('identifyCgminer', () => {
  it('Avalon version (E1.1): vendor, model, firmware, MAC without separators, DNA as serial', () => {
    expect(identifyCgminer({ version: cg('cgminer/avalon-a1566-version.json', 'version') })).toEqual({
      vendor: 'Canaan',
      model: 'AvalonMiner 15-194',
      firmware: 'Avalon cgminer 24102401_25462b2_9ddf522',
      mac: '0A:1B:2C:3D:4E:5F',
      serial: '0201000011223344',
      hostname: null,
    });
  });

  it('stock Antminer stats (E1.3): model from the header row, miner_id as serial', () => {
    const id = identifyCgminer({
      version: {
        status: { severity: 'S', msg: 'BMMiner versions', description: 'bmminer 1.0.0' },
        sections: {
          VERSION: [
            {
              BMMiner: '1.0.0',
              API: '3.1',
              Miner: '49.0.1.3',
              CompileTime: 'Wed Oct 21 10:18:10 CST 2020',
              Type: 'Antminer S19 Pro',
            },
          ],
        },
      },
      stats: cg('cgminer/antminer-s19pro-stats-cold.json', 'stats'),
    });
    expect(id).toMatchObject({
      vendor: 'Bitmain',
      model: 'Antminer S19 Pro',
      firmware: 'bmminer Wed Oct 21 10:18:10 CST 2020',
      mac: null,
      serial: '80603a0c2b10aa1c',
    });
  });

  it('Whatsminer summary (E1.8): no version reply, MAC and firmware from summary', () => {
    const id = identifyCgminer({ summary: cg('whatsminer/v2-summary-m30s.json', 'summary') });
    expect(id).toMatchObject({
      vendor: 'MicroBT',
      firmware: 'btminer 20201202.22.REL',
      mac: 'C6:06:12:00:AA:01',
    });
  });

  it('Braiins summary: firmware named, vendor unknown without a model', () => {
    const id = identifyCgminer({ summary: cg('braiins/cgminer-summary.json', 'summary') });
    expect(id.firmware).toMatch(/^Braiins OS /);
    expect(id.vendor).toBeNull();
  });
});

describe('identifyAxeos', () => {
  it('v2.4.5 Supra (E2.1): model from the ASIC, MAC, hostname', () => {
    expect(identifyAxeos(axeos('axeos/info-v2.4.5.json'))).toEqual({
      vendor: 'Bitaxe',
      model: 'Bitaxe Supra',
      firmware: 'AxeOS v2.4.5-3-gb5d1e36-dirty',
      mac: 'AA:BB:CC:DD:EE:FF',
      serial: null,
      hostname: 'bitaxe',
    });
  });

  it('v2.15 Gamma (E2.3) with /api/system/asic (E2.5)', () => {
    const asic = parseAxeosAsic(fixture('axeos/asic.json'));
    if (!asic.ok) throw new Error('asic');
    expect(identifyAxeos(axeos('axeos/info-v2.15.json'), asic.value)).toMatchObject({
      vendor: 'Bitaxe',
      model: 'Bitaxe Gamma',
      firmware: 'AxeOS v2.15.0',
      mac: 'D8:3B:DA:00:00:01',
      hostname: 'bitaxe-01',
    });
  });

  it('a NerdQAxe fork names its board', () => {
    const info = { ...axeos('axeos/info-v2.10.json'), hostname: 'nerdqaxe-3' };
    expect(
      identifyAxeos(info, { deviceModel: 'NerdQAxe++', frequencyOptionsMhz: [], voltageOptionsMv: [] }),
    ).toMatchObject({
      vendor: 'NerdAxe',
      model: 'NerdQAxe++',
    });
  });
});

describe('identifyDcgm', () => {
  it('names the GPUs and their count (§4.7)', () => {
    const r = parseDcgmMetrics(fixture('dcgm/rtx3090x2.prom'), 0);
    if (!r.ok) throw new Error('dcgm');
    expect(identifyDcgm(r.value)).toMatchObject({ vendor: 'NVIDIA', model: '2× NVIDIA GeForce RTX 3090' });
  });
});

describe('suggestModelId', () => {
  const catalogue = [
    { id: 1, vendor: 'Bitaxe', model: 'Bitaxe Gamma' },
    { id: 2, vendor: 'Bitmain', model: 'Antminer S19j Pro' },
    { id: 3, vendor: 'NerdAxe', model: 'NerdQAxe++' },
    { id: 4, vendor: 'Bitmain', model: 'Antminer S21' },
  ];
  const id = (vendor: string | null, model: string | null) =>
    suggestModelId({ vendor, model, firmware: null, mac: null, serial: null, hostname: null }, catalogue);
  it.each([
    ['Bitaxe', 'Bitaxe Gamma', 1],
    ['Bitmain', 'antminer s19j-pro', 2],
    ['NerdAxe', 'NerdQAxe++', 3],
    ['Bitmain', 'Antminer S21', 4],
    // No guessing: an S21+ or S19 Pro is not an S21 or S19j Pro.
    ['Bitmain', 'Antminer S21+', null],
    ['Bitmain', 'Antminer S19 Pro', null],
    [null, null, null],
  ])('%s %s → %s', (vendor, model, expected) => {
    expect(id(vendor, model)).toBe(expected);
  });
});

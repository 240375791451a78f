import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseCgminerReply, parseMultiReply } from './cgminer-envelope';
import { cgminerReading } from './cgminer-reading';
import { parseAvalonMm } from './cgminer-stats';
import { detectFirmware } from './firmware';
import { fixture } from './fixtures';

const NOW = Date.UTC(2026, 10, 21, 10, 0, 0);

function reply(name: string, command: string) {
  const r = parseCgminerReply(`${fixture(name)}\0`, command);
  if (!r.ok) throw new Error(`${name}: ${r.error.message}`);
  return r;
}

describe('cgminer replies → readings', () => {
  it('Antminer S9 summary: GHS 5s as a string, GH/s → TH/s (E1.2, C11)', () => {
    const r = cgminerReading(
      'antminer',
      { summary: reply('cgminer/antminer-s9-summary.json', 'summary').value },
      NOW,
    );
    expect(r.ok && r.value.reading).toMatchObject({
      ts: NOW,
      hashrateThs: 13.903729,
      acceptedShares: 5077,
      rejectedShares: 9,
      hwErrors: 390,
      status: 'ok',
    });
  });

  it('S19 Pro cold stats: negative dash-joined temps, empty slots ignored (E1.3, C13)', () => {
    const stats = reply('cgminer/antminer-s19pro-stats-cold.json', 'stats');
    const summary = reply('cgminer/antminer-s9-summary.json', 'summary');
    const r = cgminerReading('antminer', { summary: summary.value, stats: stats.value }, NOW);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.reading.chipTempC).toBe(27);
    expect(r.value.reading.boardTempC).toBe(22);
    expect(r.value.reading.fanRpm).toBe(5250);
  });

  it('S9 stats with `}{` is repaired and read from slots 6–8 (E1.4, C1, C14, C15)', () => {
    const stats = reply('cgminer/antminer-s9-stats-missing-comma.raw', 'stats');
    expect(stats.flags).toContain('missing_comma');
    const summary = reply('cgminer/antminer-s9-summary.json', 'summary');
    const r = cgminerReading('antminer', { summary: summary.value, stats: stats.value }, NOW);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.reading).toMatchObject({ chipTempC: 62, boardTempC: 75, fanRpm: 3060 });
    expect(detectFirmware(stats.value).family).toBe('antminer');
  });

  it('S19 pools: "Deed" is dead, string share times, active pool by Stratum Active (E1.7, C17)', () => {
    const pools = reply('cgminer/antminer-s19-pools-quirks.json', 'pools');
    const summary = reply('cgminer/antminer-s9-summary.json', 'summary');
    const r = cgminerReading('antminer', { summary: summary.value, pools: pools.value }, NOW);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.reading.poolUrl).toBe('stratum+tcp://btc.pool-a.example:700');
    expect(r.value.pools.map((p) => p.alive)).toEqual([true, true, false]);
  });

  it('multi-command summary+pools splits into per-command replies (E1.5)', () => {
    const multi = parseMultiReply(`${fixture('cgminer/multi-summary-pools.json')}\0`, ['summary', 'pools']);
    if (!multi.ok) throw new Error(multi.error.message);
    const s = multi.value.summary!;
    const p = multi.value.pools!;
    if (!s.ok || !p.ok) throw new Error('sections');
    const r = cgminerReading('cgminer', { summary: s.value, pools: p.value }, NOW);
    expect(r.ok && r.value.reading).toMatchObject({
      hashrateThs: 14.010235,
      poolUrl: 'stratum+tcp://pool.example.com:3333',
    });
  });

  it('a single error reply to a multi-command means "+" is not supported', () => {
    const multi = parseMultiReply(fixture('cgminer/error-invalid-command.json'), ['summary', 'pools']);
    expect(multi.ok).toBe(false);
  });

  it('Whatsminer M30S++ summary: power, board/chip/env temps, a failed fan (E1.8, C9)', () => {
    const s = reply('whatsminer/v2-summary-m30s.json', 'summary');
    const r = cgminerReading('whatsminer', { summary: s.value }, NOW);
    expect(r.ok && r.value.reading).toMatchObject({
      hashrateThs: 92.768289,
      powerW: 3553,
      boardTempC: 72,
      chipTempC: 93,
      inletTempC: 7,
      fanRpm: 2850,
    });
    expect(r.ok && r.value.powerLimitW).toBe(3600);
    expect(detectFirmware(s.value).family).toBe('whatsminer');
  });

  it('Braiins summary + temps + fans + tunerstatus (E1.11)', () => {
    const r = cgminerReading(
      'braiins',
      {
        summary: reply('braiins/cgminer-summary.json', 'summary').value,
        temps: reply('braiins/cgminer-temps.json', 'temps').value,
        fans: reply('braiins/cgminer-fans.json', 'fans').value,
        tunerstatus: reply('braiins/cgminer-tunerstatus.json', 'tunerstatus').value,
      },
      NOW,
    );
    expect(r.ok && r.value.reading).toMatchObject({
      hashrateThs: 15.740916,
      chipTempC: 108.938,
      boardTempC: 85.875,
      fanRpm: 4980,
      powerW: 1419,
    });
    expect(r.ok && r.value.powerLimitW).toBe(1420);
  });

  it('LuxOS power and board temps (E1.12)', () => {
    const r = cgminerReading(
      'luxos',
      {
        summary: reply('cgminer/antminer-s9-summary.json', 'summary').value,
        power: reply('luxos/power.json', 'power').value,
        temps: reply('luxos/temps.json', 'temps').value,
      },
      NOW,
    );
    expect(r.ok && r.value.reading).toMatchObject({ powerW: 1051, boardTempC: 47 });
  });

  it('Avalon A1566: MHS 30s key, −273 devs temperature unusable (E1.1, C14, C16)', () => {
    const devs = reply('cgminer/avalon-a1566-devs.json', 'devs');
    const version = reply('cgminer/avalon-a1566-version.json', 'version');
    expect(detectFirmware(version.value)).toMatchObject({ family: 'avalon', model: 'AvalonMiner 15-194' });
    const summary = { status: devs.value.status, sections: { SUMMARY: devs.value.sections.DEVS! } };
    const r = cgminerReading('avalon', { summary, devs: devs.value }, NOW);
    if (!r.ok) throw new Error(r.error.message);
    expect(r.value.reading.hashrateThs).toBe(197.497926);
    expect(r.value.reading.chipTempC).toBeUndefined();
  });

  it('Avalon Q estats idle: MM ID0:Summary string parsed, idle status (E1.13, C23)', () => {
    const estats = reply('avalon/q-estats-idle.json', 'estats');
    const summary = {
      status: estats.value.status,
      sections: { SUMMARY: [{ 'MHS 5s': 0, 'MHS av': 44350830, Accepted: 10 }] },
    };
    const r = cgminerReading('avalon', { summary, estats: estats.value }, NOW);
    expect(r.ok && r.value.reading).toMatchObject({
      status: 'idle',
      inletTempC: 26,
      boardTempC: 27,
      hashrateThs: 0,
    });
    expect(r.ok && r.value.powerLimitW).toBe(800);
  });

  it('parses Avalon keys with spaces and bracket lists', () => {
    expect(
      parseAvalonMm(
        "'STATS':{Ver[Q-1] SYSTEMSTATU[Work: In Idle, Hash Board: 1] PS[0 1221 4] Nonce Mask[25]}",
      ),
    ).toEqual({
      Ver: 'Q-1',
      SYSTEMSTATU: 'Work: In Idle, Hash Board: 1',
      PS: '0 1221 4',
      'Nonce Mask': '25',
    });
  });

  it('text-mode reply (old firmware)', () => {
    const r = reply('cgminer/text-summary.txt', 'summary');
    expect(r.flags).toContain('text_mode');
    const reading = cgminerReading('cgminer', { summary: r.value }, NOW);
    expect(reading.ok && reading.value.reading).toMatchObject({
      hashrateThs: 14.010235,
      acceptedShares: 830,
    });
  });

  it.each([
    ['cgminer/error-access-denied.json', 'access_denied', 45],
    ['cgminer/error-invalid-command.json', 'device_error', 14],
  ])('%s → %s', (name, kind, code) => {
    const r = parseCgminerReply(fixture(name), 'config');
    expect(r.ok ? null : r.error).toMatchObject({ kind, code });
  });

  it.each([
    ['cgminer/action-restart.json', 'RESTART'],
    ['cgminer/action-switchpool.json', 'S'],
    ['avalon/ascset-softoff.json', 'I'],
    ['luxos/curtail.json', 'S'],
    ['whatsminer/v2-get_version.json', 'S'],
    ['whatsminer/v2-error_code-objects.json', 'S'],
    ['whatsminer/v2-error_code-invalid.raw', 'S'],
  ])('%s is an OK reply with status %s (C8, C18)', (name, severity) => {
    const r = parseCgminerReply(fixture(name), 'x');
    expect(r.ok && r.value.status.severity).toBe(severity);
  });

  it('Whatsminer permission denial is an API-key requirement, not a generic error', () => {
    const r = parseCgminerReply(
      '{"STATUS":"E","When":1,"Code":45,"Msg":"permission denied","Description":"whatsminer v1.1"}',
      'summary',
    );
    expect(r.ok ? null : r.error.kind).toBe('api_key_required');
  });

  it.each([
    ['', 'empty'],
    ['\0', 'empty'],
    ['Socket connect failed: Connection refused\n', 'miner_down'],
    ['<html><body>401</body></html>', 'html'],
    ['hello', 'not_json'],
    ['{"STAT', 'truncated'],
  ])('%j → %s (C19, C20)', (input, kind) => {
    const r = parseCgminerReply(input, 'summary');
    expect(r.ok ? null : r.error.kind).toBe(kind);
  });

  it('a reply cut short keeps its complete part and is flagged (C7)', () => {
    const r = parseCgminerReply(
      '{"STATUS":[{"STATUS":"S","Code":11}],"SUMMARY":[{"MHS 5s":1000000,"Accepted":4',
      'summary',
    );
    expect(r.ok && r.flags).toContain('truncated');
    expect(r.ok && r.value.sections.SUMMARY).toEqual([{ 'MHS 5s': 1000000 }]);
  });

  it('a reply marked "id":0 is flagged truncated', () => {
    const r = parseCgminerReply(
      '{"STATUS":[{"STATUS":"S","Code":11}],"SUMMARY":[{"MHS 5s":1}],"id":0}',
      'summary',
    );
    expect(r.ok && r.flags).toContain('truncated');
  });
});

describe('cgminer parser boundary', () => {
  const all = [
    'cgminer/antminer-s9-summary.json',
    'cgminer/antminer-s19pro-stats-cold.json',
    'cgminer/antminer-s9-stats-missing-comma.raw',
    'cgminer/multi-summary-pools.json',
    'whatsminer/v2-summary-m30s.json',
    'avalon/q-estats-idle.json',
  ].map((n) => `${fixture(n)}\0`);

  it('never throws on a reply truncated at any offset', () => {
    for (const text of all) {
      for (let cut = 0; cut <= text.length; cut++) {
        const r = parseCgminerReply(text.slice(0, cut), 'summary');
        if (r.ok) cgminerReading('antminer', { summary: r.value, stats: r.value }, NOW);
        parseMultiReply(text.slice(0, cut), ['summary', 'pools']);
      }
    }
  }, 30_000);

  it('never throws on random bytes', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), (bytes) => {
        const r = parseCgminerReply(bytes, 'summary');
        expect(typeof r.ok).toBe('boolean');
        if (r.ok) expect(cgminerReading('antminer', { summary: r.value }, NOW).ok).toBeTypeOf('boolean');
      }),
      { numRuns: 3000 },
    );
  });

  it('never throws on random JSON-ish documents', () => {
    const leaf = fc.oneof(fc.double(), fc.string(), fc.constantFrom('nan', '"  5.0000"', '-1', '""'));
    fc.assert(
      fc.property(
        fc.dictionary(
          fc.constantFrom('MHS 5s', 'GHS 5s', 'Temperature', 'fan1', 'temp_pcb1', 'URL', 'MM ID0'),
          leaf,
        ),
        (row) => {
          const text = JSON.stringify({
            STATUS: [{ STATUS: 'S' }],
            SUMMARY: [row],
            STATS: [row],
            POOLS: [row],
          });
          const r = parseCgminerReply(text, 'summary');
          if (r.ok)
            for (const f of ['antminer', 'avalon', 'braiins'] as const)
              cgminerReading(f, { summary: r.value, stats: r.value, pools: r.value }, NOW);
        },
      ),
      { numRuns: 1000 },
    );
  });
});

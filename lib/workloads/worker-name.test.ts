import { describe, expect, it } from 'vitest';
import { checkWorkerTemplate, renderWorkerName, type WorkerContext } from './worker-name';

const device: WorkerContext = {
  site: 'Austin TX',
  rack: 'R07',
  slotRow: 2,
  slotColumn: 14,
  serial: 'SN-0042/A',
  name: 'S21 #42',
};

describe('worker templates', () => {
  it.each([
    ['acme.{site}-{rack}-{slot}', 'acme.austin-tx-r07-2x14'],
    ['acme.{serial}', 'acme.sn-0042-a'],
    ['{name}', 's21-42'],
    ['plain_worker.1', 'plain_worker.1'],
  ])('%s renders %s', (template, expected) => {
    expect(checkWorkerTemplate(template)).toEqual({ ok: true });
    expect(renderWorkerName(template, device)).toBe(expected);
  });

  it('renders a device without rack or slot as "none"', () => {
    expect(
      renderWorkerName('x.{rack}.{slot}', { ...device, rack: null, slotRow: null, slotColumn: null }),
    ).toBe('x.none.none');
  });

  it.each([
    ['acme.{room}', /unknown placeholder \{room\}/],
    ['acme.{site}.{Rack}', /\{Rack\}/],
    ['acme.{}', /unknown placeholder \{\}/],
    ['acme.{site', /unbalanced/],
    ['acme site', /only letters/],
    ['', /empty/],
    ['x'.repeat(200), /longer/],
  ])('refuses %s', (template, reason) => {
    const check = checkWorkerTemplate(template);
    expect(check.ok).toBe(false);
    if (!check.ok) expect(check.reason).toMatch(reason);
  });
});

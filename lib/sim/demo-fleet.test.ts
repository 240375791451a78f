import { describe, expect, it } from 'vitest';
import { findDeviceModel } from '../inventory/catalogue';
import { buildDemoFleet, type TouBand } from './demo-fleet';

const SEEDS = [42, 1, 20260521];
const fleet = buildDemoFleet(42);

function duplicates(values: string[]) {
  const seen = new Set<string>();
  const dup: string[] = [];
  for (const v of values) {
    if (seen.has(v)) dup.push(v);
    seen.add(v);
  }
  return dup;
}

function nameplateKwByClass(siteKey: string) {
  const out = { asic: 0, micro: 0, gpu: 0, total: 0 };
  for (const d of fleet.devices.filter((x) => x.siteKey === siteKey)) {
    const spec = findDeviceModel(d.modelKey)!;
    out[spec.class] += spec.nominalPowerW / 1000;
    out.total += spec.nominalPowerW / 1000;
  }
  return out;
}

describe('buildDemoFleet', () => {
  it.each(SEEDS)('is deterministic for seed %d', (seed) => {
    expect(buildDemoFleet(seed)).toEqual(buildDemoFleet(seed));
  });

  it('differs between seeds', () => {
    expect(buildDemoFleet(1).devices.map((d) => d.serial)).not.toEqual(
      buildDemoFleet(2).devices.map((d) => d.serial),
    );
  });

  it.each(SEEDS)('has ≥ 3 sites and ≥ 1,000 devices of every class for seed %d', (seed) => {
    const f = buildDemoFleet(seed);
    expect(f.sites.length).toBeGreaterThanOrEqual(3);
    expect(f.devices.length).toBeGreaterThanOrEqual(1000);
    const classes = new Set(f.devices.map((d) => findDeviceModel(d.modelKey)?.class));
    expect(classes).toEqual(new Set(['asic', 'micro', 'gpu']));
  });

  it.each(SEEDS)('keeps serials, MACs, slots and per-site hosts unique for seed %d', (seed) => {
    const f = buildDemoFleet(seed);
    expect(duplicates(f.devices.map((d) => d.serial))).toEqual([]);
    expect(duplicates(f.devices.map((d) => d.macAddress))).toEqual([]);
    expect(duplicates(f.devices.map((d) => `${d.rackKey}/${d.slotRow}/${d.slotColumn}`))).toEqual([]);
    expect(duplicates(f.devices.filter((d) => d.host).map((d) => `${d.siteKey}/${d.host}`))).toEqual([]);
    expect(duplicates(f.devices.map((d) => `${d.siteKey}/${d.name}`))).toEqual([]);
    expect(duplicates(f.racks.map((r) => r.key))).toEqual([]);
  });

  it('links every device to an existing model, site, rack slot and tenant', () => {
    const sites = new Set(fleet.sites.map((s) => s.key));
    const racks = new Map(fleet.racks.map((r) => [r.key, r]));
    const tenants = new Set(fleet.tenants.map((t) => t.key));
    for (const d of fleet.devices) {
      expect(findDeviceModel(d.modelKey), d.modelKey).toBeDefined();
      expect(sites.has(d.siteKey)).toBe(true);
      const rack = racks.get(d.rackKey)!;
      expect(rack.siteKey).toBe(d.siteKey);
      expect(d.slotRow).toBeGreaterThanOrEqual(1);
      expect(d.slotRow).toBeLessThanOrEqual(rack.rows);
      expect(d.slotColumn).toBeGreaterThanOrEqual(1);
      expect(d.slotColumn).toBeLessThanOrEqual(rack.columns);
      if (d.tenantKey) expect(tenants.has(d.tenantKey)).toBe(true);
    }
    expect(fleet.devices.some((d) => d.tenantKey === 'northwind')).toBe(true);
  });

  it('gives each device class its protocol, port and a plausible MAC', () => {
    const expected = { asic: ['cgminer', 4028], gpu: ['dcgm', 9400] } as const;
    for (const d of fleet.devices) {
      const spec = findDeviceModel(d.modelKey)!;
      expect(d.macAddress).toMatch(/^([0-9A-F]{2}:){5}[0-9A-F]{2}$/);
      if (spec.class === 'micro') {
        const push = spec.model === 'NerdMiner v2';
        expect([d.protocol, d.port]).toEqual(push ? ['push', null] : ['axeos', 80]);
      } else {
        expect([d.protocol, d.port]).toEqual(expected[spec.class]);
      }
      if (d.protocol === 'push') expect(d.host).toBeNull();
      else expect(d.host).toMatch(/^(10|192)\.\d{1,3}\.\d{1,3}\.(\d{1,3})$/);
    }
  });

  it('names devices after site, rack and slot', () => {
    expect(fleet.devices.find((d) => d.siteKey === 'permian')?.name).toMatch(/^TX-C\d\d-R\d-S\d\d$/);
  });

  it('has the promised site mix', () => {
    const bySite = (key: string) => fleet.devices.filter((d) => d.siteKey === key);
    const classOf = (d: { modelKey: string }) => findDeviceModel(d.modelKey)!.class;
    expect(bySite('permian').length).toBeGreaterThan(500);
    expect(bySite('permian').every((d) => classOf(d) === 'asic')).toBe(true);
    const gpuNodes = bySite('trollhattan').filter((d) => classOf(d) === 'gpu').length;
    expect(gpuNodes).toBeGreaterThanOrEqual(24);
    const micros = bySite('garage').filter((d) => classOf(d) === 'micro').length;
    expect(micros).toBeGreaterThanOrEqual(40);
    expect(micros).toBeLessThanOrEqual(80);
    expect(bySite('garage').filter((d) => d.modelKey.includes('RTX 4090')).length).toBe(2);
  });

  it.each(['permian', 'garage'])('does not over-subscribe %s at nameplate × PUE', (siteKey) => {
    const site = fleet.sites.find((s) => s.key === siteKey)!;
    expect(nameplateKwByClass(siteKey).total * site.pue).toBeLessThanOrEqual(site.powerCapacityKw);
  });

  it('over-subscribes Trollhättan on purpose, by a bounded margin, so mining and AI compete', () => {
    const site = fleet.sites.find((s) => s.key === 'trollhattan')!;
    const kw = nameplateKwByClass('trollhattan');
    const ratio = (kw.total * site.pue) / site.powerCapacityKw;
    expect(ratio).toBeGreaterThan(1.05);
    expect(ratio).toBeLessThan(1.35);
    // Either use alone must fit, otherwise there is nothing to choose.
    expect(kw.asic * site.pue).toBeLessThan(site.powerCapacityKw);
    expect(kw.gpu * site.pue).toBeLessThan(site.powerCapacityKw);
  });

  it('gives every site a climate and a consistent energy contract', () => {
    for (const site of fleet.sites) {
      expect(fleet.climates[site.key]).toBeDefined();
      expect(() => new Intl.DateTimeFormat('en-US', { timeZone: site.timezone })).not.toThrow();
      if (site.contractKind === 'spot') expect(site.spotSource).toMatch(/^sim:/);
      if (site.contractKind === 'fixed') expect(site.fixedPriceUsdPerMwh).toBeGreaterThan(0);
    }
    expect(fleet.sites.filter((s) => s.firmPower).map((s) => s.key)).toEqual(['trollhattan']);
  });

  it('has a TOU schedule that covers every weekday hour exactly once', () => {
    const tou = fleet.sites.find((s) => s.contractKind === 'tou')!;
    const bands = JSON.parse(tou.touSchedule!) as TouBand[];
    for (let day = 1; day <= 7; day++) {
      for (let hour = 0; hour < 24; hour++) {
        const hits = bands.filter((b) => b.days.includes(day) && b.fromHour <= hour && hour < b.toHour);
        expect(hits, `day ${day} hour ${hour}`).toHaveLength(1);
        expect(hits[0]!.priceUsdPerMwh).toBeGreaterThan(0);
      }
    }
  });
});

import { type Actor, requireRole } from '../auth/actor';
import { getDb } from '../db/client';

export type DeviceModelView = {
  id: number;
  vendor: string;
  model: string;
  class: 'asic' | 'micro' | 'gpu';
  nominalHashrateThs: number | null;
  nominalPowerW: number;
  efficiencyJPerTh: number | null;
  maxTempC: number;
  gpuCount: number | null;
  gpuMemoryGb: number | null;
  powerProfiles: { powerW: number; hashrateThs: number; estimated: boolean }[] | null;
  specsEstimated: boolean;
  source: string | null;
};

export async function listDeviceModels(actor: Actor): Promise<DeviceModelView[]> {
  requireRole(actor, 'viewer');
  const rows = await getDb().deviceModel.findMany({
    orderBy: [{ class: 'asc' }, { vendor: 'asc' }, { model: 'asc' }],
  });
  return rows.map(({ powerProfiles, ...m }) => ({
    ...m,
    efficiencyJPerTh: m.nominalHashrateThs ? m.nominalPowerW / m.nominalHashrateThs : null,
    powerProfiles: powerProfiles ? (JSON.parse(powerProfiles) as DeviceModelView['powerProfiles']) : null,
  }));
}

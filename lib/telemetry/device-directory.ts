import { queryRows, sql } from '../db/raw';
import { processGlobal } from '../process-global';

type Entry = { id: number; tenantId: number | null };

const REFRESH_MS = 60_000;
/** Unknown references trigger a reload, but at most this often (a flood of bad serials stays cheap). */
const MISS_RELOAD_MS = 5_000;

/**
 * In-memory map of device ids and serials for the ingest hot path: resolving 1,000 references
 * must not cost 1,000 queries. Reloaded every minute and on unknown references; `invalidate()`
 * after inventory changes in this process.
 */
class DeviceDirectory {
  private byId = new Map<number, Entry>();
  private bySerial = new Map<string, Entry>();
  private loadedAt = 0;
  private loading: Promise<void> | undefined;

  invalidate() {
    this.loadedAt = 0;
  }

  private async load(now: number) {
    this.loading ??= (async () => {
      const rows = await queryRows<{ id: number; serial: string; tenant_id: number | null }>(
        sql`SELECT id, serial, tenant_id FROM device`,
      );
      const byId = new Map<number, Entry>();
      const bySerial = new Map<string, Entry>();
      for (const r of rows) {
        const entry = { id: Number(r.id), tenantId: r.tenant_id == null ? null : Number(r.tenant_id) };
        byId.set(entry.id, entry);
        bySerial.set(r.serial, entry);
      }
      this.byId = byId;
      this.bySerial = bySerial;
      this.loadedAt = now;
    })().finally(() => {
      this.loading = undefined;
    });
    await this.loading;
  }

  /**
   * Resolves each reference (a device id, or a serial) to its entry, undefined when unknown. One
   * map lookup per reference; unknown ones reload the directory first (at most every 5 s).
   */
  async resolve(refs: readonly (number | string)[], now = Date.now()): Promise<(Entry | undefined)[]> {
    if (now - this.loadedAt > REFRESH_MS) await this.load(now);
    const lookup = (ref: number | string) =>
      typeof ref === 'number' ? this.byId.get(ref) : this.bySerial.get(ref);
    let entries = refs.map(lookup);
    if (entries.includes(undefined) && now - this.loadedAt > MISS_RELOAD_MS) {
      await this.load(now);
      entries = refs.map(lookup);
    }
    return entries;
  }
}

const directory = processGlobal<DeviceDirectory>('switchyardDeviceDirectory');

export function getDeviceDirectory(): DeviceDirectory {
  return directory.getOrCreate(() => new DeviceDirectory());
}

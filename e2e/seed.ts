// Seeding through the public API, as an operator's script would: a site, a rack, devices in slots and
// telemetry samples. Every helper fails the test with the server's answer when a call is refused.
import { type APIRequestContext, expect } from '@playwright/test';

async function json<T>(response: import('@playwright/test').APIResponse): Promise<T> {
  expect(response.ok(), `${response.url()} → ${response.status()} ${await response.text()}`).toBe(true);
  return (await response.json()) as T;
}

export type Seeded = { id: number; name: string };

export async function createSite(api: APIRequestContext, name: string): Promise<Seeded> {
  return json(
    await api.post('/api/v1/sites', {
      data: {
        name,
        timezone: 'UTC',
        location: 'E2E test hall',
        powerCapacityKw: 50,
        contractKind: 'fixed',
        fixedPriceUsdPerMwh: 45,
      },
    }),
  );
}

export async function createRack(
  api: APIRequestContext,
  siteId: number,
  rack: { name: string; rows: number; columns: number },
): Promise<Seeded> {
  return json(await api.post(`/api/v1/sites/${siteId}/racks`, { data: rack }));
}

/** Id of a catalogue model whose name contains `text` (e.g. "S21"). */
export async function modelId(api: APIRequestContext, text: string): Promise<number> {
  const body = await json<{ data: { id: number; model: string }[] }>(await api.get('/api/v1/device-models'));
  const model = body.data.find((candidate) => candidate.model.includes(text));
  expect(model, `no catalogue model matching ${text}`).toBeTruthy();
  return model!.id;
}

export async function createDevice(
  api: APIRequestContext,
  device: {
    name: string;
    serial: string;
    siteId: number;
    modelId: number;
    rackId?: number;
    slotRow?: number;
    slotColumn?: number;
  },
): Promise<Seeded> {
  return json(await api.post('/api/v1/devices', { data: { protocol: 'push', ...device } }));
}

/** One sample per minute for the last `minutes` minutes (the newest now), with readings a healthy S21 would send. */
export async function postTelemetry(api: APIRequestContext, deviceId: number, minutes: number) {
  const now = Date.now();
  const samples = Array.from({ length: minutes }, (_, index) => {
    const ts = now - (minutes - 1 - index) * 60_000;
    return {
      deviceId,
      ts,
      hashrateThs: 196 + (index % 5),
      powerW: 3480 + (index % 7) * 5,
      chipTempC: 66 + (index % 4),
      boardTempC: 55,
      inletTempC: 24,
      fanRpm: 4200 + (index % 3) * 60,
      status: 'ok',
    };
  });
  // The ingest path resolves devices from an in-memory directory that reloads at most every 5 s on a
  // miss, so a device created a moment ago can still be "unknown": retry until it is known.
  let result: { accepted: number; rejected: unknown[] } | undefined;
  await expect(async () => {
    const response = await api.post('/api/v1/telemetry', { data: { samples } });
    expect(response.status(), await response.text()).toBe(200);
    result = await response.json();
  }).toPass({ timeout: 20_000, intervals: [500, 1000, 2000] });
  expect(result?.rejected).toEqual([]);
  return result!;
}

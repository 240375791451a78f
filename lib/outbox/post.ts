// One signed-or-plain JSON POST for every outbox: bounded in time, no redirects, body discarded.
// A non-2xx answer throws with the status code so the attempt is logged with it.
const TIMEOUT_MS = 5_000;

export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly statusCode: number | null = null,
  ) {
    super(message);
  }
}

export async function postJson(
  url: string,
  body: string,
  headers: Record<string, string> = {},
): Promise<number> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...headers },
    body,
    signal: AbortSignal.timeout(TIMEOUT_MS),
    redirect: 'error',
  });
  await res.body?.cancel();
  if (!res.ok) throw new DeliveryError(`receiver answered HTTP ${res.status}`, res.status);
  return res.status;
}

export const OUTBOX_TIMEOUT_MS = TIMEOUT_MS;

import type { ProviderError, ProviderResult } from './result';

export type MarketLogger = { warn(message: string, fields?: Record<string, unknown>): void };

export type LastGood<T> = {
  value: T | undefined;
  /** When the value was accepted (epoch ms); undefined until the first good answer. */
  acceptedAtMs: number | undefined;
  /** The rejection that made us keep an older value (cleared by the next good answer). */
  lastError: ProviderError | undefined;
};

/**
 * Keeps the last good value per key (provider + series, provider + site …). A rejected answer is logged
 * with its reason and leaves the previous value in place, so one bad response never blanks a dashboard.
 */
export function createLastGoodCache<T>(log: MarketLogger) {
  const entries = new Map<string, LastGood<T>>();
  return {
    get(key: string): LastGood<T> {
      return entries.get(key) ?? { value: undefined, acceptedAtMs: undefined, lastError: undefined };
    },
    accept(key: string, result: ProviderResult<T>, nowMs: number): LastGood<T> {
      const previous = this.get(key);
      if (result.ok) {
        for (const warning of result.warnings) log.warn(`market ${key}: ${warning}`, { key });
        const next = { value: result.value, acceptedAtMs: nowMs, lastError: undefined };
        entries.set(key, next);
        return next;
      }
      const { error } = result;
      log.warn(`market ${key}: rejected (${error.code}) ${error.message}; keeping last good value`, {
        key,
        provider: error.provider,
        code: error.code,
        status: error.status,
        body: error.bodySnippet,
        lastGoodAtMs: previous.acceptedAtMs,
      });
      const next = { ...previous, lastError: error };
      entries.set(key, next);
      return next;
    },
  };
}

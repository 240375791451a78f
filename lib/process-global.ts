// State that must exist once per process, not once per module instance: Next dev re-evaluates
// modules on every reload and bundles route handlers and instrumentation separately, but they all
// share globalThis. Without this a reload would open a second database connection or start the
// background jobs twice.

export type ProcessGlobal<T> = {
  get(): T | undefined;
  set(value: T | undefined): void;
  /** The value, created on first use. */
  getOrCreate(create: () => T): T;
};

/** A named slot on globalThis (`name` is namespaced `switchyard…` by convention). */
export function processGlobal<T>(name: `switchyard${string}`): ProcessGlobal<T> {
  const store = globalThis as unknown as Record<string, T | undefined>;
  return {
    get: () => store[name],
    set: (value) => {
      store[name] = value;
    },
    getOrCreate: (create) => {
      store[name] ??= create();
      return store[name];
    },
  };
}

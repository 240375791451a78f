'use client';

import { useSyncExternalStore } from 'react';

const subscribe = () => () => {};

/**
 * The viewer's IANA zone for fleet-wide charts (sites use their own zone). The server render uses UTC
 * and the browser switches after hydration, so markup never mismatches.
 */
export function useBrowserTimeZone(): string {
  return useSyncExternalStore(
    subscribe,
    () => Intl.DateTimeFormat().resolvedOptions().timeZone,
    () => 'UTC',
  );
}

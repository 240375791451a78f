'use client';

import { useEffect, useState } from 'react';

/**
 * Current time, re-read every `intervalMs`, for "12 s ago" labels. Components stay pure (they take `now`);
 * this hook is the one place a client view reads the clock. The first client render differs from the
 * server render by a few ms, so text derived from it needs `suppressHydrationWarning`.
 */
export function useNow(intervalMs = 1000): number {
  const [now, setNow] = useState(() => Date.now());
  useEffect(() => {
    setNow(Date.now());
    const id = window.setInterval(() => setNow(Date.now()), intervalMs);
    return () => window.clearInterval(id);
  }, [intervalMs]);
  return now;
}

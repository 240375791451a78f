'use client';

import { useEffect, useState } from 'react';
import type { AllocationPlanInputs } from '@/lib/api-client/types';
import { isWhatIf, NO_WHAT_IF, type Replan, replanWhatIf, type WhatIf } from './what-if';

/** Slider moves arrive many per second; the re-plan runs once they pause this long. */
const DEBOUNCE_MS = 80;

/**
 * The what-if state and its re-plan, re-run on the plan's inputs whenever either changes (a fresh
 * server plan keeps the sliders). Null re-plan = no what-if: show the server's plan.
 */
export function useWhatIf(inputs: AllocationPlanInputs | undefined) {
  const [whatIf, setWhatIf] = useState<WhatIf>(NO_WHAT_IF);
  const [replan, setReplan] = useState<Replan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const active = isWhatIf(whatIf);
  useEffect(() => {
    if (!inputs || !active) {
      setReplan(null);
      setError(null);
      return;
    }
    const timer = setTimeout(() => {
      try {
        setReplan(replanWhatIf(inputs, whatIf));
        setError(null);
      } catch (e) {
        setError(e instanceof Error ? e.message : String(e));
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [inputs, whatIf, active]);
  return { whatIf, setWhatIf, active, replan, error };
}

'use client';

import { useEffect, useRef, useState } from 'react';
import type { AllocationPlanInputs } from '@/lib/api-client/types';
import { isWhatIf, NO_WHAT_IF, type Replan, replanWhatIf, type WhatIf } from './what-if';
import type { WhatIfRequest, WhatIfResponse } from './what-if-worker-protocol';

/** Slider moves arrive many per second; the re-plan is requested once they pause this long. */
const DEBOUNCE_MS = 30;

export type WhatIfReplan = Replan & {
  /** Where it ran: a Web Worker (the page stays responsive) or this thread (no Worker support). */
  where: 'worker' | 'main';
  /** From the request to the answer on the page, including the message round trip. */
  roundTripMs: number;
};

type Channel = {
  send(msg: WhatIfRequest): void;
  close(): void;
};

function openWorker(onAnswer: (a: WhatIfResponse) => void): Channel | null {
  if (typeof Worker === 'undefined') return null;
  try {
    const worker = new Worker(new URL('./what-if.worker.ts', import.meta.url), {
      name: 'allocation-what-if',
    });
    worker.onmessage = (e: MessageEvent<WhatIfResponse>) => onAnswer(e.data);
    return { send: (msg) => worker.postMessage(msg), close: () => worker.terminate() };
  } catch {
    return null;
  }
}

/**
 * The what-if state and its re-plan, re-run on the plan's inputs whenever either changes (a fresh
 * server plan keeps the sliders). The re-plan runs in a Web Worker: slider moves are debounced,
 * the worker answers only the newest request and answers to superseded requests are dropped here.
 * Null re-plan = no what-if: show the server's plan.
 */
export function useWhatIf(inputs: AllocationPlanInputs | undefined) {
  const [whatIf, setWhatIf] = useState<WhatIf>(NO_WHAT_IF);
  const [replan, setReplan] = useState<WhatIfReplan | null>(null);
  const [error, setError] = useState<string | null>(null);
  const active = isWhatIf(whatIf);
  const channel = useRef<Channel | null | undefined>(undefined);
  const latest = useRef({ id: 0, sentAt: 0 });
  const inputsKey = useRef({ inputs: undefined as AllocationPlanInputs | undefined, key: 0, sent: false });

  useEffect(() => {
    channel.current = openWorker((a) => {
      if (a.id !== latest.current.id) return; // superseded by a newer slider position
      if (a.type === 'error') {
        setError(a.message);
        return;
      }
      setReplan({
        view: a.view,
        input: a.input,
        ms: a.ms,
        where: 'worker',
        roundTripMs: performance.now() - latest.current.sentAt,
      });
      setError(null);
    });
    return () => {
      channel.current?.close();
      channel.current = undefined;
      // A new worker (React may mount twice) has none of the inputs yet.
      inputsKey.current.inputs = undefined;
      inputsKey.current.sent = false;
    };
  }, []);

  // The plan's inputs go to the worker as soon as they arrive, so it warms up before the first move.
  useEffect(() => {
    const ch = channel.current;
    const k = inputsKey.current;
    if (!ch || !inputs || k.inputs === inputs) return;
    k.inputs = inputs;
    k.key++;
    k.sent = true;
    ch.send({ type: 'inputs', key: k.key, inputs });
  }, [inputs]);

  useEffect(() => {
    if (!inputs || !active) {
      latest.current.id++;
      setReplan(null);
      setError(null);
      return;
    }
    const timer = setTimeout(() => {
      const id = ++latest.current.id;
      latest.current.sentAt = performance.now();
      const ch = channel.current;
      if (!ch) {
        try {
          const r = replanWhatIf(inputs, whatIf);
          setReplan({ ...r, where: 'main', roundTripMs: r.ms });
          setError(null);
        } catch (e) {
          setError(e instanceof Error ? e.message : String(e));
        }
        return;
      }
      const k = inputsKey.current;
      if (k.inputs !== inputs || !k.sent) {
        k.inputs = inputs;
        k.key++;
        k.sent = true;
        ch.send({ type: 'inputs', key: k.key, inputs });
      }
      ch.send({ type: 'replan', id, key: k.key, whatIf });
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [inputs, whatIf, active]);
  return { whatIf, setWhatIf, active, replan, error };
}

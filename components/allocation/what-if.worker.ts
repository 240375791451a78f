// The Allocation page's what-if re-plan, off the main thread: the same replan() the server's fast
// path runs, on the plan's own inputs snapshot (see what-if-worker-protocol.ts).
import { createWhatIfHandler, type WhatIfRequest } from './what-if-worker-protocol';

type WorkerScope = {
  onmessage: ((event: MessageEvent<WhatIfRequest>) => void) | null;
  postMessage(message: unknown): void;
};
const scope = self as unknown as WorkerScope;
const handler = createWhatIfHandler();
let scheduled = false;

scope.onmessage = (event: MessageEvent<WhatIfRequest>) => {
  if (!handler.receive(event.data)) {
    // New inputs: warm the engine up in a task of its own (a slider move queued meanwhile waits).
    setTimeout(() => handler.warmUp(), 0);
    return;
  }
  if (scheduled) return;
  scheduled = true;
  // A task of its own: slider moves that arrived meanwhile replace the pending request first.
  setTimeout(() => {
    scheduled = false;
    const answer = handler.run();
    if (answer) scope.postMessage(answer);
  }, 0);
};

// Worker thread that owns one HiGHS instance (kept warm between solves).
import { parentPort } from 'node:worker_threads';
import highsLoader from 'highs';
import { runHighs } from './run-highs.mjs';

const highs = highsLoader();

parentPort.on('message', async ({ id, lp, options }) => {
  try {
    parentPort.postMessage({ id, result: runHighs(await highs, lp, options) });
  } catch (error) {
    parentPort.postMessage({ id, error: error instanceof Error ? error.message : String(error) });
  }
});

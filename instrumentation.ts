// Runs once when the Next.js server starts: validate the environment (fail fast with a clear
// message), stamp requests with their socket address (lib/http/server-hooks.ts) and start
// background work in this process unless SWITCHYARD_JOBS=off (stopped again on SIGINT/SIGTERM).
export async function register() {
  if (process.env.NEXT_RUNTIME !== 'nodejs') return;
  const { installServerHooks } = await import('./lib/http/server-hooks');
  installServerHooks();
  const { getEnv } = await import('./lib/env');
  const env = getEnv();
  if (env.SWITCHYARD_JOBS && process.env.NEXT_PHASE !== 'phase-production-build') {
    const { startBackgroundWork } = await import('./lib/jobs/background');
    startBackgroundWork();
  }
}

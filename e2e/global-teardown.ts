import { rmSync } from 'node:fs';

/** Removes the temporary database directory made for this run (see playwright.config.ts). */
export default function globalTeardown() {
  const dir = process.env.SWITCHYARD_E2E_DIR;
  if (dir?.includes('switchyard-e2e-')) rmSync(dir, { recursive: true, force: true });
}

import { readFileSync } from 'node:fs';

/** Reads a recorded-shape fixture next to this file (tests only). */
export function fixture(name: string): string {
  return readFileSync(new URL(`./${name}`, import.meta.url), 'utf8');
}

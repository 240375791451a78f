import { readFileSync } from 'node:fs';
import path from 'node:path';

/** Reads a reference-derived fixture (protocols.md §1.9, §2.7, §4.7) for tests and the fake devices. */
export function fixture(name: string): string {
  return readFileSync(path.join(import.meta.dirname, 'fixtures', name), 'utf8');
}

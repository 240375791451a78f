import { getEnv } from '../env';
import { applyMigrations, schemaLocation } from './schema-engine';

/** Applies pending migrations to DATABASE_URL's database; returns the names applied. */
export async function migrateDatabase(
  onApplied?: (name: string, index: number, total: number) => void,
): Promise<string[]> {
  const { db } = getEnv();
  return applyMigrations(schemaLocation(db.provider), db.url, onApplied);
}

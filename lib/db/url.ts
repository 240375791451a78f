import path from 'node:path';

export type DbProvider = 'sqlite' | 'postgresql';

export type ResolvedDatabaseUrl = {
  provider: DbProvider;
  /** Connection string as given (PostgreSQL) or `file:<absolute path>` (SQLite). */
  url: string;
  /** Absolute SQLite file path; undefined for PostgreSQL. */
  filePath?: string;
};

/** Where the embedded default keeps its database: a git-ignored folder in the project. */
export const DEFAULT_SQLITE_PATH = path.resolve('data', 'switchyard.db');

/**
 * Turns DATABASE_URL into a provider and a normalised URL.
 * Unset → the default SQLite file; `file:` URLs → SQLite; `postgres(ql)://` → PostgreSQL.
 * Anything else is a configuration error and stops start-up.
 */
export function resolveDatabaseUrl(raw: string | undefined): ResolvedDatabaseUrl {
  const value = raw?.trim();
  if (!value) {
    return { provider: 'sqlite', url: `file:${DEFAULT_SQLITE_PATH}`, filePath: DEFAULT_SQLITE_PATH };
  }
  if (/^postgres(ql)?:\/\//i.test(value)) {
    return { provider: 'postgresql', url: value };
  }
  if (value.startsWith('file:')) {
    const rest = value.slice('file:'.length).replace(/^\/\/(?=\/)/, '');
    if (!rest) throw new Error('DATABASE_URL "file:" needs a path, e.g. file:./data/switchyard.db');
    const filePath = path.resolve(rest);
    return { provider: 'sqlite', url: `file:${filePath}`, filePath };
  }
  throw new Error(
    `DATABASE_URL must start with file:, postgres:// or postgresql:// (got "${value.slice(0, 20)}…")`,
  );
}

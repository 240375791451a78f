/**
 * Derives the PostgreSQL schema from the SQLite source schema (prisma/schema.prisma).
 * Pure text transform: the source stays portable, so only the provider and the client's
 * output folder differ. `npm run check` compares the result with the committed file.
 */
export const DERIVED_HEADER =
  '// GENERATED from prisma/schema.prisma by `npm run db:schema` — do not edit by hand.\n';

export function derivePostgresSchema(source: string): string {
  const provider = /(datasource\s+db\s*\{[^}]*?provider\s*=\s*)"sqlite"/;
  const output = /(generator\s+client\s*\{[^}]*?output\s*=\s*)"\.\.\/lib\/db\/generated\/sqlite"/;
  if (!provider.test(source))
    throw new Error('source schema must declare datasource db { provider = "sqlite" }');
  if (!output.test(source)) {
    throw new Error('source schema must declare generator client { output = "../lib/db/generated/sqlite" }');
  }
  if (/@db\.\w/.test(source))
    throw new Error('source schema must stay portable: remove native types (@db.*)');

  return (
    DERIVED_HEADER +
    source.replace(provider, '$1"postgresql"').replace(output, '$1"../../lib/db/generated/postgresql"')
  );
}

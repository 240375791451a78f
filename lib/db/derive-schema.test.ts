import { describe, expect, it } from 'vitest';
import { DERIVED_HEADER, derivePostgresSchema } from './derive-schema';

const source = `generator client {
  provider = "prisma-client"
  output   = "../lib/db/generated/sqlite"
}

datasource db {
  provider = "sqlite"
}

model Site {
  id Int @id
}
`;

describe('derivePostgresSchema', () => {
  it('switches provider and client output, keeps models verbatim', () => {
    const derived = derivePostgresSchema(source);
    expect(derived.startsWith(DERIVED_HEADER)).toBe(true);
    expect(derived).toContain('provider = "postgresql"');
    expect(derived).toContain('output   = "../../lib/db/generated/postgresql"');
    expect(derived).not.toContain('"sqlite"');
    expect(derived).toContain('model Site {\n  id Int @id\n}');
  });

  it.each([
    ['a non-sqlite source', source.replace('"sqlite"\n}', '"mysql"\n}')],
    ['a different client output', source.replace('generated/sqlite', 'generated/other')],
    ['native types', source.replace('id Int @id', 'id Int @id @db.SmallInt')],
  ])('rejects %s', (_label, text) => {
    expect(() => derivePostgresSchema(text)).toThrow();
  });
});

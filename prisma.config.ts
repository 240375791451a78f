// Prisma CLI configuration. The provider follows DATABASE_URL, exactly as at run time
// (lib/db/url.ts): postgres:// or postgresql:// → prisma/postgresql, anything else → SQLite.
import { defineConfig } from 'prisma/config';
import { resolveDatabaseUrl } from './lib/db/url';

const db = resolveDatabaseUrl(process.env.DATABASE_URL);
const dir = db.provider === 'postgresql' ? 'prisma/postgresql' : 'prisma';

export default defineConfig({
  schema: `${dir}/schema.prisma`,
  migrations: { path: `${dir}/migrations` },
  datasource: { url: db.url },
});

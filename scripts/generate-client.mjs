// Generates both Prisma clients (SQLite and PostgreSQL) after install.
// `prisma generate` needs no schema engine, but Prisma 7's CLI still checks that one exists and
// tries to download it when PRISMA_SCHEMA_ENGINE_BINARY is unset, which fails offline. Point it at
// a harmless executable: generation itself never calls the engine.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';

const env = {
  ...process.env,
  PRISMA_SCHEMA_ENGINE_BINARY: process.env.PRISMA_SCHEMA_ENGINE_BINARY || process.execPath,
  PRISMA_HIDE_UPDATE_MESSAGE: '1',
  CHECKPOINT_DISABLE: '1',
};
const prisma = path.resolve('node_modules', 'prisma', 'build', 'index.js');
if (!existsSync(prisma)) {
  console.error('prisma CLI not installed; run npm install');
  process.exit(1);
}
for (const schema of ['prisma/schema.prisma', 'prisma/postgresql/schema.prisma']) {
  execFileSync(process.execPath, [prisma, 'generate', '--schema', schema], { env, stdio: 'inherit' });
}

// Switchyard command line: `npm run cli -- <command> [options]`. Run `npm run cli -- help`.
import { copyFileSync, mkdirSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { SYSTEM_ACTOR } from '../lib/auth/actor';
import { createApiToken, listApiTokens, revokeApiToken } from '../lib/auth/api-tokens';
import { randomBase62 } from '../lib/auth/secrets';
import { createUser } from '../lib/auth/users';
import { bootstrap } from '../lib/db/bootstrap';
import { disconnectDb, getDb } from '../lib/db/client';
import { migrateDatabase } from '../lib/db/migrate';
import { closeRawConnections, getSqlite } from '../lib/db/raw';
import { getEnv } from '../lib/env';
import { sealPlaintextMarketSecrets } from '../lib/market/settings/market-settings';
import { rotateSecret } from '../lib/secrets/rotate';

const HELP = `Switchyard CLI

  db:migrate                       apply pending migrations (SQLite or PostgreSQL per DATABASE_URL)
  db:seed                          model catalogue, demo fleet on an empty database, first admin
  db:backup [--out FILE]           consistent SQLite snapshot (online backup API); PostgreSQL: use pg_dump
  users:create --email E --name N --role admin|operator|viewer [--password P] [--tenant ID]
                                   prints a generated password when --password is omitted
  users:list
  tokens:create --name N --role admin|operator|viewer [--expires-days D]
                                   prints the token once; it is stored only as a hash
  tokens:list
  tokens:revoke ID
  secrets:rotate                   new server key; re-encrypts every stored credential (SQLite key file;
                                   with SWITCHYARD_SECRET set the new one and SWITCHYARD_SECRET_PREVIOUS)
`;

type Values = Record<string, string | boolean | undefined>;

function required(values: Values, name: string): string {
  const value = values[name];
  if (typeof value !== 'string' || !value) throw new Error(`--${name} is required`);
  return value;
}

function role(values: Values): 'admin' | 'operator' | 'viewer' {
  const r = required(values, 'role');
  if (r !== 'admin' && r !== 'operator' && r !== 'viewer')
    throw new Error('--role must be admin, operator or viewer');
  return r;
}

const commands: Record<string, (values: Values, positionals: string[]) => Promise<void>> = {
  async 'db:migrate'() {
    const applied = await migrateDatabase();
    console.log(applied.length ? `applied: ${applied.join(', ')}` : 'database is up to date');
    const sealed = await sealPlaintextMarketSecrets();
    if (sealed) console.log(`sealed ${sealed} provider secret(s) stored in plain text`);
  },
  async 'db:seed'() {
    await migrateDatabase();
    const result = await bootstrap();
    console.log(`device models: ${result.models}`);
    console.log(
      result.demo
        ? `demo fleet: ${result.demo.sites} sites, ${result.demo.devices} devices`
        : 'demo fleet: skipped (database has sites or SWITCHYARD_SEED_DEMO=off)',
    );
    if (result.admin) {
      console.log(
        `admin: ${result.admin.email}${result.admin.password ? ` / password: ${result.admin.password}` : ' (password from SWITCHYARD_ADMIN_PASSWORD)'}`,
      );
    }
  },
  async 'db:backup'(values) {
    const { db } = getEnv();
    if (db.provider !== 'sqlite') throw new Error('For PostgreSQL use pg_dump (see docs/operations.md)');
    const out = path.resolve(
      typeof values.out === 'string'
        ? values.out
        : path.join('data', 'backups', `switchyard-${new Date().toISOString().replace(/[:.]/g, '-')}.db`),
    );
    mkdirSync(path.dirname(out), { recursive: true });
    // The online backup API copies a consistent snapshot while the server keeps writing;
    // never copy a live WAL database file with cp.
    await getSqlite().backup(`${out}.partial`);
    copyFileSync(`${out}.partial`, out);
    const { default: Database } = await import('better-sqlite3');
    const check = new Database(out, { readonly: true });
    const result = check.pragma('integrity_check', { simple: true });
    check.close();
    if (result !== 'ok') throw new Error(`backup integrity check failed: ${String(result)}`);
    (await import('node:fs')).rmSync(`${out}.partial`);
    console.log(`backup written to ${out} (integrity_check ok)`);
  },
  async 'users:create'(values) {
    const password = typeof values.password === 'string' ? values.password : randomBase62(12);
    const user = await createUser(SYSTEM_ACTOR, {
      email: required(values, 'email'),
      name: required(values, 'name'),
      role: role(values),
      password,
      tenantId: typeof values.tenant === 'string' ? Number(values.tenant) : null,
    });
    console.log(`created user ${user.id} ${user.email} (${user.role})`);
    if (typeof values.password !== 'string') console.log(`password: ${password}`);
  },
  async 'users:list'() {
    const users = await getDb().user.findMany({ orderBy: { id: 'asc' } });
    for (const u of users) console.log(`${u.id}\t${u.email}\t${u.role}${u.disabledAt ? '\t(disabled)' : ''}`);
  },
  async 'tokens:create'(values) {
    const days = typeof values['expires-days'] === 'string' ? Number(values['expires-days']) : undefined;
    const { token, id } = await createApiToken(SYSTEM_ACTOR, {
      name: required(values, 'name'),
      role: role(values),
      expiresInDays: days,
    });
    console.error(`created token ${id}; it is shown once:`);
    console.log(token);
  },
  async 'tokens:list'() {
    for (const t of await listApiTokens(SYSTEM_ACTOR)) {
      console.log(`${t.id}\t${t.name}\t${t.role}\t${t.displayHint}\t${t.revokedAt ? 'revoked' : 'active'}`);
    }
  },
  async 'secrets:rotate'() {
    const result = await rotateSecret();
    console.log(`re-encrypted ${result.reencrypted} values; ${result.message}`);
  },
  async 'tokens:revoke'(_values, positionals) {
    const id = Number(positionals[0]);
    if (!Number.isInteger(id)) throw new Error('usage: tokens:revoke ID');
    await revokeApiToken(SYSTEM_ACTOR, id);
    console.log(`revoked token ${id}`);
  },
};

async function main() {
  const [command, ...rest] = process.argv.slice(2);
  if (!command || command === 'help' || command === '--help') {
    console.log(HELP);
    return;
  }
  const run = commands[command];
  if (!run) throw new Error(`unknown command "${command}"\n\n${HELP}`);
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: {
      email: { type: 'string' },
      name: { type: 'string' },
      role: { type: 'string' },
      password: { type: 'string' },
      tenant: { type: 'string' },
      out: { type: 'string' },
      'expires-days': { type: 'string' },
    },
  });
  getEnv();
  await run(values, positionals);
}

main()
  .catch((error: Error) => {
    console.error(`error: ${error.message}`);
    if ((error as { details?: unknown }).details)
      console.error(JSON.stringify((error as { details?: unknown }).details));
    process.exitCode = 1;
  })
  .finally(async () => {
    await disconnectDb();
    await closeRawConnections();
  });

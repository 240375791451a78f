import { seedDefaultRules } from '../alerts/defaults';
import { SYSTEM_ACTOR } from '../auth/actor';
import { randomBase62 } from '../auth/secrets';
import { countUsers, createUser } from '../auth/users';
import { getEnv } from '../env';
import { HISTORY_DAYS } from '../sim/backfill';
import { seedDemoWorkloads } from '../sim/demo-workloads';
import { seedDemoFleet, seedDeviceModels } from '../sim/seed-demo';
import { getDb } from './client';

export type BootstrapResult = {
  models: number;
  demo: { sites: number; devices: number } | null;
  admin: { email: string; password: string | null } | null;
};

/**
 * Idempotent first-start setup: the model catalogue (always kept current), the demo fleet with
 * its GPU work (jobs, rentals) on an empty database (never on one that has sites), each default
 * alert rule once per install (one an upgrade added, too; a deleted one stays deleted), and a
 * first admin when there are no users.
 */
export async function bootstrap(
  onDemoDevices?: (written: number, total: number) => void,
): Promise<BootstrapResult> {
  const env = getEnv();
  const db = getDb();
  const models = await seedDeviceModels(db);
  let demo: BootstrapResult['demo'] = null;
  if (env.SWITCHYARD_SEED_DEMO && (await db.site.count()) === 0) {
    const seeded = await seedDemoFleet(db, env.SWITCHYARD_SIM_SEED, onDemoDevices);
    // GPU servers on jobs and rent from the start of the simulated history: money follows the work.
    await seedDemoWorkloads(env.SWITCHYARD_SIM_SEED, Date.now() - HISTORY_DAYS * 86_400_000);
    demo = { sites: seeded.sites, devices: seeded.devices };
  }
  await seedDefaultRules(Date.now());
  let admin: BootstrapResult['admin'] = null;
  if ((await countUsers()) === 0) {
    const password = env.SWITCHYARD_ADMIN_PASSWORD ?? randomBase62(12);
    await createUser(SYSTEM_ACTOR, {
      email: env.SWITCHYARD_ADMIN_EMAIL,
      name: 'Administrator',
      password,
      role: 'admin',
    });
    admin = { email: env.SWITCHYARD_ADMIN_EMAIL, password: env.SWITCHYARD_ADMIN_PASSWORD ? null : password };
  }
  return { models, demo, admin };
}

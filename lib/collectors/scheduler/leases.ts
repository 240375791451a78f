// Scale-out on PostgreSQL: collector instances share the sites through leases in one table.
// Each instance heartbeats, renews its own leases, gives back what exceeds its fair share and
// claims expired ones with FOR UPDATE SKIP LOCKED — so a dead instance's sites are taken over
// once its leases expire (one lease TTL), with no protocol of our own between instances.
import { execute, join, queryOne, queryRows, sql } from '../../db/raw';

/** The sites this instance polls until its next renewal. */
export async function holdSiteLeases(opts: {
  instanceId: string;
  now: number;
  ttlMs: number;
}): Promise<number[]> {
  const { instanceId: me, now, ttlMs } = opts;
  const until = now + ttlMs;
  await execute(sql`INSERT INTO collector_instance (id, seen_at) VALUES (${me}, ${now})
    ON CONFLICT (id) DO UPDATE SET seen_at = excluded.seen_at`);
  await execute(sql`DELETE FROM collector_instance WHERE seen_at < ${now - 10 * ttlMs}`);
  await execute(sql`INSERT INTO collector_lease (site_id, owner, expires_at) SELECT id, '', 0 FROM site
    ON CONFLICT (site_id) DO NOTHING`);
  await execute(sql`DELETE FROM collector_lease WHERE site_id NOT IN (SELECT id FROM site)`);
  const counts = await queryOne<{ sites: number; live: number }>(sql`SELECT
    (SELECT COUNT(*) FROM collector_lease) AS sites,
    (SELECT COUNT(*) FROM collector_instance WHERE seen_at >= ${now - ttlMs}) AS live`);
  const fair = Math.ceil(Number(counts?.sites ?? 0) / Math.max(1, Number(counts?.live ?? 1)));

  const renewed = await queryRows(sql`UPDATE collector_lease SET expires_at = ${until}
    WHERE owner = ${me} AND expires_at >= ${now} RETURNING site_id`);
  const mine = renewed.map((r) => Number(r.site_id)).sort((a, b) => a - b);
  if (mine.length > fair) {
    // Give back the surplus so a newly started instance gets its share on its next tick.
    const surplus = mine.splice(fair);
    await execute(sql`UPDATE collector_lease SET owner = '', expires_at = 0
      WHERE owner = ${me} AND site_id IN (${join(surplus)})`);
  } else if (mine.length < fair) {
    const taken = await queryRows(sql`UPDATE collector_lease SET owner = ${me}, expires_at = ${until}
      WHERE site_id IN (SELECT site_id FROM collector_lease WHERE expires_at < ${now}
                        ORDER BY site_id LIMIT ${fair - mine.length} FOR UPDATE SKIP LOCKED)
      RETURNING site_id`);
    mine.push(...taken.map((r) => Number(r.site_id)));
  }
  return mine.sort((a, b) => a - b);
}

/** Gives up this instance's leases (clean shutdown): its sites are claimable at once. */
export async function releaseSiteLeases(instanceId: string): Promise<void> {
  await execute(sql`UPDATE collector_lease SET owner = '', expires_at = 0 WHERE owner = ${instanceId}`);
  await execute(sql`DELETE FROM collector_instance WHERE id = ${instanceId}`);
}

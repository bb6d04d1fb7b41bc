import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { loadConfig } from '../../config.js';
import type { App } from '../../deps.js';
import { awardedProcurement, contractBody } from '../../../../tests/support/contracts.js';
import { createOrganisation, createUser, login, type Session } from '../../../../tests/support/factories.js';
import { answerReadiness } from '../../../../tests/support/social.js';
import { createTestDatabase } from '../../../../tests/support/test-database.js';

/**
 * The results answer cache (docs/decisions/0805) against a real database: a repeated dashboard
 * or public page comes from memory; every committed write — through the API or straight into
 * the database, as another server process or the CLI would make it — is in the next answer; and
 * a cached answer equals the one an app without the cache computes on the same database.
 */
const NOW = new Date('2025-10-01T10:00:00Z');
const EMPLOYMENT = { key: 'employment-condition', parameters: { positions: 40, employment_months: 6, target_groups: ['newly_arrived', 'income_support'] } };

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let cachedApp: App;
let uncachedApp: App;
let coordinator: Session;
let viewerCached: Session;
let viewerUncached: Session;
let org: Awaited<ReturnType<typeof createOrganisation>>;
let contract: { id: string; commitments: Array<{ id: string }> };

async function appWith(env: Record<string, string>): Promise<App> {
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', HANSYN_LOGIN_RATE_LIMIT: '1000', ...env }), database, now: () => NOW });
  await app.ready();
  return app;
}

beforeAll(async () => {
  database = await createTestDatabase();
  cachedApp = await appWith({});
  uncachedApp = await appWith({ HANSYN_LIST_CACHE_ENTRIES: '0' });
  org = await createOrganisation(database.db, { name: 'Cachekommun', openDataPublished: true });
  const coordinatorUser = await createUser(database.db, org.id, ['coordinator']);
  const viewerUser = await createUser(database.db, org.id, ['viewer']);
  coordinator = await login(cachedApp, coordinatorUser.email);
  viewerCached = await login(cachedApp, viewerUser.email);
  viewerUncached = await login(uncachedApp, viewerUser.email);
  await answerReadiness(coordinator);
  const p = await awardedProcurement(coordinator, org.unit.id, [EMPLOYMENT]);
  const created = await coordinator.post('/api/contracts', contractBody(p.id, { startsOn: '2025-01-01', endsOn: '2026-12-31' }));
  expect(created.statusCode, created.body).toBe(201);
  contract = created.json();
  for (let i = 0; i < 7; i++) {
    const r = await coordinator.post(`/api/contracts/${contract.id}/placements`, {
      commitmentId: contract.commitments[0]!.id,
      participantRef: `C-${i}`,
      targetGroup: i < 5 ? 'income_support' : 'newly_arrived',
      startedOn: '2025-02-01',
      extentPercent: 100,
      employmentForm: 'las_employment',
    });
    expect(r.statusCode, r.body).toBe(201);
  }
}, 180_000);
afterAll(async () => {
  await cachedApp?.close();
  await uncachedApp?.close();
  await database?.close();
});

async function dashboard(session: Session) {
  const r = await session.get('/api/results/dashboard?year=2025');
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { peopleEmployed: { total: number | { suppressed: true } } };
}
async function publicPage(app: App, query = '') {
  const r = await app.inject({ method: 'GET', url: `/api/public/organisations/${org.slug}/results?year=2025${query}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json() as { peopleEmployed: { total: number | { suppressed: true } } };
}
const insertPlacement = (ref: string) =>
  database.db.execute(
    sql`insert into placements (organisation_id, contract_id, commitment_id, participant_ref, target_group, started_on, extent_percent, employment_form)
        values (${org.id}, ${contract.id}, ${contract.commitments[0]!.id}, ${ref}, 'income_support', '2025-03-01', 100, 'las_employment')`,
  );

describe('the results cache', () => {
  it('serves a repeated dashboard and public page from memory: a write that bypasses the version triggers stays unseen', async () => {
    expect((await dashboard(viewerCached)).peopleEmployed.total).toBe(7);
    expect((await publicPage(cachedApp)).peopleEmployed.total).toBe(7);
    await database.db.execute(sql`alter table placements disable trigger user`);
    try {
      await insertPlacement('C-hidden');
      // Only cached answers can still say 7.
      expect((await dashboard(viewerCached)).peopleEmployed.total).toBe(7);
      expect((await publicPage(cachedApp)).peopleEmployed.total).toBe(7);
      // The app without the cache reads the database.
      expect((await dashboard(viewerUncached)).peopleEmployed.total).toBe(8);
    } finally {
      await database.db.execute(sql`alter table placements enable trigger user`);
    }
    await database.db.execute(sql`delete from placements where participant_ref = 'C-hidden'`);
    expect((await dashboard(viewerCached)).peopleEmployed.total).toBe(7);
  });

  it('shows a placement written straight into the database at once, on the dashboard and the public page', async () => {
    await dashboard(viewerCached);
    await publicPage(cachedApp);
    await insertPlacement('C-direct');
    expect((await dashboard(viewerCached)).peopleEmployed.total).toBe(8);
    expect((await publicPage(cachedApp)).peopleEmployed.total).toBe(8);
  });

  it('shows goals, supplier names, the open-data switch and deviations written straight into the database', async () => {
    await dashboard(viewerCached);
    await database.db.execute(sql`insert into organisation_goals (organisation_id, year, metric, target) values (${org.id}, 2025, 'people_employed', 25)`);
    const withGoal = (await (await viewerCached.get('/api/results/dashboard?year=2025')).json()) as { trend: Array<{ year: number; targets: { peopleEmployed: number | null } }> };
    expect(withGoal.trend.find((t) => t.year === 2025)!.targets.peopleEmployed).toBe(25);

    await publicPage(cachedApp);
    await database.db.execute(sql`update suppliers set name = 'Omdöpt AB' where id = (select supplier_id from contracts where id = ${contract.id})`);
    const renamed = (await (await cachedApp.inject({ method: 'GET', url: `/api/public/organisations/${org.slug}/results?year=2025` })).json()) as { contracts: Array<{ supplier: { name: string } }> };
    expect(renamed.contracts[0]!.supplier.name).toBe('Omdöpt AB');

    await database.db.execute(
      sql`insert into deviations (organisation_id, contract_id, kind, key, detected_on, details) values (${org.id}, ${contract.id}, 'at_risk', 'test:risk', '2025-09-30', '{}'::jsonb)`,
    );
    const risky = (await (await viewerCached.get('/api/results/dashboard?year=2025')).json()) as { contractsAtRisk: unknown[] };
    expect(risky.contractsAtRisk).toHaveLength(1);

    await database.db.execute(sql`update organisations set open_data_published = false where id = ${org.id}`);
    expect((await cachedApp.inject({ method: 'GET', url: `/api/public/organisations/${org.slug}/results?year=2025` })).statusCode).toBe(404);
    await database.db.execute(sql`update organisations set open_data_published = true where id = ${org.id}`);
  });

  it('answers exactly what an app without the cache computes, for the dashboard and each public view', async () => {
    for (const query of ['', `&unit=${org.unit.id}`, `&unit=${org.otherUnit.id}`]) {
      await publicPage(cachedApp, query); // fills the cache
      expect(await publicPage(cachedApp, query)).toEqual(await publicPage(uncachedApp, query));
    }
    await dashboard(viewerCached);
    expect(await dashboard(viewerCached)).toEqual(await dashboard(viewerUncached));
  });

  it('sends a cached answer as the same JSON text, with the same content type, as an answer computed anew', async () => {
    for (const [cachedGet, uncachedGet] of [
      [() => viewerCached.get('/api/results/dashboard?year=2025'), () => viewerUncached.get('/api/results/dashboard?year=2025')],
      [() => cachedApp.inject({ method: 'GET', url: `/api/public/organisations/${org.slug}/results?year=2025` }), () => uncachedApp.inject({ method: 'GET', url: `/api/public/organisations/${org.slug}/results?year=2025` })],
      [() => cachedApp.inject({ method: 'GET', url: `/api/public/organisations/${org.slug}/results.json?year=2025` }), () => uncachedApp.inject({ method: 'GET', url: `/api/public/organisations/${org.slug}/results.json?year=2025` })],
      [() => cachedApp.inject({ method: 'GET', url: `/api/public/organisations/${org.slug}/results.csv?year=2025` }), () => uncachedApp.inject({ method: 'GET', url: `/api/public/organisations/${org.slug}/results.csv?year=2025` })],
    ] as const) {
      await cachedGet(); // fills the cache
      const [hit, fresh] = [await cachedGet(), await uncachedGet()];
      expect(hit.statusCode, hit.body).toBe(200);
      expect(hit.headers['content-type']).toBe(fresh.headers['content-type']);
      expect(hit.body).toBe(fresh.body);
    }
  });

  it('follows an organisation to its new slug: the old one answers 404 at once', async () => {
    await publicPage(cachedApp);
    const oldSlug = org.slug;
    await database.db.execute(sql`update organisations set slug = ${`${oldSlug}-ny`} where id = ${org.id}`);
    try {
      expect((await cachedApp.inject({ method: 'GET', url: `/api/public/organisations/${oldSlug}/results?year=2025` })).statusCode).toBe(404);
      expect((await cachedApp.inject({ method: 'GET', url: `/api/public/organisations/${oldSlug}-ny/results?year=2025` })).statusCode).toBe(200);
    } finally {
      await database.db.execute(sql`update organisations set slug = ${oldSlug} where id = ${org.id}`);
    }
    expect((await publicPage(cachedApp)).peopleEmployed.total).toBe(8);
  });
});

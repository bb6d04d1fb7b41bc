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
 * The contract page and fulfilment answer cache (docs/decisions/0432) against a real database:
 * a repeated answer comes from memory, it equals what an app without the cache computes on the
 * same database for every role, every committed write — through the API, or straight into the
 * database as another server process or the CLI would make it — is in the next answer, another
 * organisation's contract stays 404, and a viewer's answer never carries a participant reference.
 */
const AS_OF = '2025-08-01';
const PARTICIPANT = 'P-CACHE-0001';

let database: Awaited<ReturnType<typeof createTestDatabase>>;
let cachedApp: App;
let uncachedApp: App;
let orgId: string;
let contractId: string;
let commitmentId: string;
let coordinator: Session;
const roles = ['coordinator', 'labour_market', 'procurer', 'viewer', 'admin'] as const;
const cachedAs = {} as Record<(typeof roles)[number], Session>;
const uncachedAs = {} as Record<(typeof roles)[number], Session>;
let otherUnitProcurer: Session;
let outsider: Session;

async function appWith(env: Record<string, string>): Promise<App> {
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', HANSYN_LOGIN_RATE_LIMIT: '1000', ...env }), database });
  await app.ready();
  return app;
}

beforeAll(async () => {
  database = await createTestDatabase();
  cachedApp = await appWith({});
  uncachedApp = await appWith({ HANSYN_LIST_CACHE_ENTRIES: '0' });
  const org = await createOrganisation(database.db, { name: 'Avtalscachekommun' });
  orgId = org.id;
  for (const role of roles) {
    const user = await createUser(database.db, org.id, [role === 'procurer' ? { role, unitId: org.unit.id } : role]);
    cachedAs[role] = await login(cachedApp, user.email);
    uncachedAs[role] = await login(uncachedApp, user.email);
  }
  coordinator = cachedAs.coordinator;
  otherUnitProcurer = await login(cachedApp, (await createUser(database.db, org.id, [{ role: 'procurer', unitId: org.otherUnit.id }])).email);
  const other = await createOrganisation(database.db, { name: 'Grannkommun' });
  outsider = await login(cachedApp, (await createUser(database.db, other.id, ['coordinator'])).email);
  await answerReadiness(coordinator);
  const p = await awardedProcurement(coordinator, org.unit.id, [{ key: 'employment-condition', parameters: { positions: 2, employment_months: 6, first_hire_within_months: 6 } }]);
  const c = await coordinator.post('/api/contracts', contractBody(p.id, { startsOn: '2025-01-01', endsOn: '2026-12-31' }));
  expect(c.statusCode, c.body).toBe(201);
  contractId = c.json().id;
  commitmentId = c.json().commitments[0].id;
  const placed = await cachedAs.labour_market.post(`/api/contracts/${contractId}/placements`, {
    commitmentId,
    participantRef: PARTICIPANT,
    targetGroup: 'newly_arrived',
    startedOn: '2025-02-01',
    extentPercent: 100,
    employmentForm: 'las_employment',
    ssykCode: '9111',
  });
  expect(placed.statusCode, placed.body).toBe(201);
}, 120_000);
afterAll(async () => {
  await cachedApp?.close();
  await uncachedApp?.close();
  await database?.close();
});

type Page = { referenceNumber: string; unit: { name: string }; procurement: { title: string }; supplier: { name: string }; placements: Array<{ participantRef: string }>; placementCount: number; openDeviations: number; mayReadPlacements: boolean };
type Fulfilment = { commitments: Array<{ positionsFulfilled: number; fullTimeMonthsServed: number; placements: Array<{ placementId: string }> }> };

async function page(session: Session, id = contractId): Promise<Page> {
  const response = await session.get(`/api/contracts/${id}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Page;
}

async function fulfilment(session: Session, asOf = AS_OF): Promise<Fulfilment> {
  const response = await session.get(`/api/contracts/${contractId}/fulfilment?asOf=${asOf}`);
  expect(response.statusCode, response.body).toBe(200);
  return response.json() as Fulfilment;
}

async function lookups(answer: string): Promise<{ hit: number; miss: number }> {
  const text = (await cachedApp.inject({ method: 'GET', url: '/metrics' })).body;
  const count = (result: string) => Number(new RegExp(`hansyn_cache_lookups_total\\{cache="${answer}",result="${result}"\\} (\\d+)`).exec(text)?.[1] ?? 0);
  return { hit: count('hit'), miss: count('miss') };
}

describe('the contract page and fulfilment cache', () => {
  it('serves a repeated answer from memory: a write that bypasses the version triggers stays unseen', async () => {
    expect((await page(coordinator)).placementCount).toBe(1);
    const served = (await fulfilment(coordinator)).commitments[0]!.fullTimeMonthsServed;
    const before = { page: await lookups('contract_page'), fulfilment: await lookups('contract_fulfilment') };
    await database.db.execute(sql`alter table placements disable trigger user`);
    try {
      await database.db.execute(sql`update placements set started_on = '2025-05-01' where contract_id = ${contractId}`);
      await database.db.execute(
        sql`insert into placements (organisation_id, contract_id, commitment_id, participant_ref, target_group, started_on, extent_percent, employment_form) values (${orgId}, ${contractId}, ${commitmentId}, 'P-HIDDEN', 'newly_arrived', '2025-03-01', 100, 'las_employment')`,
      );
      // Only cached answers can still show one placement and the months served before the change.
      expect((await page(coordinator)).placementCount).toBe(1);
      expect((await fulfilment(coordinator)).commitments[0]!.fullTimeMonthsServed).toBe(served);
      // The app without the cache reads the database.
      expect((await page(uncachedAs.coordinator)).placementCount).toBe(2);
      expect((await fulfilment(uncachedAs.coordinator)).commitments[0]!.fullTimeMonthsServed).not.toBe(served);
      // Another date is another answer, computed from the database.
      expect((await fulfilment(coordinator, '2025-08-02')).commitments[0]!.placements).toHaveLength(2);
    } finally {
      await database.db.execute(sql`alter table placements enable trigger user`);
    }
    expect((await lookups('contract_page')).hit).toBe(before.page.hit + 1);
    expect((await lookups('contract_fulfilment')).hit).toBe(before.fulfilment.hit + 1);
    await database.db.execute(sql`delete from placements where participant_ref = 'P-HIDDEN'`);
    await database.db.execute(sql`update placements set started_on = '2025-02-01' where contract_id = ${contractId}`);
    expect((await page(coordinator)).placementCount).toBe(1);
    expect((await fulfilment(coordinator)).commitments[0]!.fullTimeMonthsServed).toBe(served);
  });

  it('answers exactly what an app without the cache computes, for every role', async () => {
    for (const role of roles) {
      await page(cachedAs[role]); // fills the cache (or hits it)
      expect(await page(cachedAs[role]), role).toEqual(await page(uncachedAs[role]));
      await fulfilment(cachedAs[role]);
      expect(await fulfilment(cachedAs[role]), role).toEqual(await fulfilment(uncachedAs[role]));
    }
    expect((await page(cachedAs.coordinator)).placements.map((p) => p.participantRef)).toEqual([PARTICIPANT]);
  });

  it('never gives a viewer or an admin a participant reference, however the cache was filled', async () => {
    await page(cachedAs.coordinator);
    for (const session of [cachedAs.viewer, cachedAs.admin]) {
      for (const path of [`/api/contracts/${contractId}`, `/api/contracts/${contractId}/fulfilment?asOf=${AS_OF}`]) {
        const response = await session.get(path);
        expect(response.statusCode, response.body).toBe(200);
        expect(response.body).not.toContain(PARTICIPANT);
        expect(response.body).not.toContain('participantRef');
      }
      expect(await page(session)).toMatchObject({ mayReadPlacements: false, placements: [], placementCount: 1 });
    }
  });

  it('keeps the permission check on every request: another unit’s procurer and another organisation get 404', async () => {
    await page(coordinator);
    await fulfilment(coordinator);
    for (const session of [otherUnitProcurer, outsider]) {
      expect((await session.get(`/api/contracts/${contractId}`)).statusCode).toBe(404);
      expect((await session.get(`/api/contracts/${contractId}/fulfilment?asOf=${AS_OF}`)).statusCode).toBe(404);
    }
    expect((await cachedAs.procurer.get(`/api/contracts/${contractId}`)).statusCode).toBe(200);
  });

  it('shows a placement added through the API at once, on the page and in the fulfilment', async () => {
    const months = (await fulfilment(coordinator)).commitments[0]!.placements.length;
    expect((await page(coordinator)).placementCount).toBe(1);
    const placed = await cachedAs.labour_market.post(`/api/contracts/${contractId}/placements`, {
      commitmentId,
      participantRef: 'P-CACHE-0002',
      targetGroup: 'newly_arrived',
      startedOn: '2025-04-01',
      extentPercent: 100,
      employmentForm: 'las_employment',
      ssykCode: '9111',
    });
    expect(placed.statusCode, placed.body).toBe(201);
    expect((await page(coordinator)).placementCount).toBe(2);
    expect((await page(cachedAs.viewer)).placementCount).toBe(2);
    expect((await fulfilment(coordinator)).commitments[0]!.placements).toHaveLength(months + 1);
  });

  it('shows writes straight into the database at once, as another process would make them', async () => {
    await page(coordinator);
    await fulfilment(coordinator);
    await database.db.execute(sql`update placements set started_on = '2025-06-01' where participant_ref = 'P-CACHE-0002'`);
    expect((await fulfilment(coordinator)).commitments[0]!.fullTimeMonthsServed).toEqual((await fulfilment(uncachedAs.coordinator)).commitments[0]!.fullTimeMonthsServed);

    await database.db.execute(
      sql`insert into deviations (organisation_id, contract_id, kind, key, detected_on, details) values (${orgId}, ${contractId}, 'first_hire_missed', 'test:cache', '2025-07-02', '{}'::jsonb)`,
    );
    expect((await page(coordinator)).openDeviations).toBe(1);

    await database.db.execute(sql`update suppliers set name = 'Nytt Leverantörsnamn AB' where id = (select supplier_id from contracts where id = ${contractId})`);
    expect((await page(cachedAs.viewer)).supplier.name).toBe('Nytt Leverantörsnamn AB');

    // Register fields: the unit's name and the procurement's title move the register version.
    await database.db.execute(sql`update units set name = 'Omdöpt enhet' where id = (select unit_id from contracts where id = ${contractId})`);
    expect((await page(coordinator)).unit.name).toBe('Omdöpt enhet');
    await database.db.execute(sql`update procurements set title = 'Ny titel på upphandlingen' where id = (select procurement_id from contracts where id = ${contractId})`);
    expect((await page(cachedAs.viewer)).procurement.title).toBe('Ny titel på upphandlingen');

    // A contract moved to another unit is refused at once to the procurer of the first unit.
    await database.db.execute(sql`update contracts set unit_id = (select id from units where organisation_id = ${orgId} and code = 'U2') where id = ${contractId}`);
    expect((await cachedAs.procurer.get(`/api/contracts/${contractId}`)).statusCode).toBe(404);
    expect((await cachedAs.procurer.get(`/api/contracts/${contractId}/fulfilment?asOf=${AS_OF}`)).statusCode).toBe(404);
    expect((await otherUnitProcurer.get(`/api/contracts/${contractId}`)).statusCode).toBe(200);
  });
});

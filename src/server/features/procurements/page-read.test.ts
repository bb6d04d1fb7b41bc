import { eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procurements } from '../../../db/schema/index.js';
import { createOrganisation, createTestApp, createUser, login, validProcurement, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { findProcurement } from './procurement-repository.js';

/**
 * The procurement page is read as one JSON value (procurement-repository.ts, decision 0915), on its
 * own and riding in the caller's statement. JSON carries no types of its own: these tests pin what
 * the record holds against the columns as Drizzle types them (dates, numeric, bigint, arrays) and
 * show that the page answered through the API — the rider on a request whose caller is read from
 * the database — is the same as the page read on its own.
 */
let ctx: TestContext;
let org: Awaited<ReturnType<typeof createOrganisation>>;
let coordinator: Session;
let responsibleId: string;
let id: string;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await createOrganisation(ctx.db);
  const responsible = await createUser(ctx.db, org.id, ['coordinator']);
  responsibleId = responsible.id;
  coordinator = await login(ctx.app, responsible.email);
  const created = await coordinator.post(
    '/api/procurements',
    validProcurement(org.unit.id, { title: 'Parkskötsel', responsibleUserId: responsibleId, labourNeedFte: 7.25, estimatedValueOre: 98_765_432_10 }),
  );
  expect(created.statusCode, created.body).toBe(201);
  id = (created.json() as { id: string }).id;
  await ctx.db.execute(
    sql`insert into procurement_lots (organisation_id, procurement_id, lot_number, title, main_cpv, estimated_value_ore, duration_months) values (${org.id}, ${id}, 2, 'Delområde söder', '77311000', 4500000000, 36), (${org.id}, ${id}, 1, 'Delområde norr', '77310000', null, null)`,
  );
  const decided = await coordinator.request({ method: 'PUT', url: `/api/procurements/${id}/decision`, payload: { kind: 'none', requirements: [], justification: 'Branschen saknar kandidater just nu, enligt stödfunktionen.' } });
  expect(decided.statusCode, decided.body).toBe(200);
});
afterAll(() => ctx.close());

describe('the procurement page as one JSON value', () => {
  it('holds what the columns hold, with their types', async () => {
    const record = await findProcurement(ctx.db, org.id, id);
    const [row] = await ctx.db.select().from(procurements).where(eq(procurements.id, id));
    expect(record).not.toBeNull();
    expect(record!).toMatchObject({
      id,
      organisationId: org.id,
      title: 'Parkskötsel',
      unit: { id: org.unit.id, code: 'U1', name: 'Enhet ett' },
      responsible: { id: responsibleId, displayName: 'Test Testsson' },
      contractNature: 'services',
      additionalCpv: ['90919200'],
      estimatedValueOre: 98_765_432_10,
      contractStart: '2026-04-01',
      durationMonths: 24,
      extensionMonths: 12,
      labourNeedFte: 7.25,
      status: 'planned',
      version: row!.version,
      decision: { kind: 'none', revision: 1, hasSocialConsiderations: false },
    });
    expect(record!.createdAt).toBeInstanceOf(Date);
    expect(record!.createdAt.getTime()).toBe(row!.createdAt.getTime());
    expect(record!.updatedAt.getTime()).toBe(row!.updatedAt.getTime());
    expect(record!.decision!.decidedAt).toBeInstanceOf(Date);
    expect(record!.screening).toMatchObject({ policyVersion: expect.any(Number), missingFacts: expect.any(Array) });
    expect(record!.screening!.screenedAt).toBeInstanceOf(Date);
    expect(record!.screening!.summary.sv.length).toBeGreaterThan(0);
    expect(record!.lots).toEqual([
      { lotNumber: 1, title: 'Delområde norr', mainCpv: '77310000', estimatedValueOre: null, durationMonths: null },
      { lotNumber: 2, title: 'Delområde söder', mainCpv: '77311000', estimatedValueOre: 4_500_000_000, durationMonths: 36 },
    ]);
  });

  it('is null for another organisation’s procurement and for none', async () => {
    const other = await createOrganisation(ctx.db);
    expect(await findProcurement(ctx.db, other.id, id)).toBeNull();
    expect(await findProcurement(ctx.db, org.id, '00000000-0000-4000-8000-000000000000')).toBeNull();
  });

  it('answers the same through the API, where it rides with the caller, as read on its own', async () => {
    // A fresh session: its first request reads the caller (and the page) from the database.
    const fresh = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
    const response = await fresh.get(`/api/procurements/${id}`);
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json() as Record<string, unknown>;
    const record = (await findProcurement(ctx.db, org.id, id))!;
    expect(body).toMatchObject({
      id,
      title: record.title,
      version: record.version,
      labourNeedFte: 7.25,
      estimatedValueOre: 98_765_432_10,
      createdAt: record.createdAt.toISOString(),
      updatedAt: record.updatedAt.toISOString(),
      responsible: { id: responsibleId, displayName: 'Test Testsson' },
      lots: record.lots.map((l) => ({ ...l, mainCpv: expect.objectContaining({ code: l.mainCpv }) })),
    });
  });
});

import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { procurements } from '../../../db/schema/index.js';
import { createOrganisation, createTestApp, createUser, login, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { CONSTRUCTED_BUYER_NUMBER, CONSTRUCTED_NOTICE } from '../../../../tests/support/notice-variants.js';
import { importNotices } from '../notices/notice-import-service.js';
import { setImportedStatus } from './procurement-import-service.js';

let ctx: TestContext;
let coordinator: Session;
let organisationId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const org = await createOrganisation(ctx.db, { organisationNumber: CONSTRUCTED_BUYER_NUMBER });
  organisationId = org.id;
  coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  async function* sources() {
    yield { name: 'cn.xml', bytes: new TextEncoder().encode(CONSTRUCTED_NOTICE) };
  }
  expect(await importNotices(ctx.db, sources(), { now: () => new Date(), by: { operator: 'test' }, source: 'test' })).toMatchObject({ procurements: { created: 1 } });
});
afterAll(() => ctx.close());

describe('setImportedStatus (issue 9, item 4: optimistic locking must see every write)', () => {
  it('bumps version and updatedAt, so an editor holding the old version gets 409 stale_version', async () => {
    // A planned procurement that a contract notice publishes (a status that stays editable).
    await ctx.db.update(procurements).set({ status: 'planned' }).where(eq(procurements.organisationId, organisationId));
    const [before] = await ctx.db.select().from(procurements).where(eq(procurements.organisationId, organisationId));
    const at = new Date('2031-05-06T07:08:09.000Z');
    await setImportedStatus(ctx.db, organisationId, before!.id, 'published', at);
    const [after] = await ctx.db.select().from(procurements).where(eq(procurements.id, before!.id));
    expect(after).toMatchObject({ status: 'published', version: before!.version + 1, updatedAt: at });
    const stale = await coordinator.patch(`/api/procurements/${before!.id}`, { version: before!.version, title: 'Ändrad med gammal version' });
    expect(stale.statusCode).toBe(409);
    expect(stale.json()).toMatchObject({ code: 'stale_version' });
  });

  it("never touches another organisation's procurement", async () => {
    const other = await createOrganisation(ctx.db);
    const [row] = await ctx.db.select().from(procurements).where(eq(procurements.organisationId, organisationId));
    await setImportedStatus(ctx.db, other.id, row!.id, 'cancelled', new Date('2032-01-01T00:00:00Z'));
    const [unchanged] = await ctx.db.select().from(procurements).where(eq(procurements.id, row!.id));
    expect(unchanged).toMatchObject({ status: row!.status, version: row!.version });
  });
});

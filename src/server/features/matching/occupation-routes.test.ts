import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, login, type Session, type TestContext } from '../../../../tests/support/factories.js';

let ctx: TestContext;
let labour: Session;

beforeAll(async () => {
  ctx = await createTestApp({}, { now: () => new Date('2025-03-03T10:00:00Z') });
  const org = await createOrganisation(ctx.db, { name: 'Exempelstads kommun' });
  labour = await login(ctx.app, (await createUser(ctx.db, org.id, ['labour_market'])).email);
});
afterAll(() => ctx.close());

describe('occupation search (the participant and need forms)', () => {
  it('finds an SSYK unit group by code and puts the exact code first', async () => {
    const res = await labour.get('/api/reference/occupations?q=9111');
    expect(res.statusCode, res.body).toBe(200);
    const items = res.json().items as Array<{ kind: string; ssykCode: string; occupationNameId: string | null }>;
    expect(items[0]).toMatchObject({ kind: 'ssyk', ssykCode: '9111', occupationNameId: null });
    expect(items.slice(1).every((i) => i.ssykCode === '9111' && i.kind === 'name')).toBe(true);
  });

  it('finds groups and JobTech names by every word, groups first; a need gets only unit groups and names', async () => {
    const all = (await labour.get('/api/reference/occupations?q=st%C3%A4d&limit=50')).json().items as Array<{ kind: string; ssykCode: string; sv: string }>;
    expect(all.length).toBeGreaterThan(1);
    expect(all.some((i) => i.kind === 'name')).toBe(true);
    expect(all.every((i) => i.sv.toLocaleLowerCase('sv').includes('städ') || i.kind === 'ssyk')).toBe(true);
    const twoDigits = (await labour.get('/api/reference/occupations?q=91')).json().items as Array<{ ssykCode: string; kind: string }>;
    expect(twoDigits[0]).toMatchObject({ ssykCode: '91', kind: 'ssyk' });
    const forNeed = (await labour.get('/api/reference/occupations?q=91&unitGroupsOnly=true')).json().items as Array<{ ssykCode: string; kind: string }>;
    expect(forNeed.length).toBeGreaterThan(0);
    expect(forNeed.every((i) => i.ssykCode.length === 4)).toBe(true);
  });

  it('refuses an empty query and anonymous callers', async () => {
    expect((await labour.get('/api/reference/occupations?q=')).statusCode).toBe(400);
    expect((await ctx.app.inject({ method: 'GET', url: '/api/reference/occupations?q=9111' })).statusCode).toBe(401);
  });
});

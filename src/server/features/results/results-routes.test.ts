import fs from 'node:fs';
import { XMLParser } from 'fast-xml-parser';
import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardedProcurement, contractBody } from '../../../../tests/support/contracts.js';
import { createOrganisation, createTestApp, createUser, login, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { answerReadiness, put } from '../../../../tests/support/social.js';

let ctx: TestContext;
let org: Awaited<ReturnType<typeof createOrganisation>>;
let closed: Awaited<ReturnType<typeof createOrganisation>>;
let coordinator: Session;
let viewer: Session;
let admin: Session;
let supplier: Session;

const EMPLOYMENT = { key: 'employment-condition', parameters: { positions: 40, employment_months: 6, first_hire_within_months: 6, target_groups: ['newly_arrived', 'income_support'], penalty_ore: 50_000_00, correction_days: 30 } };
type Count = number | { suppressed: true };
interface Cell { key: string; count: Count }
const anon = (url: string) => ctx.app.inject({ method: 'GET', url });
async function goalRows(): Promise<number> {
  const result = await ctx.db.execute(sql`select count(*)::int as n from organisation_goals`);
  return Number((result as unknown as { rows: Array<{ n: number }> }).rows[0]!.n);
}
const isNumber = (c: Count | undefined): c is number => typeof c === 'number';

async function contractWithPlacements(unitId: string, people: Array<[string, number]>, prefix: string) {
  const procurement = await awardedProcurement(coordinator, unitId, [EMPLOYMENT]);
  const created = await coordinator.post('/api/contracts', contractBody(procurement.id, { supplier: { organisationNumber: '5560360793', name: 'Städ Exempel AB' } }));
  expect(created.statusCode, created.body).toBe(201);
  const c = created.json();
  let i = 0;
  for (const [group, count] of people) {
    for (let k = 0; k < count; k++) {
      const r = await coordinator.post(`/api/contracts/${c.id}/placements`, {
        commitmentId: c.commitments[0].id,
        participantRef: `${prefix}-${String(i++).padStart(3, '0')}`,
        targetGroup: group,
        startedOn: '2025-02-01',
        ...(k === 0 ? { endedOn: '2025-09-30', endReason: 'completed' } : {}),
        extentPercent: 100,
        employmentForm: 'las_employment',
      });
      expect(r.statusCode, r.body).toBe(201);
    }
  }
  return c;
}

beforeAll(async () => {
  ctx = await createTestApp();
  org = await createOrganisation(ctx.db, { name: 'Öppna kommun', openDataPublished: true, organisationNumber: '212000-1355' });
  closed = await createOrganisation(ctx.db, { name: 'Stängda kommun' });
  coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  viewer = await login(ctx.app, (await createUser(ctx.db, org.id, ['viewer'])).email);
  admin = await login(ctx.app, (await createUser(ctx.db, org.id, ['admin'])).email);
  supplier = await login(ctx.app, (await createUser(ctx.db, org.id, ['supplier'])).email);
  await answerReadiness(coordinator);
  // Unit one: 2 newly arrived (a small count) and 9 on income support; unit two: 8 and 11.
  await contractWithPlacements(org.unit.id, [['newly_arrived', 2], ['income_support', 9]], 'A');
  await contractWithPlacements(org.otherUnit.id, [['newly_arrived', 8], ['income_support', 11]], 'B');
}, 120_000);
afterAll(() => ctx.close());

const results = async (query = '') => {
  const r = await anon(`/api/public/organisations/${org.slug}/results?year=2025${query}`);
  expect(r.statusCode, r.body).toBe(200);
  return r.json();
};
const cell = (cells: Cell[], key: string) => cells.find((c) => c.key === key)?.count;

describe('GET /api/public/organisations/{slug}/results', () => {
  it('answers without sign-in with counts, value and contracts, and never a participant', async () => {
    const r = await results();
    expect(r.peopleEmployed.total).toBe(30);
    // Four placements ended completed in 2025 (one per contract and target group): a small count.
    expect(r.placementsCompleted.total).toEqual({ suppressed: true });
    expect(r.contracts).toHaveLength(2);
    expect(r.contracts[0]).toMatchObject({ supplier: { name: 'Städ Exempel AB', organisationNumber: '556036-0793' } });
    expect(['running', 'ended', 'at_risk', 'shortfall', 'not_started']).toContain(r.contracts[0].status);
    expect(r.value.totalOre).toBeGreaterThan(0);
    expect(r.goal).toMatchObject({ year: 2025, goalPercent: 50 });
    expect(JSON.stringify(r)).not.toMatch(/"[AB]-\d{3}"/);
  });

  it('hides unit one’s 2 newly arrived, and no subtraction of two views gives them back', async () => {
    const all = await results();
    const one = await results(`&unit=${org.unit.id}`);
    const two = await results(`&unit=${org.otherUnit.id}`);
    expect(cell(one.peopleEmployed.byTargetGroup, 'newly_arrived')).toEqual({ suppressed: true });
    // Whole organisation minus unit two, per target group.
    const wholeNew = cell(all.peopleEmployed.byTargetGroup, 'newly_arrived');
    const twoNew = cell(two.peopleEmployed.byTargetGroup, 'newly_arrived');
    expect(isNumber(wholeNew) && isNumber(twoNew)).toBe(false);
    // Unit one's total minus its other target group.
    const oneTotal = one.peopleEmployed.total;
    const oneIncome = cell(one.peopleEmployed.byTargetGroup, 'income_support');
    expect(isNumber(oneTotal) && isNumber(oneIncome)).toBe(false);
    // Unit one's row in the whole view minus its income-support cell.
    const oneRow = cell(all.peopleEmployed.byUnit, org.unit.id);
    expect(isNumber(oneRow) && isNumber(oneIncome)).toBe(false);
  });

  it('is 404 for an organisation that has not turned on open data, and for an unknown one', async () => {
    expect((await anon(`/api/public/organisations/${closed.slug}/results?year=2025`)).statusCode).toBe(404);
    expect((await anon('/api/public/organisations/finns-inte/results')).statusCode).toBe(404);
    expect((await anon(`/api/public/organisations/${closed.slug}/catalog.rdf`)).statusCode).toBe(404);
  });

  it.each([
    ['?year=1999', '/querystring/year'],
    ['?year=2025&unit=00000000-0000-4000-8000-000000000000', '/querystring/unit'],
    ['?year=2025&unit=nej', '/querystring/unit'],
  ])('refuses %s naming %s', async (query, path) => {
    const r = await anon(`/api/public/organisations/${org.slug}/results${query}`);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path)).toContain(path);
  });
});

describe('downloads and the licence', () => {
  it('CSV and JSON carry the licence the admin chose; suppressed counts read "prickad"', async () => {
    const csv = await anon(`/api/public/organisations/${org.slug}/results.csv?year=2025`);
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-type']).toContain('text/csv');
    expect(csv.headers.link).toContain('creativecommons.org/licenses/by/4.0/');
    expect(csv.body).toContain('prickad');
    expect(csv.body).not.toMatch(/[AB]-\d{3}/);
    expect((await viewer.request({ method: 'PUT', url: '/api/results/settings', payload: { licence: 'cc0' } })).statusCode).toBe(403);
    const set = await put(admin, '/api/results/settings', { licence: 'cc0' });
    expect(set.statusCode, set.body).toBe(200);
    const json = await anon(`/api/public/organisations/${org.slug}/results.json?year=2025`);
    expect(json.headers.link).toContain('publicdomain/zero/1.0/');
    expect(json.json().licence.id).toBe('cc0');
    const events = await ctx.db.execute(sql`select count(*)::int as n from audit_events where action = 'results.licence_set'`);
    expect(Number((events as unknown as { rows: Array<{ n: number }> }).rows[0]!.n)).toBe(1);
    await put(admin, '/api/results/settings', { licence: 'cc-by-4.0' });
  });
});

/** Mandatory properties per class, read from the DCAT-AP-SE 3.0.1 profile itself. */
function mandatoryProperties(): Record<string, string[]> {
  const bundle = JSON.parse(fs.readFileSync(new URL('../../../../tests/fixtures/dcat-ap-se/bundle-3.0.1.json', import.meta.url), 'utf8')) as { templates: Array<Record<string, unknown>> };
  const byId = new Map(bundle.templates.filter((t) => t.id).map((t) => [t.id as string, t]));
  const out: Record<string, string[]> = {};
  for (const [group, cls] of [['dcat:Catalog', 'dcat:Catalog'], ['dcat:Dataset', 'dcat:Dataset'], ['dcat:Distribution', 'dcat:Distribution'], ['dcat:foaf:Agent', 'foaf:Agent']] as const) {
    const props: string[] = [];
    for (const item of (byId.get(group)!.items as Array<string | Record<string, unknown>>)) {
      const ref = typeof item === 'string' ? { id: item } : item;
      const template = (ref.id ? byId.get(ref.id as string) : ref) ?? {};
      const card = (ref.cardinality ?? template.cardinality ?? {}) as { min?: number };
      if ((card.min ?? 0) < 1) continue;
      // A mandatory group (e.g. the distribution's format) is met by the property its members share.
      const property = (template.property as string | undefined) ?? (byId.get(((template.items as unknown[])?.[0] as string) ?? '')?.property as string | undefined);
      if (property) props.push(property);
    }
    out[cls] = props;
  }
  return out;
}

describe('GET /api/public/organisations/{slug}/catalog.rdf', () => {
  it('is RDF/XML with every mandatory property of DCAT-AP-SE on every catalogue, dataset, distribution and agent', async () => {
    const r = await anon(`/api/public/organisations/${org.slug}/catalog.rdf`);
    expect(r.statusCode).toBe(200);
    expect(r.headers['content-type']).toContain('application/rdf+xml');
    const doc = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@', isArray: (name) => !name.startsWith('@') }).parse(r.body);
    const root = doc['rdf:RDF'][0];
    const mandatory = mandatoryProperties();
    expect(mandatory['dcat:Catalog']).toEqual(expect.arrayContaining(['dcterms:title', 'dcterms:description', 'dcterms:publisher', 'dcterms:license', 'dcat:dataset']));
    expect(mandatory['dcat:Distribution']).toEqual(expect.arrayContaining(['dcat:accessURL', 'dcterms:format']));
    expect(mandatory['foaf:Agent']).toEqual(expect.arrayContaining(['foaf:name', 'dcterms:type']));
    let checked = 0;
    for (const [cls, props] of Object.entries(mandatory)) {
      const entities = root[cls] as Array<Record<string, unknown>> | undefined;
      expect(entities?.length ?? 0, cls).toBeGreaterThan(0);
      for (const entity of entities ?? []) {
        expect(String(entity['@rdf:about']), `${cls} has an absolute IRI`).toMatch(/^https?:\/\//);
        for (const p of props) {
          expect(entity[p], `${cls} ${String(entity['@rdf:about'])} lacks ${p}`).toBeDefined();
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThanOrEqual(5 + 3 + 2 * 3 + 2);
    expect(r.body).toContain('http://dataportal.se/organisation/SE2120001355');
    expect(r.body).toContain('<dcterms:license rdf:resource="http://creativecommons.org/licenses/by/4.0/"/>');
  });
});

describe('dashboard and goals', () => {
  it('gives viewers five years of goal fulfilment, people by target group, value by actor and contracts at risk', async () => {
    const r = await viewer.get('/api/results/dashboard?year=2025');
    expect(r.statusCode, r.body).toBe(200);
    const d = r.json();
    expect(d.trend.map((t: { year: number }) => t.year)).toEqual([2021, 2022, 2023, 2024, 2025]);
    expect(d.trend[4].peopleEmployed).toBe(30);
    expect(d.trend[0].peopleEmployed).toBe(0);
    expect(d.peopleEmployed.byTargetGroup.map((c: Cell) => c.key)).toEqual(['income_support', 'newly_arrived']);
    expect(Object.keys(d.value.actors)).toEqual(['individual', 'municipality', 'region', 'state', 'employer']);
    expect(Array.isArray(d.contractsAtRisk)).toBe(true);
    expect((await supplier.get('/api/results/dashboard?year=2025')).statusCode).toBe(403);
  });

  it('keeps a goal’s history: a change supersedes, never overwrites', async () => {
    expect((await put(coordinator, '/api/results/goals', { year: 2025, metric: 'people_employed', target: 25 })).statusCode).toBe(200);
    const second = await put(coordinator, '/api/results/goals', { year: 2025, metric: 'people_employed', target: 35 });
    expect(second.statusCode, second.body).toBe(200);
    const list = (await viewer.get('/api/results/goals?year=2025')).json().items.filter((g: { metric: string }) => g.metric === 'people_employed');
    expect(list.map((g: { target: number; supersededAt: string | null }) => [g.target, g.supersededAt === null])).toEqual([[35, true], [25, false]]);
    const d = (await viewer.get('/api/results/dashboard?year=2025')).json();
    expect(d.trend[4].targets.peopleEmployed).toBe(35);
    await put(coordinator, '/api/results/goals', { year: 2025, metric: 'social_share_percent', target: 60 });
    expect((await results()).goal.goalPercent).toBe(60);
  });

  it.each([
    [{ year: 2025, metric: 'social_share_percent', target: 101 }, '/body/target'],
    [{ year: 2025, metric: 'people_employed', target: 5, unitId: '00000000-0000-4000-8000-000000000000' }, '/body/unitId'],
    [{ year: 2025, metric: 'jobs', target: 5 }, '/body/metric'],
  ])('refuses %j naming %s and writes nothing', async (body, path) => {
    const before = await goalRows();
    const r = await put(coordinator, '/api/results/goals', body);
    expect(r.statusCode, r.body).toBe(400);
    expect(r.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    expect(await goalRows()).toBe(before);
  });

  it('only admins and coordinators set goals', async () => {
    expect((await put(viewer, '/api/results/goals', { year: 2025, metric: 'people_employed', target: 5 })).statusCode).toBe(403);
  });
});

describe('annual report', () => {
  it('is a PDF in Swedish and an .xlsx with every figure, for viewers; suppliers are refused', async () => {
    const pdf = await viewer.get('/api/results/annual-report.pdf?year=2025');
    expect(pdf.statusCode, pdf.body.slice(0, 200)).toBe(200);
    expect(pdf.headers['content-type']).toBe('application/pdf');
    expect(pdf.rawPayload.subarray(0, 5).toString()).toBe('%PDF-');
    expect(pdf.rawPayload.length).toBeGreaterThan(2000);
    const xlsx = await viewer.get('/api/results/annual-report.xlsx?year=2025');
    expect(xlsx.statusCode).toBe(200);
    const ExcelJS = (await import('exceljs')).default;
    const book = new ExcelJS.Workbook();
    await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
    expect(book.worksheets.map((w) => w.name)).toEqual(['Måluppfyllelse', 'Anställningar', 'Per målgrupp', 'Per förvaltning', 'Per leverantör', 'Per bransch', 'Värde', 'Avtal']);
    const people = book.getWorksheet('Anställningar')!;
    expect(people.getRow(2).values).toEqual([undefined, 'Anställda personer', 30]);
    const groups = book.getWorksheet('Per målgrupp')!;
    expect(groups.getRow(2).getCell(2).value).toBe(20);
    expect(JSON.stringify(book.getWorksheet('Avtal')!.getSheetValues())).not.toMatch(/[AB]-\d{3}/);
    expect((await supplier.get('/api/results/annual-report.pdf?year=2025')).statusCode).toBe(403);
  });
});

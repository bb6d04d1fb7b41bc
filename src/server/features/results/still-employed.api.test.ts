import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardedProcurement, contractBody } from '../../../../tests/support/contracts.js';
import { createOrganisation, createTestApp, createUser, login, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { answerReadiness, put } from '../../../../tests/support/social.js';

/**
 * "Still employed after the placement ended, where known" (issue 15): an officer records what
 * became of the person N months after an ended placement, and the results publish the share
 * among those known, with small counts protected.
 */
let ctx: TestContext;
let coordinator: Session;
let viewer: Session;
let org: Awaited<ReturnType<typeof createOrganisation>>;
let contractId: string;
const ended: string[] = [];
let running: string;

const EMPLOYMENT = { key: 'employment-condition', parameters: { positions: 40, employment_months: 6, target_groups: ['income_support'] } };

beforeAll(async () => {
  ctx = await createTestApp({}, { now: () => new Date('2025-12-01T10:00:00Z') });
  org = await createOrganisation(ctx.db, { openDataPublished: true });
  coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  viewer = await login(ctx.app, (await createUser(ctx.db, org.id, ['viewer'])).email);
  await answerReadiness(coordinator);
  const p = await awardedProcurement(coordinator, org.unit.id, [EMPLOYMENT]);
  const c = await coordinator.post('/api/contracts', contractBody(p.id, { startsOn: '2025-01-01', endsOn: '2026-12-31' }));
  expect(c.statusCode, c.body).toBe(201);
  contractId = c.json().id;
  const commitmentId = c.json().commitments[0].id;
  for (let i = 0; i < 13; i++) {
    const r = await coordinator.post(`/api/contracts/${contractId}/placements`, {
      commitmentId,
      participantRef: `S-${i}`,
      targetGroup: 'income_support',
      startedOn: '2025-01-15',
      ...(i < 12 ? { endedOn: '2025-05-31', endReason: 'completed' } : {}),
      extentPercent: 100,
      employmentForm: 'las_employment',
    });
    expect(r.statusCode, r.body).toBe(201);
    (i < 12 ? ended : []).push(r.json().id);
    if (i === 12) running = r.json().id;
  }
}, 180_000);
afterAll(() => ctx.close());

const record = (session: Session, placementId: string, monthsAfterEnd: number, status: string) => put(session, `/api/contracts/${contractId}/placements/${placementId}/outcomes`, { monthsAfterEnd, status });
const publicFigure = async (query = '') => {
  const r = await ctx.app.inject({ method: 'GET', url: `/api/public/organisations/${org.slug}/results?year=2025${query}` });
  expect(r.statusCode, r.body).toBe(200);
  return r.json().stillEmployedAfterEnd;
};

type Figure = { known: unknown; stillEmployed: unknown; employedBySupplier: unknown; sharePercent: unknown };

/**
 * The figure as every other published form states it: the CSV download, the JSON download and the
 * annual report workbook. Each must say exactly what the public page says, hidden cells included,
 * so none of them gives away a count the page hides (or one that follows from it).
 */
async function expectEveryFormToSay(figure: Figure) {
  expect(await publicFigure()).toEqual(figure);
  const json = await ctx.app.inject({ method: 'GET', url: `/api/public/organisations/${org.slug}/results.json?year=2025` });
  expect(json.statusCode, json.body).toBe(200);
  expect(json.json().stillEmployedAfterEnd).toEqual(figure);

  const csv = await ctx.app.inject({ method: 'GET', url: `/api/public/organisations/${org.slug}/results.csv?year=2025` });
  expect(csv.statusCode, csv.body).toBe(200);
  const rows = csv.body.trim().split('\r\n').map((line) => line.split(','));
  const inCsv = Object.fromEntries(rows.filter((r) => r[1] === 'stillEmployedAfterEnd').map((r) => [r[3], r[6]]));
  const asCsv = (v: unknown) => (v === null ? '' : typeof v === 'number' ? String(v) : 'prickad');
  expect(inCsv).toEqual({ known: asCsv(figure.known), stillEmployed: asCsv(figure.stillEmployed), employedBySupplier: asCsv(figure.employedBySupplier), sharePercent: asCsv(figure.sharePercent) });

  const xlsx = await viewer.get('/api/results/annual-report.xlsx?year=2025');
  expect(xlsx.statusCode).toBe(200);
  const ExcelJS = (await import('exceljs')).default;
  const book = new ExcelJS.Workbook();
  await book.xlsx.load(xlsx.rawPayload as unknown as ArrayBuffer);
  const sheet = book.getWorksheet('Anställningar')!;
  const asXlsx = (v: unknown) => (v === null ? 'ingen känd' : typeof v === 'number' ? v : 'prickad');
  expect([6, 7, 8, 9].map((row) => sheet.getRow(row).getCell(2).value)).toEqual([asXlsx(figure.known), asXlsx(figure.stillEmployed), asXlsx(figure.employedBySupplier), asXlsx(figure.sharePercent)]);
  const pdf = await viewer.get('/api/results/annual-report.pdf?year=2025');
  expect(pdf.statusCode).toBe(200);
}

describe('still employed after the placement ended', () => {
  it('starts with nobody known, in the downloads and the annual report too', async () => {
    expect(await publicFigure()).toEqual({ known: 0, stillEmployed: 0, employedBySupplier: 0, sharePercent: null });
    await expectEveryFormToSay({ known: 0, stillEmployed: 0, employedBySupplier: 0, sharePercent: null });
  });

  it('is recorded by a coordinator on an ended placement, one answer per months after the end', async () => {
    const first = await record(coordinator, ended[0]!, 6, 'employed_elsewhere');
    expect(first.statusCode, first.body).toBe(200);
    const again = await record(coordinator, ended[0]!, 6, 'employed_by_supplier');
    expect(again.json().items).toEqual([{ monthsAfterEnd: 6, status: 'employed_by_supplier', source: 'officer', recordedOn: '2025-12-01' }]);
    const read = await coordinator.get(`/api/contracts/${contractId}/placements/${ended[0]}/outcomes`);
    expect(read.json().items).toHaveLength(1);
  });

  it('is refused for a placement that has not ended, and unknown to a viewer (who never sees placements)', async () => {
    const notEnded = await record(coordinator, running, 6, 'employed_by_supplier');
    expect(notEnded.statusCode).toBe(400);
    expect(notEnded.json().errors[0].code).toBe('placement_not_ended');
    expect((await record(viewer, ended[1]!, 6, 'not_employed')).statusCode).toBe(404);
    expect((await viewer.get(`/api/contracts/${contractId}/placements/${ended[0]}/outcomes`)).statusCode).toBe(404);
  });

  it('hides the figure while 1–4 people are known, then shows the share among those known', async () => {
    expect(await publicFigure()).toEqual({ known: { suppressed: true }, stillEmployed: { suppressed: true }, employedBySupplier: { suppressed: true }, sharePercent: { suppressed: true } });
    await expectEveryFormToSay({ known: { suppressed: true }, stillEmployed: { suppressed: true }, employedBySupplier: { suppressed: true }, sharePercent: { suppressed: true } });
    // 12 ended: 6 employed by the supplier, 0 elsewhere, 5 not employed, 1 unknown (not known).
    for (let i = 1; i < 6; i++) expect((await record(coordinator, ended[i]!, 6, 'employed_by_supplier')).statusCode).toBe(200);
    for (let i = 6; i < 11; i++) expect((await record(coordinator, ended[i]!, 6, 'not_employed')).statusCode).toBe(200);
    expect((await record(coordinator, ended[11]!, 12, 'unknown')).statusCode).toBe(200);
    expect(await publicFigure()).toEqual({ known: 11, stillEmployed: 6, employedBySupplier: 6, sharePercent: 54.5 });
    const dashboard = (await viewer.get('/api/results/dashboard?year=2025')).json();
    expect(dashboard.stillEmployedAfterEnd).toEqual({ known: 11, stillEmployed: 6, employedBySupplier: 6, sharePercent: 54.5 });
    await expectEveryFormToSay({ known: 11, stillEmployed: 6, employedBySupplier: 6, sharePercent: 54.5 });
  });

  it('is published for the whole organisation only, never in a view filtered by unit', async () => {
    expect(await publicFigure(`&unit=${org.unit.id}`)).toBeNull();
  });

  it('counts the latest known answer: a later "not employed" replaces an earlier "employed"', async () => {
    // One of the six employed is not employed at 12 months: 5 employed and 6 not, neither 1–4, so shown.
    expect((await record(coordinator, ended[1]!, 12, 'not_employed')).statusCode).toBe(200);
    expect(await publicFigure()).toEqual({ known: 11, stillEmployed: 5, employedBySupplier: 5, sharePercent: 45.5 });
  });

  it('hides the people employed by the supplier in every form when those employed elsewhere are 1–4', async () => {
    // One of the not employed is employed elsewhere at 12 months: 6 employed, 5 by the supplier, 1 elsewhere.
    expect((await record(coordinator, ended[6]!, 12, 'employed_elsewhere')).statusCode).toBe(200);
    await expectEveryFormToSay({ known: 11, stillEmployed: 6, employedBySupplier: { suppressed: true }, sharePercent: 54.5 });
  });
});

import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildDeflatedZip } from '../../../../tests/support/build-deflated-zip.js';
import { awardedProcurement, contractBody } from '../../../../tests/support/contracts.js';
import { createOrganisation, createTestApp, createUser, invitationTokenFor, login, TEST_PASSWORD, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { answerReadiness } from '../../../../tests/support/social.js';
import { auditEvents, supplierReports } from '../../../db/schema/index.js';

/*
 * A period's report as .xlsx (docs/supplier-portal.md), through the API on PGlite and (with
 * TEST_DATABASE_URL) PostgreSQL: the template, a preview, the report sent, and hostile files —
 * none of which stores anything.
 */
const TODAY = new Date('2025-05-10T10:00:00Z');
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const S = { organisationNumber: '559900-0014', name: 'Lokalvård Väst AB (test)' };
const T = { organisationNumber: '559900-0022', name: 'Byggkraft AB (test)' };
const EMPLOYMENT = { key: 'employment-condition', parameters: { positions: 2, employment_months: 6, first_hire_within_months: 6, target_groups: ['newly_arrived'], penalty_ore: 50_000_00, correction_days: 30, reporting_interval_months: 3 } };
let ctx: TestContext;
let coord: Session;
let supplier: Session;
let otherSupplier: Session;
const ids: Record<string, string> = {};

function multipart(file: { name: string; content: Buffer; type?: string }, fields: Record<string, string> = {}) {
  const boundary = '----hansyn-xlsx-boundary';
  const parts = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${file.name}"\r\nContent-Type: ${file.type ?? XLSX}\r\n\r\n`);
  return { payload: Buffer.concat([...parts, head, file.content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

const url = (contractId = ids.contract!, sequence = 1) => `/api/supplier/contracts/${contractId}/periods/${sequence}/report.xlsx`;
const upload = (session: Session, content: Buffer, options: { preview?: boolean; fields?: Record<string, string>; name?: string; contractId?: string; sequence?: number } = {}) =>
  session.request({ method: 'POST', url: `${url(options.contractId, options.sequence)}?preview=${options.preview ?? true}`, ...multipart({ name: options.name ?? 'rapport.xlsx', content }, options.fields) });

async function reportCount(): Promise<number> {
  const [row] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(supplierReports);
  return row!.n;
}

async function template(sequence = 1): Promise<ExcelJS.Workbook> {
  const response = await supplier.get(url(ids.contract, sequence));
  expect(response.statusCode, response.body).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
  return workbook;
}

async function bytesOf(workbook: ExcelJS.Workbook): Promise<Buffer> {
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

async function contractFor(supplierIdentity: typeof S, unitId: string) {
  const p = await awardedProcurement(coord, unitId, [EMPLOYMENT]);
  const c = await coord.post('/api/contracts', contractBody(p.id, { supplier: supplierIdentity }));
  expect(c.statusCode, c.body).toBe(201);
  return c.json() as { id: string; referenceNumber: string; commitments: Array<{ id: string; kind: string }> };
}

async function inviteAndAccept(contractId: string, email: string): Promise<Session> {
  expect((await coord.post(`/api/contracts/${contractId}/supplier-contacts`, { email })).statusCode).toBe(201);
  const token = await invitationTokenFor(ctx.db, email);
  const accepted = await ctx.app.inject({ method: 'POST', url: '/api/invitation-links/accept', payload: { token, displayName: 'Kim Leverantör', password: TEST_PASSWORD } });
  expect(accepted.statusCode, accepted.body).toBeLessThan(300);
  return login(ctx.app, email);
}

beforeAll(async () => {
  ctx = await createTestApp({}, { now: () => TODAY });
  const buyer = await createOrganisation(ctx.db, { name: 'Köpstad kommun' });
  coord = await login(ctx.app, (await createUser(ctx.db, buyer.id, ['coordinator'])).email);
  await answerReadiness(coord);
  const c = await contractFor(S, buyer.unit.id);
  ids.contract = c.id;
  ids.reference = c.referenceNumber;
  ids.commitment = c.commitments.find((x) => x.kind === 'employment_condition')!.id;
  const placed = await coord.post(`/api/contracts/${c.id}/placements`, { commitmentId: ids.commitment, participantRef: 'AF-1001', targetGroup: 'newly_arrived', startedOn: '2025-02-01', extentPercent: 100, employmentForm: 'las_employment' });
  expect(placed.statusCode, placed.body).toBe(201);
  ids.placement = placed.json().id;
  ids.other = (await contractFor(T, buyer.unit.id)).id;
  supplier = await inviteAndAccept(c.id, 'kontakt@lokalvard.test');
  otherSupplier = await inviteAndAccept(ids.other, 'kontakt@byggkraft.test');
});
afterAll(() => ctx.close());

describe('the template', () => {
  it('is an .xlsx attachment with the known hires pre-filled and every column explained in Swedish and English', async () => {
    const response = await supplier.get(url());
    expect(response.headers['content-type']).toBe(XLSX);
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="rapport-.+-period-1\.xlsx"/);
    const workbook = await template();
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Rapport', 'Instruktioner']);
    const sheet = workbook.getWorksheet('Rapport')!;
    expect(sheet.getRow(1).values).toEqual([undefined, 'Anställnings-id', 'Referens', 'Åtagande', 'Första arbetsdag', 'Omfattning (%)', 'Anställningsform', 'Yrke (SSYK)', 'Sista arbetsdag', 'Orsak till avslut']);
    expect(sheet.getRow(2).getCell(1).value).toBe(ids.placement);
    expect(sheet.getRow(2).getCell(2).value).toBe('AF-1001');
    expect(sheet.rowCount).toBe(2);
    const help = workbook.getWorksheet('Instruktioner')!;
    const text = JSON.stringify(help.getSheetValues());
    expect(help.getRow(1).getCell(2).value).toBe(ids.reference);
    expect(text).toContain('Fyll i bara när en känd anställning har upphört');
    expect(text).toContain('Only when a known hire has ended');
    expect(text).toContain('Vi avslutade anställningen');
  });

  it('is 404 for another supplier and for a buyer', async () => {
    expect((await otherSupplier.get(url())).statusCode).toBe(404);
    expect((await coord.get(url())).statusCode).toBe(404);
    expect((await upload(otherSupplier, await bytesOf(await template()))).statusCode).toBe(404);
  });
});

describe('uploading hostile or wrong files stores nothing', () => {
  const expectProblem = async (response: Awaited<ReturnType<typeof upload>>, status: number, code: string) => {
    expect(response.statusCode, response.body).toBe(status);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json().code).toBe(code);
    expect(await reportCount()).toBe(0);
  };

  it('a file that is not a zip is refused by its content, whatever its name (415)', async () => {
    await expectProblem(await upload(supplier, Buffer.from('Anställnings-id;Referens\n;AF-2\n'), { preview: false, fields: { attestedBy: 'Kim Leverantör' } }), 415, 'unsupported_media_type');
    await expectProblem(await upload(supplier, Buffer.from('%PDF-1.4\n%%EOF\n'), { name: 'rapport.xlsx' }), 415, 'unsupported_media_type');
  });

  it('a file over 2 MB is refused (413)', async () => {
    const huge = Buffer.concat([Buffer.from([0x50, 0x4b, 0x03, 0x04]), Buffer.alloc(3 * 1024 * 1024, 0x41)]);
    await expectProblem(await upload(supplier, huge), 413, 'payload_too_large');
  });

  it('a zip bomb (a small file that unpacks to more than 20 MB) and a zip of too many parts are refused (413)', async () => {
    const bomb = buildDeflatedZip([{ name: 'xl/workbook.xml', data: Buffer.alloc(30 * 1024 * 1024, 0x20) }]);
    expect(bomb.length).toBeLessThan(2 * 1024 * 1024);
    await expectProblem(await upload(supplier, bomb), 413, 'payload_too_large');
    const parts = buildDeflatedZip(Array.from({ length: 150 }, (_, i) => ({ name: `xl/part${i}.xml`, data: Buffer.from('<x/>') })));
    await expectProblem(await upload(supplier, parts), 413, 'payload_too_large');
  });

  it('formulas, foreign columns and sheets, and another period’s template answer every problem at its row and column (422)', async () => {
    const workbook = await template();
    const sheet = workbook.getWorksheet('Rapport')!;
    sheet.getCell('J1').value = 'Lön';
    sheet.getCell('C1').value = null;
    sheet.getCell('B3').value = { formula: 'HYPERLINK("http://evil.example","x")', result: 'x' } as ExcelJS.CellValue;
    workbook.addWorksheet('Makron').addRow(['x']);
    workbook.getWorksheet('Instruktioner')!.getCell('B2').value = 2;
    const response = await upload(supplier, await bytesOf(workbook));
    await expectProblem(response, 422, 'import_invalid');
    const errors = response.json().errors as Array<{ row: number; column: string; code: string }>;
    expect(errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 1, column: '', code: 'unexpected_sheet' }),
        expect.objectContaining({ row: 1, column: '', code: 'wrong_template' }),
        expect.objectContaining({ row: 1, column: 'Lön', code: 'unexpected_column' }),
        expect.objectContaining({ row: 1, column: 'Åtagande', code: 'missing_column' }),
        expect.objectContaining({ row: 3, column: 'Referens', code: 'formula_not_allowed' }),
      ]),
    );
  });

  it('every problem of every row is reported at once: cells the reader cannot parse and the domain’s rules', async () => {
    const workbook = await template();
    const sheet = workbook.getWorksheet('Rapport')!;
    sheet.getCell('H2').value = '2025-13-40'; // ending date of the known hire: not a date
    sheet.addRow(['', '19900101-1234', '', new Date('2025-04-01T00:00:00Z'), 100, 'Anställning enligt lagen om anställningsskydd (LAS)']); // row 3: an identity number
    sheet.addRow(['', 'AF-2002', '', new Date('2025-07-01T00:00:00Z'), 150, 'Fast jobb']); // row 4: after the period, extent, form
    sheet.addRow(['00000000-0000-4000-8000-000000000000', 'AF-X']); // row 5: an unknown id
    const response = await upload(supplier, await bytesOf(workbook));
    expect(response.statusCode, response.body).toBe(422);
    const found = (response.json().errors as Array<{ row: number; column: string; code: string }>).map((e) => `${e.row} ${e.column} ${e.code}`);
    expect(found).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^2 Sista arbetsdag /),
        '2 Orsak till avslut required',
        '4 Anställningsform unknown_employment_form',
        '5 Anställnings-id unknown_placement',
      ]),
    );
    expect(await reportCount()).toBe(0);
    // The domain's rules run only when every cell reads: fix the cells, keep the rule breaks.
    const second = await template();
    const rows = second.getWorksheet('Rapport')!;
    rows.addRow(['', '19900101-1234', '', new Date('2025-04-01T00:00:00Z'), 100, 'las_employment']);
    rows.addRow(['', 'AF-2002', '', new Date('2025-07-01T00:00:00Z'), 100, 'lärlingsanställning', '0000']);
    const ruled = await upload(supplier, await bytesOf(second));
    expect(ruled.statusCode, ruled.body).toBe(422);
    const rule = (ruled.json().errors as Array<{ row: number; column: string; code: string }>).map((e) => `${e.row} ${e.column} ${e.code}`);
    expect(rule).toEqual(expect.arrayContaining(['3 Referens looks_like_personal_identity_number', '4 Första arbetsdag after_period', '4 Yrke (SSYK) unknown_ssyk_code']));
    expect(await reportCount()).toBe(0);
  });

  it('a known hire’s recorded facts cannot be changed in the sheet', async () => {
    const workbook = await template();
    workbook.getWorksheet('Rapport')!.getCell('E2').value = 50;
    const response = await upload(supplier, await bytesOf(workbook));
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([expect.objectContaining({ row: 2, column: 'Omfattning (%)', code: 'known_hire_changed' })]);
  });
});

describe('preview, then send', () => {
  it('the unchanged template previews as "nothing has changed"', async () => {
    const response = await upload(supplier, await bytesOf(await template()));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ preview: true, noChange: true, unchanged: 1, hires: [], endings: [], afterEnd: [] });
    expect(await reportCount()).toBe(0);
  });

  it('an ending and a hire preview with their rows; sending needs a name, then stores the report as the web form does', async () => {
    const workbook = await template();
    const sheet = workbook.getWorksheet('Rapport')!;
    sheet.getCell('H2').value = new Date('2025-03-31T00:00:00Z');
    sheet.getCell('I2').value = 'Den anställda sa upp sig';
    sheet.addRow(['', 'AF-2002', '', '2025-03-10', 75, 'lärlingsanställning', 9111]);
    const content = await bytesOf(workbook);
    const preview = await upload(supplier, content);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toEqual({
      preview: true,
      noChange: false,
      unchanged: 0,
      hires: [{ row: 3, commitmentId: ids.commitment, participantRef: 'AF-2002', startedOn: '2025-03-10', extentPercent: 75, employmentForm: 'apprenticeship', ssykCode: '9111' }],
      endings: [{ row: 2, placementId: ids.placement, participantRef: 'AF-1001', endedOn: '2025-03-31', endReason: 'resigned' }],
      afterEnd: [],
    });
    expect(await reportCount()).toBe(0);

    const unsigned = await upload(supplier, content, { preview: false });
    expect(unsigned.statusCode).toBe(400);
    expect(unsigned.json().errors[0]).toMatchObject({ path: '/body/attestedBy', code: 'attestation_required' });
    expect(await reportCount()).toBe(0);

    const sent = await upload(supplier, content, { preview: false, fields: { attestedBy: 'Kim Leverantör', note: 'Från HR-systemet' } });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ status: 'pending', noChange: false, attestedBy: 'Kim Leverantör', note: 'Från HR-systemet', hires: [{ participantRef: 'AF-2002', extentPercent: 75 }], endings: [{ placementId: ids.placement, endReason: 'resigned' }] });
    expect(await reportCount()).toBe(1);
    const form = (await supplier.get(`/api/supplier/contracts/${ids.contract}/periods/1`)).json();
    expect(form.report).toMatchObject({ id: sent.json().id, status: 'pending' });
    const buyerSide = (await coord.get(`/api/contracts/${ids.contract}/supplier-reports`)).json();
    expect(buyerSide.reports.map((r: { id: string }) => r.id)).toEqual([sent.json().id]);
    const audit = await ctx.db.select({ action: auditEvents.action }).from(auditEvents).where(and(eq(auditEvents.entityId, ids.contract!), eq(auditEvents.action, 'supplier_report.uploaded')));
    expect(audit).toHaveLength(1);

    // The period waits for the buyer now: a second upload is refused and stores nothing.
    const again = await upload(supplier, content, { preview: false, fields: { attestedBy: 'Kim Leverantör' } });
    expect(again.statusCode).toBe(409);
    expect(await reportCount()).toBe(1);
  });
});

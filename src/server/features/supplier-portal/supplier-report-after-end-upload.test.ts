import ExcelJS from 'exceljs';
import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { AFTER_END_TODAY, seedAfterEndContract, type AfterEndContract } from '../../../../tests/support/after-end.js';
import { createTestApp, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { put } from '../../../../tests/support/social.js';
import { auditEvents, supplierReports } from '../../../db/schema/index.js';

/*
 * The "still employed with us after the end" question (decision 0806) in the period report's
 * .xlsx, through the API on PGlite and (with TEST_DATABASE_URL) PostgreSQL: the template asks
 * exactly what the web form asks, pre-filled as the form is; the upload refuses bad rows at their
 * sheet, row and column and stores nothing; the answers sent are stored as the API stores them,
 * and an officer's answer is kept.
 */
const TODAY = AFTER_END_TODAY;
const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const AFTER_END = 'Efter anställningen';
let ctx: TestContext;
let coordinator: Session;
let supplier: Session;
let contractId: string;
let otherPlacement: string;
let placement: AfterEndContract['placement'];

beforeAll(async () => {
  ctx = await createTestApp({}, { now: () => TODAY });
  ({ coordinator, supplier, contractId, placement, otherPlacement } = await seedAfterEndContract(ctx));
  // The buyer's officer has answered for E-1 already.
  expect((await put(coordinator, `/api/contracts/${contractId}/placements/${placement.early}/outcomes`, { monthsAfterEnd: 6, status: 'employed_elsewhere' })).statusCode).toBe(200);
}, 180_000);
afterAll(() => ctx.close());

const url = (sequence: number) => `/api/supplier/contracts/${contractId}/periods/${sequence}/report.xlsx`;

function multipart(content: Buffer, fields: Record<string, string> = {}) {
  const boundary = '----hansyn-after-end-boundary';
  const parts = Object.entries(fields).map(([name, value]) => Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`));
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="rapport.xlsx"\r\nContent-Type: ${XLSX}\r\n\r\n`);
  return { payload: Buffer.concat([...parts, head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function template(sequence = 4): Promise<ExcelJS.Workbook> {
  const response = await supplier.get(url(sequence));
  expect(response.statusCode, response.body).toBe(200);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(response.rawPayload as unknown as ExcelJS.Buffer);
  return workbook;
}

async function upload(workbook: ExcelJS.Workbook, options: { preview: boolean; attestedBy?: string } = { preview: true }) {
  const content = Buffer.from(await workbook.xlsx.writeBuffer());
  return supplier.request({ method: 'POST', url: `${url(4)}?preview=${options.preview}`, ...multipart(content, options.attestedBy ? { attestedBy: options.attestedBy } : {}) });
}

/** The data rows of the sheet Efter anställningen, dates as ISO text. */
function afterEndRows(workbook: ExcelJS.Workbook): unknown[][] {
  const sheet = workbook.getWorksheet(AFTER_END)!;
  const rows: unknown[][] = [];
  sheet.eachRow((row, number) => {
    if (number === 1) return;
    rows.push([1, 2, 3, 4, 5, 6].map((c) => {
      const value = row.getCell(c).value;
      return value instanceof Date ? value.toISOString().slice(0, 10) : value;
    }));
  });
  return rows;
}

const outcomes = async (placementId: string) => (await coordinator.get(`/api/contracts/${contractId}/placements/${placementId}/outcomes`)).json().items as Array<{ monthsAfterEnd: number; status: string; source: string }>;
const reportCount = async () => (await ctx.db.select({ n: sql<number>`count(*)::int` }).from(supplierReports))[0]!.n;
type Problem = { sheet: string; row: number; column: string; code: string };
const problemsOf = (response: { json(): { errors: Problem[] } }) => response.json().errors.map((e) => `${e.sheet} ${e.row} ${e.column} ${e.code}`);

describe('the template asks what the web form asks', () => {
  it('has a row per placement the form asks about, in the form’s order; an officer’s answer is shown, not asked', async () => {
    const form = (await supplier.get(`/api/supplier/contracts/${contractId}/periods/4`)).json() as { afterEnd: Array<{ placementId: string; participantRef: string; endedOn: string; monthsAfterEnd: number; answer: { source: string } | null }> };
    const workbook = await template();
    expect(workbook.worksheets.map((s) => s.name)).toEqual(['Rapport', AFTER_END, 'Instruktioner']);
    expect(workbook.getWorksheet(AFTER_END)!.getRow(1).values).toEqual([undefined, 'Anställnings-id', 'Referens', 'Sista arbetsdag', 'Månader efter slutet', 'Anställd hos oss', 'Beställarens svar']);
    // The same set as the form (E-3 ended under six months ago and E-4 runs: neither is asked).
    expect(afterEndRows(workbook).map((r) => r[0])).toEqual(form.afterEnd.map((q) => q.placementId));
    expect(afterEndRows(workbook)).toEqual([
      [placement.june, 'E-2', '2025-06-09', 6, null, null],
      [placement.early, 'E-1', '2025-03-31', 6, null, 'Beställaren har redan registrerat svaret.'],
    ]);
    const help = JSON.stringify(workbook.getWorksheet('Instruktioner')!.getSheetValues());
    expect(help).toContain(`Bladet ${AFTER_END} (frivilligt)`);
    expect(help).toContain('Ja eller Nej. Lämna tomt om ni inte vet (frivilligt).');
  });

  it('left untouched, it answers nothing: the preview has no answers', async () => {
    const preview = await upload(await template());
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({ noChange: true, afterEnd: [] });
  });
});

describe('bad rows are refused at their sheet, row and column, and nothing is stored', () => {
  it('an answer that is not Ja/Nej (or a code the supplier cannot use) and another contract’s placement, reported with the sheet Rapport’s problems', async () => {
    const workbook = await template();
    workbook.getWorksheet('Rapport')!.getCell('H2').value = '2025-13-40';
    const sheet = workbook.getWorksheet(AFTER_END)!;
    sheet.getCell('E2').value = 'kanske';
    sheet.getCell('E3').value = 'employed_elsewhere';
    sheet.addRow([otherPlacement, 'T-1', new Date('2025-03-31T00:00:00Z'), 6, 'Ja']);
    const response = await upload(workbook, { preview: false, attestedBy: 'Kim Leverantör' });
    expect(response.statusCode, response.body).toBe(422);
    expect(response.json().code).toBe('import_invalid');
    expect(problemsOf(response)).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^Rapport 2 Sista arbetsdag /),
        `${AFTER_END} 2 Anställd hos oss unknown_answer`,
        `${AFTER_END} 3 Anställd hos oss unknown_answer`,
        `${AFTER_END} 4 Anställnings-id unknown_placement`,
      ]),
    );
    expect(await reportCount()).toBe(0);
    expect(await outcomes(placement.june)).toEqual([]);
  });

  it('a reference that no longer matches its id (one column sorted alone) and months the service refuses as too early', async () => {
    const sorted = await template();
    const rows = sorted.getWorksheet(AFTER_END)!;
    rows.getCell('B2').value = 'E-1';
    rows.getCell('B3').value = 'E-2';
    rows.getCell('E2').value = 'Ja';
    const swapped = await upload(sorted);
    expect(swapped.statusCode, swapped.body).toBe(422);
    expect(problemsOf(swapped)).toEqual([`${AFTER_END} 2 Referens reference_changed`]);

    const early = await template();
    early.getWorksheet(AFTER_END)!.getCell('D2').value = 12;
    early.getWorksheet(AFTER_END)!.getCell('E2').value = 'Nej';
    const tooEarly = await upload(early, { preview: false, attestedBy: 'Kim Leverantör' });
    expect(tooEarly.statusCode, tooEarly.body).toBe(422);
    expect(problemsOf(tooEarly)).toEqual([`${AFTER_END} 2 Månader efter slutet too_early`]);
    expect(await reportCount()).toBe(0);
    expect(await outcomes(placement.june)).toEqual([]);
  });
});

describe('the answers sent from the file', () => {
  it('preview with their rows, then are stored as the API stores them; the officer’s answer is kept', async () => {
    const workbook = await template();
    const sheet = workbook.getWorksheet(AFTER_END)!;
    sheet.getCell('E1').value = 'status'; // the code name is a header too
    sheet.getCell('E2').value = 'ja';
    sheet.getCell('E3').value = 'Nej'; // on the row the buyer's officer has answered
    const preview = await upload(workbook);
    expect(preview.statusCode, preview.body).toBe(200);
    expect(preview.json()).toMatchObject({
      noChange: true,
      afterEnd: [
        { row: 2, placementId: placement.june, participantRef: 'E-2', monthsAfterEnd: 6, status: 'employed_by_supplier', keptAnswerOfBuyer: false },
        { row: 3, placementId: placement.early, participantRef: 'E-1', monthsAfterEnd: 6, status: 'not_employed', keptAnswerOfBuyer: true },
      ],
    });
    expect(await outcomes(placement.june)).toEqual([]);

    const sent = await upload(workbook, { preview: false, attestedBy: 'Kim Leverantör' });
    expect(sent.statusCode, sent.body).toBe(201);
    expect(sent.json()).toMatchObject({ status: 'pending', noChange: true, attestedBy: 'Kim Leverantör' });
    expect(await outcomes(placement.june)).toEqual([{ monthsAfterEnd: 6, status: 'employed_by_supplier', source: 'supplier', recordedOn: '2025-12-10' }]);
    expect(await outcomes(placement.early)).toEqual([{ monthsAfterEnd: 6, status: 'employed_elsewhere', source: 'officer', recordedOn: '2025-12-10' }]);
    // The same audit event as the API's, in the supplier's and the buyer's trail, with the API's body.
    const events = await ctx.db.select({ organisationId: auditEvents.organisationId, after: auditEvents.after }).from(auditEvents).where(and(eq(auditEvents.entityId, contractId), eq(auditEvents.action, 'supplier_report.after_end_answered')));
    expect(new Set(events.map((e) => e.organisationId)).size).toBe(2);
    for (const e of events) {
      expect(e.after).toEqual({
        periodSequence: 4,
        answers: 2,
        stored: 1,
        afterEnd: [
          { placementId: placement.june, monthsAfterEnd: 6, status: 'employed_by_supplier' },
          { placementId: placement.early, monthsAfterEnd: 6, status: 'not_employed' },
        ],
      });
    }
  });

  it('pre-fill the next template and the web form alike', async () => {
    const form = (await supplier.get(`/api/supplier/contracts/${contractId}/periods/5`)).json();
    expect(form.afterEnd[0]).toMatchObject({ placementId: placement.june, answer: { status: 'employed_by_supplier', source: 'supplier' } });
    expect(afterEndRows(await template(5))).toEqual([
      [placement.june, 'E-2', '2025-06-09', 6, 'Ja', null],
      [placement.early, 'E-1', '2025-03-31', 6, null, 'Beställaren har redan registrerat svaret.'],
    ]);
  });
});

import { and, eq, sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardedProcurement, contractBody } from '../../../../tests/support/contracts.js';
import { createOrganisation, createTestApp, createUser, invitationTokenFor, login, TEST_PASSWORD, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { answerReadiness } from '../../../../tests/support/social.js';
import { auditEvents, supplierEvidence, supplierReports } from '../../../db/schema/index.js';

/*
 * The supplier portal end to end through the API, on PGlite and (with TEST_DATABASE_URL) on
 * PostgreSQL: two buyers contract the same supplier, a third supplier holds another contract.
 */
const TODAY = new Date('2025-05-10T10:00:00Z');
let ctx: TestContext;
let coordA: Session;
let coordB: Session;
let viewerA: Session;
let procurerA: Session;
let supplier: Session;
let otherSupplier: Session;
const ids: Record<string, string> = {};
const S = { organisationNumber: '559900-0014', name: 'Lokalvård Väst AB (test)' };
const T = { organisationNumber: '559900-0022', name: 'Byggkraft AB (test)' };
const EMPLOYMENT = { key: 'employment-condition', parameters: { positions: 2, employment_months: 6, first_hire_within_months: 6, target_groups: ['newly_arrived'], penalty_ore: 50_000_00, correction_days: 30, reporting_interval_months: 3 } };

const MINIMAL_PDF = Buffer.from('%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');

function multipart(fileName: string, content: Buffer, type: string) {
  const boundary = '----hansyn-test-boundary';
  const head = Buffer.from(`--${boundary}\r\nContent-Disposition: form-data; name="file"; filename="${fileName}"\r\nContent-Type: ${type}\r\n\r\n`);
  return { payload: Buffer.concat([head, content, Buffer.from(`\r\n--${boundary}--\r\n`)]), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } };
}

async function count(table: typeof supplierEvidence | typeof supplierReports): Promise<number> {
  const [row] = await ctx.db.select({ n: sql<number>`count(*)::int` }).from(table);
  return row!.n;
}

async function contractFor(coordinator: Session, unitId: string, supplierIdentity: typeof S) {
  const p = await awardedProcurement(coordinator, unitId, [EMPLOYMENT, { key: 'dialogue-clause', parameters: { target_groups: ['newly_arrived'] } }]);
  const c = await coordinator.post('/api/contracts', contractBody(p.id, { supplier: supplierIdentity }));
  expect(c.statusCode, c.body).toBe(201);
  return c.json() as { id: string; commitments: Array<{ id: string; kind: string }> };
}

/** Invites `email` from the contract page and accepts by the link, as a person without an account. */
async function inviteAndAccept(coordinator: Session, contractId: string, email: string) {
  const invited = await coordinator.post(`/api/contracts/${contractId}/supplier-contacts`, { email });
  expect(invited.statusCode, invited.body).toBe(201);
  const token = await invitationTokenFor(ctx.db, email);
  const accepted = await ctx.app.inject({ method: 'POST', url: '/api/invitation-links/accept', payload: { token, displayName: 'Kim Leverantör', password: TEST_PASSWORD } });
  expect(accepted.statusCode, accepted.body).toBeLessThan(300);
  return invited.json();
}

beforeAll(async () => {
  ctx = await createTestApp({}, { now: () => TODAY });
  const a = await createOrganisation(ctx.db, { name: 'Köpstad kommun' });
  const b = await createOrganisation(ctx.db, { name: 'Andra kommun' });
  coordA = await login(ctx.app, (await createUser(ctx.db, a.id, ['coordinator'])).email);
  coordB = await login(ctx.app, (await createUser(ctx.db, b.id, ['coordinator'])).email);
  viewerA = await login(ctx.app, (await createUser(ctx.db, a.id, ['viewer'])).email);
  procurerA = await login(ctx.app, (await createUser(ctx.db, a.id, [{ role: 'procurer', unitId: a.otherUnit.id }])).email);
  await answerReadiness(coordA);
  await answerReadiness(coordB);
  const ca = await contractFor(coordA, a.unit.id, S);
  const cb = await contractFor(coordB, b.unit.id, S);
  const ct = await contractFor(coordA, a.unit.id, T);
  ids.contractA = ca.id;
  ids.contractB = cb.id;
  ids.contractT = ct.id;
  ids.commitmentA = ca.commitments.find((c) => c.kind === 'employment_condition')!.id;
  // A placement and a deviation of A on the S contract, and a whole T contract: things S must never see beyond its own.
  const placed = await coordA.post(`/api/contracts/${ids.contractA}/placements`, { commitmentId: ids.commitmentA, participantRef: 'AF-1001', targetGroup: 'newly_arrived', startedOn: '2025-02-01', extentPercent: 100, employmentForm: 'las_employment' });
  expect(placed.statusCode, placed.body).toBe(201);
  ids.placementA = placed.json().id;
  const tPlaced = await coordA.post(`/api/contracts/${ids.contractT}/placements`, { commitmentId: ct.commitments[0]!.id, participantRef: 'T-HEMLIG-7', targetGroup: 'newly_arrived', startedOn: '2025-02-01', extentPercent: 100, employmentForm: 'las_employment' });
  expect(tPlaced.statusCode, tPlaced.body).toBe(201);
  await inviteAndAccept(coordA, ids.contractA, 'kontakt@lokalvard.test');
  supplier = await login(ctx.app, 'kontakt@lokalvard.test');
  await inviteAndAccept(coordA, ids.contractT, 'kontakt@byggkraft.test');
  otherSupplier = await login(ctx.app, 'kontakt@byggkraft.test');
});
afterAll(() => ctx.close());

describe('supplier organisations and invitations', () => {
  it('the first contact invited from the contract page becomes the supplier organisation’s admin; a second buyer’s invitation joins the same organisation as reporter', async () => {
    const me = (await supplier.get('/api/me')).json();
    expect(me.organisation).toMatchObject({ name: S.name, kind: 'supplier' });
    expect(me.roles).toEqual(['admin']);
    const second = await coordB.post(`/api/contracts/${ids.contractB}/supplier-contacts`, { email: 'platschef@lokalvard.test' });
    expect(second.statusCode, second.body).toBe(201);
    expect(second.json()).toMatchObject({ supplierOrganisation: { id: me.organisation.id }, invitation: { role: 'supplier', email: 'platschef@lokalvard.test' } });
  });

  it('only coordinators and procurers of the contract’s unit invite; another buyer gets 404', async () => {
    expect((await viewerA.post(`/api/contracts/${ids.contractA}/supplier-contacts`, { email: 'x@y.test' })).statusCode).toBe(403);
    expect((await procurerA.post(`/api/contracts/${ids.contractA}/supplier-contacts`, { email: 'x@y.test' })).statusCode).toBe(404);
    expect((await coordB.post(`/api/contracts/${ids.contractA}/supplier-contacts`, { email: 'x@y.test' })).statusCode).toBe(404);
  });

  it('the supplier admin delegates to colleagues, with the portal’s roles only', async () => {
    const ok = await supplier.post('/api/invitations', { email: 'kollega@lokalvard.test', role: 'supplier' });
    expect(ok.statusCode, ok.body).toBe(201);
    const wrong = await supplier.post('/api/invitations', { email: 'kollega2@lokalvard.test', role: 'coordinator' });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors[0]).toMatchObject({ path: '/body/role', code: 'role_not_for_suppliers' });
  });
});

describe('GET /api/supplier/contracts', () => {
  it('lists the supplier’s contracts with both buyers, each with buyer, commitments and status', async () => {
    const response = await supplier.get('/api/supplier/contracts');
    expect(response.statusCode, response.body).toBe(200);
    const body = response.json();
    expect(body.items.map((c: { id: string }) => c.id).sort()).toEqual([ids.contractA, ids.contractB].sort());
    expect(body.items.map((c: { buyer: { name: string } }) => c.buyer.name).sort()).toEqual(['Andra kommun', 'Köpstad kommun']);
    const a = body.items.find((c: { id: string }) => c.id === ids.contractA);
    expect(a.buyer.slug).toMatch(/^org-/);
    expect(a.commitments.map((c: { kind: string }) => c.kind)).toEqual(['employment_condition', 'dialogue_clause']);
    expect(a.commitments[0]).toMatchObject({ status: expect.any(String), positionsRequired: 2, positionsFulfilled: 0 });
    expect(a.nextReport).toMatchObject({ sequence: 1, dueOn: '2025-04-14', overdue: true });
    expect(response.body).not.toContain(ids.contractT);
  });

  it('another supplier’s contract is 404, and that supplier sees only its own', async () => {
    expect((await supplier.get(`/api/supplier/contracts/${ids.contractT}`)).statusCode).toBe(404);
    expect((await otherSupplier.get(`/api/supplier/contracts/${ids.contractA}`)).statusCode).toBe(404);
    const theirs = (await otherSupplier.get('/api/supplier/contracts')).json();
    expect(theirs.items.map((c: { id: string }) => c.id)).toEqual([ids.contractT]);
  });

  it('a buyer is no supplier: 403 on the list, 404 on a contract', async () => {
    const list = await coordA.get('/api/supplier/contracts');
    expect(list.statusCode).toBe(403);
    expect(list.json().code).toBe('not_a_supplier_organisation');
    expect((await coordA.get(`/api/supplier/contracts/${ids.contractA}`)).statusCode).toBe(404);
  });

  it('the contract page shows its own placements’ references but no internal data', async () => {
    const detail = (await supplier.get(`/api/supplier/contracts/${ids.contractA}`)).json();
    expect(detail.placements).toEqual([expect.objectContaining({ id: ids.placementA, participantRef: 'AF-1001', startedOn: '2025-02-01' })]);
    expect(detail.placements[0]).not.toHaveProperty('targetGroup');
    expect(detail.placements[0]).not.toHaveProperty('wageSubsidy');
    expect(detail.contact).toMatchObject({ name: 'Test Testsson' });
    expect(detail.periods[0]).toMatchObject({ sequence: 1, status: 'overdue' });
    expect(JSON.stringify(detail)).not.toContain('T-HEMLIG-7');
  });
});

describe('a supplier reads nothing of a buyer’s register, placements or other suppliers', () => {
  it('every buyer endpoint answers 403 or 404 or shows nothing of the buyers', async () => {
    const spec = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
    const secrets = [ids.contractA, ids.contractB, ids.contractT, ids.placementA, 'AF-1001', 'T-HEMLIG-7'];
    const own = ['/api/supplier/', '/api/me', '/api/auth/', '/api/reference/', '/api/invitation-links/', '/api/users', '/api/invitations', '/api/audit-events'];
    let checked = 0;
    for (const [path, ops] of Object.entries(spec.paths)) {
      if (!('get' in ops) || own.some((p) => path.startsWith(p))) continue;
      const url = path.replace('{id}', ids.contractA!).replace('{placementId}', ids.placementA!).replace(/\{[^}]+\}/g, ids.contractA!);
      const response = await supplier.get(url);
      checked += 1;
      if (response.statusCode === 200) for (const s of secrets) expect(response.body, `${url} leaks ${s}`).not.toContain(s);
      else expect([400, 403, 404], `${url}: ${response.statusCode}`).toContain(response.statusCode);
    }
    expect(checked).toBeGreaterThan(20);
    for (const url of ['/api/procurements', '/api/contracts', `/api/contracts/${ids.contractA}`, `/api/contracts/${ids.contractA}/fulfilment?asOf=2025-05-01`, '/api/follow-up/queue']) {
      expect([403, 404], url).toContain((await supplier.get(url)).statusCode);
    }
  });
});

describe('reporting', () => {
  it('"nothing has changed" is one request and waits for the buyer', async () => {
    const form = (await supplier.get(`/api/supplier/contracts/${ids.contractA}/periods/1`)).json();
    expect(form.placements.map((p: { participantRef: string }) => p.participantRef)).toEqual(['AF-1001']);
    expect(form.attestedByDefault).toBe('Kim Leverantör');
    const submitted = await supplier.post(`/api/supplier/contracts/${ids.contractA}/periods/1/report`, { noChange: true, attestedBy: form.attestedByDefault });
    expect(submitted.statusCode, submitted.body).toBe(201);
    expect(submitted.json()).toMatchObject({ status: 'pending', noChange: true, attestedBy: 'Kim Leverantör' });
    expect((await supplier.post(`/api/supplier/contracts/${ids.contractA}/periods/1/report`, { noChange: true, attestedBy: 'Kim' })).statusCode).toBe(409);
    const listed = (await supplier.get('/api/supplier/contracts')).json().items.find((c: { id: string }) => c.id === ids.contractA);
    expect(listed.nextReport).toMatchObject({ sequence: 2 });
  });

  it('bad reports answer 400 naming the field and store nothing', async () => {
    const before = await count(supplierReports);
    const bad = await supplier.post(`/api/supplier/contracts/${ids.contractB}/periods/1/report`, {
      noChange: false,
      hires: [{ commitmentId: ids.commitmentA, participantRef: '19121212-1212', startedOn: '2025-03-01', extentPercent: 100, employmentForm: 'las_employment' }],
      attestedBy: 'Kim Leverantör',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['/body/hires/0/commitmentId', '/body/hires/0/participantRef']);
    expect((await supplier.post(`/api/supplier/contracts/${ids.contractB}/periods/4/report`, { noChange: true, attestedBy: 'Kim' })).json().errors[0].code).toBe('period_not_started');
    expect(await count(supplierReports)).toBe(before);
  });

  it('a hire: the coordinator asks a question, the supplier answers, the coordinator approves and fulfilment updates', async () => {
    const hire = { commitmentId: ids.commitmentA, participantRef: 'AF-2002', startedOn: '2025-04-15', extentPercent: 75, employmentForm: 'las_employment', ssykCode: '9111' };
    const submitted = await supplier.post(`/api/supplier/contracts/${ids.contractA}/periods/2/report`, { noChange: false, hires: [hire], attestedBy: 'Kim Leverantör' });
    expect(submitted.statusCode, submitted.body).toBe(201);
    const reportId = submitted.json().id;
    expect((await viewerA.get(`/api/contracts/${ids.contractA}/supplier-reports`)).statusCode).toBe(403);
    expect((await coordB.get(`/api/contracts/${ids.contractA}/supplier-reports`)).statusCode).toBe(404);
    const asked = await coordA.post(`/api/contracts/${ids.contractA}/supplier-reports/${reportId}/comments`, { body: 'Gäller anställningen från den 15 april?', question: true });
    expect(asked.statusCode, asked.body).toBe(201);
    expect(asked.json()).toMatchObject({ status: 'question', comments: [{ side: 'buyer' }] });
    const answered = await supplier.post(`/api/supplier/contracts/${ids.contractA}/periods/2/comments`, { body: 'Ja, från den 15 april.' });
    expect(answered.json()).toMatchObject({ status: 'pending', comments: [{ side: 'buyer' }, { side: 'supplier', authorName: 'Kim Leverantör' }] });
    const current = (await coordA.get(`/api/contracts/${ids.contractA}/supplier-reports`)).json().reports.find((r: { id: string }) => r.id === reportId);
    expect((await coordA.post(`/api/contracts/${ids.contractA}/supplier-reports/${reportId}/approve`, { version: current.version, targetGroups: [] })).statusCode).toBe(400);
    const approved = await coordA.post(`/api/contracts/${ids.contractA}/supplier-reports/${reportId}/approve`, { version: current.version, targetGroups: ['newly_arrived'] });
    expect(approved.statusCode, approved.body).toBe(200);
    expect(approved.json().status).toBe('approved');
    const fulfilment = (await coordA.get(`/api/contracts/${ids.contractA}/fulfilment?asOf=2025-05-10`)).json();
    expect(fulfilment.commitments[0].placements).toHaveLength(2);
    const periods = (await coordA.get(`/api/contracts/${ids.contractA}/periods`)).json();
    expect(periods.find((p: { sequence: number }) => p.sequence === 2).status).toBe('reported');
    const detail = (await supplier.get(`/api/supplier/contracts/${ids.contractA}`)).json();
    expect(detail.placements.map((p: { participantRef: string }) => p.participantRef).sort()).toEqual(['AF-1001', 'AF-2002']);
    expect(detail.periods.find((p: { sequence: number }) => p.sequence === 2).status).toBe('reported');
  });

  it('an API token of the supplier organisation reports like the web', async () => {
    const token = (await supplier.post('/api/me/tokens', { name: 'HR-system' })).json().token;
    const response = await ctx.app.inject({ method: 'GET', url: '/api/supplier/contracts', headers: { authorization: `Bearer ${token}` } });
    expect(response.statusCode).toBe(200);
    expect(response.json().items).toHaveLength(2);
    const submitted = await ctx.app.inject({ method: 'POST', url: `/api/supplier/contracts/${ids.contractB}/periods/1/report`, headers: { authorization: `Bearer ${token}` }, payload: { noChange: true, attestedBy: 'HR-systemet, Kim Leverantör' } });
    expect(submitted.statusCode, submitted.body).toBe(201);
  });
});

describe('evidence', () => {
  const url = () => `/api/supplier/contracts/${ids.contractA}/periods/1/evidence`;

  it('a real PDF is stored; the buyer’s coordinator downloads it as an attachment, and the view is audited', async () => {
    const uploaded = await supplier.request({ method: 'POST', url: url(), ...multipart('anställningsavtal.pdf', MINIMAL_PDF, 'application/pdf') });
    expect(uploaded.statusCode, uploaded.body).toBe(201);
    expect(uploaded.json()).toMatchObject({ contentType: 'application/pdf', sizeBytes: MINIMAL_PDF.length });
    const evidenceId = uploaded.json().id;
    const report = (await coordA.get(`/api/contracts/${ids.contractA}/supplier-reports`)).json().reports.find((r: { periodSequence: number }) => r.periodSequence === 1);
    expect(report.evidence).toEqual([expect.objectContaining({ id: evidenceId })]);
    const download = await coordA.get(`/api/contracts/${ids.contractA}/supplier-reports/${report.id}/evidence/${evidenceId}`);
    expect(download.statusCode).toBe(200);
    expect(download.headers['content-disposition']).toMatch(/^attachment;/);
    expect(download.headers['x-content-type-options']).toBe('nosniff');
    expect(download.headers['content-type']).toBe('application/pdf');
    expect(download.rawPayload.equals(MINIMAL_PDF)).toBe(true);
    const viewed = await ctx.db.select().from(auditEvents).where(and(eq(auditEvents.action, 'evidence.viewed'), eq(auditEvents.entityId, ids.contractA!)));
    expect(viewed).toHaveLength(1);
    expect((await viewerA.get(`/api/contracts/${ids.contractA}/supplier-reports/${report.id}/evidence/${evidenceId}`)).statusCode).toBe(403);
    expect((await coordB.get(`/api/contracts/${ids.contractA}/supplier-reports/${report.id}/evidence/${evidenceId}`)).statusCode).toBe(404);
    expect((await otherSupplier.get(`/api/supplier/contracts/${ids.contractA}/periods/1/evidence/${evidenceId}`)).statusCode).toBe(404);
    expect((await supplier.get(`/api/supplier/contracts/${ids.contractA}/periods/1/evidence/${evidenceId}`)).statusCode).toBe(200);
  });

  it('a fake PDF is refused with problem+json and nothing is stored', async () => {
    const before = await count(supplierEvidence);
    const fake = await supplier.request({ method: 'POST', url: url(), ...multipart('avtal.pdf', Buffer.from('<html><script>alert(1)</script></html>'), 'application/pdf') });
    expect(fake.statusCode).toBe(415);
    expect(fake.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(fake.json()).toMatchObject({ code: 'unsupported_file_type' });
    expect(await count(supplierEvidence)).toBe(before);
  });

  it('an 11 MB file is refused with problem+json and nothing is stored', async () => {
    const before = await count(supplierEvidence);
    const big = Buffer.concat([Buffer.from('%PDF-1.4\n'), Buffer.alloc(11 * 1024 * 1024, 0x20), Buffer.from('\n%%EOF\n')]);
    const response = await supplier.request({ method: 'POST', url: url(), ...multipart('stor.pdf', big, 'application/pdf') });
    expect(response.statusCode).toBe(413);
    expect(response.headers['content-type']).toMatch(/application\/problem\+json/);
    expect(response.json()).toMatchObject({ code: 'evidence_too_large' });
    expect(await count(supplierEvidence)).toBe(before);
  });
});

describe('letters', () => {
  it('the supplier gets the correction notice the buyer sent, but not the buyer’s dialogue notes', async () => {
    const note = await coordA.post(`/api/contracts/${ids.contractA}/sanctions`, { commitmentId: ids.commitmentA, kind: 'dialogue_note', takenOn: '2025-05-02', reason: 'Internt: ringde platschefen.' });
    expect(note.statusCode, note.body).toBe(201);
    const notice = await coordA.post(`/api/contracts/${ids.contractA}/sanctions`, { commitmentId: ids.commitmentA, kind: 'correction_notice', takenOn: '2025-05-05', reason: 'Anställningar saknas.' });
    expect(notice.statusCode, notice.body).toBe(201);
    const detail = (await supplier.get(`/api/supplier/contracts/${ids.contractA}`)).json();
    expect(detail.letters).toEqual([expect.objectContaining({ id: notice.json().id, kind: 'correction_notice', deadline: expect.any(String) })]);
    expect(JSON.stringify(detail)).not.toContain('Internt');
    const docx = await supplier.get(`/api/supplier/contracts/${ids.contractA}/letters/${notice.json().id}/letter.docx?lang=en`);
    expect(docx.statusCode).toBe(200);
    expect(docx.headers['content-disposition']).toMatch(/^attachment;/);
    expect(docx.rawPayload.subarray(0, 2).toString()).toBe('PK');
    expect((await supplier.get(`/api/supplier/contracts/${ids.contractA}/letters/${note.json().id}/letter.docx`)).statusCode).toBe(404);
    expect((await otherSupplier.get(`/api/supplier/contracts/${ids.contractA}/letters/${notice.json().id}/letter.docx`)).statusCode).toBe(404);
  });
});

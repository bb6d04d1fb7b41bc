import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardedProcurement, contractBody } from '../../../../tests/support/contracts.js';
import { createOrganisation, createUser, createTestApp, login, validProcurement, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { answerReadiness, unzip, visibleText } from '../../../../tests/support/social.js';

let ctx: TestContext;
let org: Awaited<ReturnType<typeof createOrganisation>>;
let coordinator: Session;
let procurerOther: Session;
let procurerOwn: Session;
let labour: Session;
let viewer: Session;
let procurementId: string;

const EMPLOYMENT = { key: 'employment-condition', parameters: { positions: 2, employment_months: 6, first_hire_within_months: 6, target_groups: ['newly_arrived', 'income_support'], penalty_ore: 50_000_00, correction_days: 30 } };
const DIALOGUE = { key: 'dialogue-clause', parameters: { target_groups: ['newly_arrived'] } };

async function count(table: string): Promise<number> {
  const result = await ctx.db.execute(sql.raw(`select count(*)::int as n from ${table}`));
  return Number((result as unknown as { rows: Array<{ n: number }> }).rows[0]!.n);
}

beforeAll(async () => {
  ctx = await createTestApp();
  org = await createOrganisation(ctx.db, { name: 'Exempelstads kommun' });
  coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  procurerOwn = await login(ctx.app, (await createUser(ctx.db, org.id, [{ role: 'procurer', unitId: org.unit.id }])).email);
  procurerOther = await login(ctx.app, (await createUser(ctx.db, org.id, [{ role: 'procurer', unitId: org.otherUnit.id }])).email);
  labour = await login(ctx.app, (await createUser(ctx.db, org.id, ['labour_market'])).email);
  viewer = await login(ctx.app, (await createUser(ctx.db, org.id, ['viewer'])).email);
  await answerReadiness(coordinator);
  procurementId = (await awardedProcurement(coordinator, org.unit.id, [EMPLOYMENT, DIALOGUE])).id;
});
afterAll(() => ctx.close());

async function newContract(overrides: Record<string, unknown> = {}) {
  const response = await coordinator.post('/api/contracts', contractBody(procurementId, overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const placement = (commitmentId: string, overrides: Record<string, unknown> = {}) => ({
  commitmentId,
  participantRef: 'P-0001',
  targetGroup: 'newly_arrived',
  startedOn: '2025-03-01',
  extentPercent: 100,
  employmentForm: 'las_employment',
  ssykCode: '9111',
  ...overrides,
});

describe('POST /api/contracts', () => {
  it('snapshots the decision’s requirements as commitments with frozen parameters, and normalises the supplier', async () => {
    const c = await newContract({ supplier: { organisationNumber: '5560360793', name: 'Lokalvård Test AB' }, valueOre: 4_000_000_00 });
    expect(c.id).toMatch(/^[0-9a-f-]{36}$/);
    expect(c.supplier).toMatchObject({ organisationNumber: '556036-0793', country: 'SE' });
    expect(c.commitments.map((x: { kind: string }) => x.kind)).toEqual(['employment_condition', 'dialogue_clause']);
    expect(c.commitments[0]).toMatchObject({ kind: 'employment_condition', parameters: { positions: 2, employment_months: 6, completion_percent: 75 }, version: 1, takesPlacements: true });
    expect(c.commitments[0].text.sv).toContain('2 personer');
    const again = await newContract({ supplier: { organisationNumber: '556036-0793', name: 'Annat namn AB' } });
    expect(again.supplier.id).toBe(c.supplier.id);
  });

  it('refuses bad input naming the field, and writes nothing', async () => {
    const before = await count('contracts');
    const cases: Array<[Record<string, unknown>, string, number]> = [
      [{ endsOn: '2024-12-31' }, '/body/endsOn', 400],
      [{ supplier: { organisationNumber: '556036-0794', name: 'Fel AB' } }, '/body/supplier/organisationNumber', 400],
      [{ procurementId: '00000000-0000-4000-8000-000000000000' }, '/body/procurementId', 400],
      [{ lotNumbers: [7] }, '/body/lotNumbers/0', 400],
      [{ startsOn: '2025-02-30' }, '/body/startsOn', 400],
    ];
    for (const [overrides, path, status] of cases) {
      const response = await coordinator.post('/api/contracts', contractBody(procurementId, overrides));
      expect(response.statusCode, response.body).toBe(status);
      expect(response.headers['content-type']).toContain('application/problem+json');
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await count('contracts')).toBe(before);
  });

  it('needs an awarded procurement', async () => {
    const planned = (await coordinator.post('/api/procurements', validProcurement(org.unit.id))).json();
    const response = await coordinator.post('/api/contracts', contractBody(planned.id));
    expect(response.statusCode).toBe(400);
    expect(response.json().errors[0]).toMatchObject({ path: '/body/procurementId', code: 'not_awarded' });
  });

  it('a procurer records contracts of their own units only; viewers none', async () => {
    expect((await procurerOwn.post('/api/contracts', contractBody(procurementId))).statusCode).toBe(201);
    expect((await procurerOther.post('/api/contracts', contractBody(procurementId))).statusCode).toBe(403);
    expect((await viewer.post('/api/contracts', contractBody(procurementId))).statusCode).toBe(403);
  });

  it('records a foreign supplier by country and national id', async () => {
    const c = await newContract({ supplier: { country: 'NO', nationalId: '923609016', name: 'Norsk Renhold AS' } });
    expect(c.supplier).toMatchObject({ country: 'NO', nationalId: '923609016', organisationNumber: null });
  });
});

describe('GET /api/contracts', () => {
  it('lists with paging and filters, per supplier; a limited procurer sees only own units', async () => {
    const c = await newContract({ supplier: { organisationNumber: '212000-1355', name: 'Filtrering AB' } });
    const page = (await coordinator.get(`/api/contracts?supplierId=${c.supplier.id}`)).json();
    expect(page).toMatchObject({ total: 1, items: [{ id: c.id, commitmentCount: 2, placementCount: 0 }] });
    const all = (await coordinator.get('/api/contracts?pageSize=2')).json();
    expect(all.items).toHaveLength(2);
    expect(all.total).toBeGreaterThan(2);
    expect((await coordinator.get('/api/contracts?q=Filtrering')).json().total).toBe(1);
    expect((await procurerOther.get('/api/contracts')).json().total).toBe(0);
    expect((await procurerOther.get(`/api/contracts/${c.id}`)).statusCode).toBe(404);
    expect((await procurerOwn.get('/api/contracts')).json().total).toBe(all.total);
  });
});

describe('placements and fulfilment', () => {
  it('records placements, computes fulfilment as of a date, ends one and replaces it', async () => {
    const c = await newContract();
    const employment = c.commitments[0].id;
    const first = await labour.post(`/api/contracts/${c.id}/placements`, placement(employment, { offeredOn: '2025-02-15' }));
    expect(first.statusCode, first.body).toBe(201);
    const second = await coordinator.post(`/api/contracts/${c.id}/placements`, placement(employment, { participantRef: 'P-0002', startedOn: '2025-04-16', extentPercent: 50 }));
    expect(second.statusCode, second.body).toBe(201);

    const f = (await coordinator.get(`/api/contracts/${c.id}/fulfilment?asOf=2025-08-31`)).json();
    const ec = f.commitments.find((x: { commitmentId: string }) => x.commitmentId === employment);
    expect(ec).toMatchObject({ status: 'on_track', positionsRequired: 2, positionsFulfilled: 1, firstHireDeadline: '2025-07-01', firstHireMet: true, penaltyDueOre: 0 });
    expect(ec.placements).toEqual([
      expect.objectContaining({ placementId: first.json().id, fullTimeMonths: 6, countsAsFulfilled: true }),
      expect.objectContaining({ placementId: second.json().id, fullTimeMonths: 2.25, countsAsFulfilled: false }),
    ]);

    // The half-time employee is dismissed by the supplier without cause: the position stays open.
    const ended = await coordinator.patch(`/api/contracts/${c.id}/placements/${second.json().id}`, { endedOn: '2025-09-30', endReason: 'ended_by_supplier' });
    expect(ended.statusCode, ended.body).toBe(200);
    expect(ended.json()).toMatchObject({ endReason: 'ended_by_supplier', version: 2 });
    const replacement = await coordinator.post(`/api/contracts/${c.id}/placements`, placement(employment, { participantRef: 'P-0003', startedOn: '2025-10-01' }));
    expect(replacement.statusCode).toBe(201);
    const later = (await coordinator.get(`/api/contracts/${c.id}/fulfilment?asOf=2026-03-31`)).json().commitments[0];
    expect(later).toMatchObject({ status: 'fulfilled', positionsFulfilled: 2, openPositions: 0 });
  });

  it('refuses bad placements naming the field, and writes nothing', async () => {
    const c = await newContract();
    const employment = c.commitments[0].id;
    const dialogue = c.commitments[1].id;
    const before = await count('placements');
    const cases: Array<[Record<string, unknown>, string]> = [
      [{ endedOn: '2025-02-01', endReason: 'resigned' }, '/body/endedOn'],
      [{ extentPercent: 0 }, '/body/extentPercent'],
      [{ extentPercent: 101 }, '/body/extentPercent'],
      [{ commitmentId: '00000000-0000-4000-8000-000000000000' }, '/body/commitmentId'],
      [{ commitmentId: dialogue }, '/body/commitmentId'],
      [{ targetGroup: 'no_such_group' }, '/body/targetGroup'],
      [{ employmentForm: 'consultant' }, '/body/employmentForm'],
      [{ ssykCode: '9999' }, '/body/ssykCode'],
      [{ endReason: 'fired' }, '/body/endReason'],
      [{ participantRef: '19121212-1212' }, '/body/participantRef'],
    ];
    for (const [overrides, path] of cases) {
      const response = await coordinator.post(`/api/contracts/${c.id}/placements`, placement(employment, overrides));
      expect(response.statusCode, `${JSON.stringify(overrides)}: ${response.body}`).toBe(400);
      expect(response.json().errors.map((e: { path: string }) => e.path)).toContain(path);
    }
    expect(await count('placements')).toBe(before);
  });

  it('viewers see aggregates only, never placements or participant references', async () => {
    const c = await newContract();
    await coordinator.post(`/api/contracts/${c.id}/placements`, placement(c.commitments[0].id, { participantRef: 'SECRET-REF-77' }));
    const seen = await viewer.get(`/api/contracts/${c.id}`);
    expect(seen.statusCode).toBe(200);
    expect(seen.json()).toMatchObject({ placements: [], mayReadPlacements: false, placementCount: 1 });
    expect(seen.body).not.toContain('SECRET-REF-77');
    expect((await viewer.get(`/api/contracts/${c.id}/fulfilment?asOf=2025-06-01`)).body).not.toContain('SECRET-REF-77');
    expect((await viewer.post(`/api/contracts/${c.id}/placements`, placement(c.commitments[0].id))).statusCode).toBe(403);
    expect((await labour.get(`/api/contracts/${c.id}`)).body).toContain('SECRET-REF-77');
  });

  it('writes audit events with the change', async () => {
    const c = await newContract();
    await coordinator.post(`/api/contracts/${c.id}/placements`, placement(c.commitments[0].id));
    const events = (await ctx.db.execute(sql`select action from audit_events where entity_type = 'contract' and entity_id = ${c.id} order by id`)) as unknown as { rows: Array<{ action: string }> };
    expect(events.rows.map((r) => r.action)).toEqual(['contract.created', 'placement.created']);
  });
});

describe('amendments', () => {
  it('an amendment is a new version with a reason; the earlier parameters are kept; the template is untouched', async () => {
    const c = await newContract();
    const amended = await coordinator.post(`/api/contracts/${c.id}/amendments`, {
      version: 1,
      reason: 'Förlängning och fler anställningar enligt ändringsavtal 1.',
      signedOn: '2025-06-01',
      endsOn: '2027-06-30',
      commitments: [{ commitmentId: c.commitments[0].id, parameters: { positions: 3 } }],
    });
    expect(amended.statusCode, amended.body).toBe(200);
    expect(amended.json()).toMatchObject({ version: 2, endsOn: '2027-06-30', amendments: [{ version: 2, reason: expect.stringContaining('ändringsavtal') }] });
    expect(amended.json().commitments[0]).toMatchObject({ version: 2, parameters: { positions: 3, employment_months: 6 } });
    const stale = await coordinator.post(`/api/contracts/${c.id}/amendments`, { version: 1, reason: 'Gammal version.', signedOn: '2025-06-02' });
    expect(stale.statusCode).toBe(409);
    const unknown = await coordinator.post(`/api/contracts/${c.id}/amendments`, { version: 2, reason: 'Okänt åtagande.', signedOn: '2025-06-02', commitments: [{ commitmentId: '00000000-0000-4000-8000-000000000000', parameters: {} }] });
    expect(unknown.json().errors[0].path).toBe('/body/commitments/0/commitmentId');
  });
});

describe('follow-up: periods, daily check, queue and the sanction ladder', () => {
  it('finds deviations once however often it runs, returns reminders, and walks the whole ladder with letters', async () => {
    const c = await newContract({ startsOn: '2025-01-01', endsOn: '2025-12-31' });
    const employment = c.commitments[0].id;
    const periods = (await coordinator.get(`/api/contracts/${c.id}/periods?asOf=2025-04-20`)).json();
    expect(periods[0]).toMatchObject({ sequence: 1, startsOn: '2025-01-01', endsOn: '2025-03-31', dueOn: '2025-04-14', status: 'overdue', report: null });

    const soon = (await coordinator.post('/api/follow-up/daily-check', { asOf: '2025-04-07' })).json();
    expect(soon.deviationsFound.filter((d: { contractId: string }) => d.contractId === c.id)).toEqual([expect.objectContaining({ kind: 'first_hire_missed', commitmentId: c.commitments[1].id })]);
    expect(soon.remindersDue.filter((r: { contractId: string; kind: string }) => r.contractId === c.id && r.kind !== 'deviation_found')).toEqual([expect.objectContaining({ kind: 'report_due_soon', dueOn: '2025-04-14', subject: expect.objectContaining({ sv: expect.stringContaining('Rapport') }) })]);

    const run = (await coordinator.post('/api/follow-up/daily-check', { asOf: '2025-07-02' })).json();
    const mine = run.deviationsFound.filter((d: { contractId: string }) => d.contractId === c.id).map((d: { kind: string }) => d.kind).sort();
    // Six months are needed and less than six remain after 2 July: at risk as well.
    expect(mine).toEqual(['at_risk', 'first_hire_missed', 'report_overdue']);
    expect(run.remindersDue.some((r: { kind: string; contractId: string }) => r.kind === 'deviation_found' && r.contractId === c.id)).toBe(true);
    const rerun = (await coordinator.post('/api/follow-up/daily-check', { asOf: '2025-07-02' })).json();
    expect(rerun.deviationsFound.filter((d: { contractId: string }) => d.contractId === c.id)).toEqual([]);
    expect((await coordinator.get(`/api/contracts/${c.id}/deviations`)).json()).toHaveLength(4);

    const queue = (await coordinator.get('/api/follow-up/queue?asOf=2025-07-02')).json();
    expect(queue.items.filter((i: { contractId: string }) => i.contractId === c.id).map((i: { kind: string }) => i.kind)).toContain('deviation_open');
    expect((await viewer.get('/api/follow-up/queue')).statusCode).toBe(403);

    const report = await coordinator.post(`/api/contracts/${c.id}/periods/1/report`, { reportedOn: '2025-07-03', note: 'Inga anställningar ännu.' });
    expect(report.statusCode, report.body).toBe(201);
    expect(report.json()).toMatchObject({ status: 'reported' });
    expect((await coordinator.post(`/api/contracts/${c.id}/periods/1/report`, { reportedOn: '2025-07-03' })).statusCode).toBe(409);

    const deviation = (await coordinator.get(`/api/contracts/${c.id}/deviations`)).json().find((d: { kind: string; commitmentId: string }) => d.kind === 'first_hire_missed' && d.commitmentId === employment);
    const step = (kind: string, takenOn: string) => coordinator.post(`/api/contracts/${c.id}/sanctions`, { commitmentId: employment, deviationId: deviation.id, kind, takenOn, reason: `Steg ${kind}`, evidence: 'Rapport period 1' });
    expect((await step('correction_notice', '2025-07-10')).json().errors[0]).toMatchObject({ path: '/body/kind', code: 'step_not_allowed' });
    expect((await step('dialogue_note', '2025-07-10')).statusCode).toBe(201);
    const notice = await step('correction_notice', '2025-08-01');
    expect(notice.json()).toMatchObject({ kind: 'correction_notice', deadline: '2025-08-31' });
    expect((await coordinator.get('/api/follow-up/queue?asOf=2025-08-25')).json().items.some((i: { kind: string; sanctionStepId: string }) => i.kind === 'correction_deadline_near' && i.sanctionStepId === notice.json().id)).toBe(true);
    expect((await step('penalty_decision', '2025-08-31')).json().errors[0]).toMatchObject({ code: 'correction_deadline_not_passed' });
    const penalty = await step('penalty_decision', '2025-09-01');
    expect(penalty.json()).toMatchObject({ kind: 'penalty_decision', amountOre: 2 * 50_000_00, approvedBy: expect.any(String) });
    expect((await coordinator.get(`/api/contracts/${c.id}/fulfilment?asOf=2025-09-01`)).json().commitments[0].penaltyDueOre).toBe(2 * 50_000_00);
    expect((await step('exclusion', '2025-10-01')).statusCode).toBe(201);
    const termination = await step('termination_recommendation', '2025-11-01');
    expect(termination.statusCode).toBe(201);
    const sanctions = (await coordinator.get(`/api/contracts/${c.id}/sanctions`)).json();
    expect(sanctions.steps.map((s: { kind: string }) => s.kind)).toEqual(['dialogue_note', 'correction_notice', 'penalty_decision', 'exclusion', 'termination_recommendation']);
    expect(sanctions.next.find((n: { commitmentId: string }) => n.commitmentId === employment).kinds).toEqual(['resolved']);

    for (const lang of ['sv', 'en'] as const) {
      const letter = await coordinator.get(`/api/contracts/${c.id}/sanctions/${penalty.json().id}/letter.docx?lang=${lang}`);
      expect(letter.statusCode).toBe(200);
      const text = visibleText((await unzip(letter.rawPayload)).get('word/document.xml')!);
      expect(text).toContain(lang === 'sv' ? 'Beslut om vite' : 'Decision on a contractual penalty');
      expect(text).toContain(lang === 'sv' ? '100\u00a0000\u00a0kr' : 'SEK\u00a0100,000');
    }
    expect((await viewer.get(`/api/contracts/${c.id}/sanctions/${penalty.json().id}/letter.docx`)).statusCode).toBe(403);
  });
});

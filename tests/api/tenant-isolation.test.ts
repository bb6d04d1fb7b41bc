import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EMPLOYMENT_CONDITION } from '../../src/domain/requirements/starter-templates.js';
import { createOrganisation, createTestApp, createUser, login, validProcurement, type Session, type TestContext } from '../support/factories.js';
import { importNotices } from '../../src/server/features/notices/notice-import-service.js';
import { CONSTRUCTED_NOTICE, CONSTRUCTED_NOTICE_ID, multipartFile } from '../support/notice-variants.js';
import { jobs, noticeImports } from '../../src/db/schema/index.js';
import { enqueue } from '../../src/server/features/jobs/job-service.js';
import { queueMail } from '../../src/server/features/mail/mail-service.js';
import { notify } from '../../src/server/features/notifications/notification-service.js';
import { participantBody, TEST_NUMBERS } from '../support/participants.js';

/**
 * Tenant isolation, for every endpoint in the OpenAPI document: a user of organisation B
 * (holding every role) gets 404 for organisation A's records and never sees them in lists.
 * A new endpoint with a path parameter fails this test until it is added to RESOURCES.
 */
let ctx: TestContext;
let a: Session;
let b: Session;
const ids: Record<string, string> = {};

/** Which record of organisation A each path parameter points at, by path prefix. */
const RESOURCES: Array<{ prefix: string; id: () => string; body?: Record<string, unknown>; params?: Record<string, () => string> }> = [
  {
    prefix: '/api/contracts/{id}/placements/{placementId}',
    id: () => ids.contract!,
    params: { placementId: () => ids.placement! },
    body: { PATCH: { extentPercent: 50 }, PUT: { monthsAfterEnd: 6, status: 'not_employed' }, POST: { targetGroup: 'newly_arrived' } },
  },
  {
    prefix: '/api/contracts/{id}/placements',
    id: () => ids.contract!,
    // Getters: the ids exist only once beforeAll has run.
    get body() {
      return { POST: { commitmentId: ids.commitment, participantRef: 'KAPAD-1', targetGroup: 'newly_arrived', startedOn: '2025-03-01', extentPercent: 100, employmentForm: 'las_employment' } };
    },
  },
  { prefix: '/api/contracts/{id}/amendments', id: () => ids.contract!, body: { POST: { version: 1, reason: 'Kapad ändring', signedOn: '2025-05-01', endsOn: '2025-06-01' } } },
  { prefix: '/api/contracts/{id}/periods/{sequence}', id: () => ids.contract!, params: { sequence: () => '2' }, body: { POST: { reportedOn: '2025-05-01' } } },
  { prefix: '/api/contracts/{id}/deviations/{deviationId}', id: () => ids.contract!, params: { deviationId: () => ids.deviation! }, body: { POST: { resolvedOn: '2025-05-01', resolution: 'Kapad' } } },
  { prefix: '/api/contracts/{id}/sanctions/{stepId}', id: () => ids.contract!, params: { stepId: () => ids.sanctionStep! }, body: { POST: { correctedOn: '2025-08-01' } } },
  {
    prefix: '/api/contracts/{id}/sanctions',
    id: () => ids.contract!,
    get body() {
      return { POST: { commitmentId: ids.commitment, kind: 'correction_notice', takenOn: '2025-08-01', reason: 'Kapad' } };
    },
  },
  { prefix: '/api/contracts/{id}/supplier-reports/{reportId}/approve', id: () => ids.contract!, params: { reportId: () => ids.contract! }, body: { POST: { version: 1, targetGroups: [] } } },
  { prefix: '/api/contracts/{id}/supplier-reports/{reportId}/comments', id: () => ids.contract!, params: { reportId: () => ids.contract! }, body: { POST: { body: 'Kapad fråga', question: true } } },
  { prefix: '/api/contracts/{id}/supplier-reports/{reportId}/evidence/{evidenceId}', id: () => ids.contract!, params: { reportId: () => ids.contract!, evidenceId: () => ids.contract! } },
  { prefix: '/api/contracts/{id}/supplier-reports', id: () => ids.contract! },
  { prefix: '/api/contracts/{id}/supplier-contacts', id: () => ids.contract!, body: { POST: { email: 'kapad@test.example' } } },
  { prefix: '/api/contracts/{id}', id: () => ids.contract! },
  // The supplier portal: B is no supplier of A's contract (the supplier-versus-supplier case is in supplier-portal.test.ts).
  { prefix: '/api/supplier/contracts/{id}/periods/{sequence}/report', id: () => ids.contract!, params: { sequence: () => '1' }, body: { POST: { noChange: true, attestedBy: 'Kapad Person' } } },
  { prefix: '/api/supplier/contracts/{id}/periods/{sequence}/comments', id: () => ids.contract!, params: { sequence: () => '1' }, body: { POST: { body: 'Kapad' } } },
  { prefix: '/api/supplier/contracts/{id}/periods/{sequence}/evidence', id: () => ids.contract!, params: { sequence: () => '1', evidenceId: () => ids.contract! } },
  { prefix: '/api/supplier/contracts/{id}/periods/{sequence}', id: () => ids.contract!, params: { sequence: () => '1' } },
  { prefix: '/api/supplier/contracts/{id}/letters/{stepId}', id: () => ids.contract!, params: { stepId: () => ids.sanctionStep! } },
  { prefix: '/api/supplier/contracts/{id}/recruitment-needs/{needId}/proposals/{proposalId}/answer', id: () => ids.contract!, params: { needId: () => ids.need!, proposalId: () => ids.proposal! }, body: { POST: { outcome: 'interview', on: '2025-01-01' } } },
  { prefix: '/api/supplier/contracts/{id}/recruitment-needs', id: () => ids.contract!, body: { POST: { title: 'Kapat behov', ssykCode: '9111', positions: 1, extentPercent: 100, startsOn: '2025-04-01' } } },
  { prefix: '/api/supplier/contracts/{id}', id: () => ids.contract! },
  { prefix: '/api/participants/{id}/consents/{consentId}/revoke', id: () => ids.participant!, params: { consentId: () => ids.consent! }, body: { POST: { revokedOn: '2026-02-01' } } },
  { prefix: '/api/participants/{id}/consents', id: () => ids.participant!, body: { POST: { scope: 'share_profile', supplierId: null, givenOn: '2025-01-01' } } },
  { prefix: '/api/participants/{id}', id: () => ids.participant!, body: { PATCH: {} } },
  { prefix: '/api/recruitment-needs/{id}/proposals/{proposalId}/outcome', id: () => ids.need!, params: { proposalId: () => ids.proposal! }, body: { POST: { outcome: 'interview', on: '2026-03-01' } } },
  {
    prefix: '/api/recruitment-needs/{id}',
    id: () => ids.need!,
    get body() {
      return { POST: { participantId: ids.participant } };
    },
  },
  { prefix: '/api/procurements/{id}/status', id: () => ids.procurement!, body: { POST: { status: 'cancelled' } } },
  {
    prefix: '/api/procurements/{id}/decision',
    id: () => ids.procurement!,
    body: { PUT: { kind: 'none', requirements: [], justification: 'Kapad motivering som är tillräckligt lång.' } },
  },
  { prefix: '/api/requirement-templates/{id}/draft', id: () => ids.template!, body: { PUT: { content: EMPLOYMENT_CONDITION } } },
  { prefix: '/api/requirement-templates/{id}/share', id: () => ids.template!, body: { POST: { shared: true } } },
  { prefix: '/api/requirement-templates/{id}', id: () => ids.template! },
  { prefix: '/api/procurements/{id}/notices', id: () => ids.importedProcurement! },
  { prefix: '/api/procurements/{id}', id: () => ids.procurement!, body: { PATCH: { version: 1, title: 'Kapad' } } },
  { prefix: '/api/units/{id}', id: () => ids.unit!, body: { PATCH: { name: 'Kapad' } } },
  { prefix: '/api/users/{id}', id: () => ids.user!, body: { PATCH: { suspended: true } } },
  { prefix: '/api/me/tokens/{id}', id: () => ids.token! },
  { prefix: '/api/invitations/{id}', id: () => ids.invitation! },
  { prefix: '/api/me/invitations/{id}/accept', id: () => ids.invitation! },
  { prefix: '/api/admin/outbox/{id}', id: () => ids.mail! },
  { prefix: '/api/admin/jobs/{id}/retry', id: () => ids.failedJob! },
  { prefix: '/api/notifications/{id}/read', id: () => ids.notification! },
];

/**
 * Paths with parameters that are not tenant-owned records. Market notices are public TED data;
 * the organisation-specific part of a notice (the procurement it was linked to) is checked below.
 */
// An invitation link's token is a secret held by the invited person, not an organisation's record id.
const NOT_TENANT_OWNED = [
  '/api/reference/cpv/{code}',
  '/api/market/notices/{noticeId}',
  '/api/invitation-links/{token}',
  // Published open data, by the organisation's public slug, for anyone (results-routes.test.ts covers what is withheld).
  '/api/public/organisations/{slug}/results',
  '/api/public/organisations/{slug}/results.json',
  '/api/public/organisations/{slug}/results.csv',
  '/api/public/organisations/{slug}/catalog.rdf',
];


beforeAll(async () => {
  ctx = await createTestApp();
  // Organisation A is the buyer (BT-501) of the constructed notice, so importing it fills A's register.
  const orgA = await createOrganisation(ctx.db, { organisationNumber: '212000-0142' });
  const orgB = await createOrganisation(ctx.db);
  const userA = await createUser(ctx.db, orgA.id, ['admin', 'coordinator', 'labour_market']);
  a = await login(ctx.app, userA.email);
  b = await login(ctx.app, (await createUser(ctx.db, orgB.id, ['admin', 'coordinator', 'procurer', 'labour_market', 'viewer'])).email);
  const p = await a.post('/api/procurements', validProcurement(orgA.unit.id));
  expect(p.statusCode).toBe(201);
  ids.procurement = p.json().id;
  ids.unit = orgA.otherUnit.id;
  ids.user = userA.id;
  ids.token = (await a.post('/api/me/tokens', { name: 'A' })).json().id;
  ids.invitation = (await a.post('/api/invitations', { email: 'inbjuden@test.example', role: 'viewer' })).json().id;
  // An unshared template of A's library, and a decision of A that applies it.
  const library = (await a.get('/api/requirement-templates?scope=own&q=employment')).json().items;
  const template = library.find((t: { key: string }) => t.key === 'employment-condition');
  ids.template = template.id;
  const decision = await a.request({
    method: 'PUT',
    url: `/api/procurements/${ids.procurement}/decision`,
    payload: { kind: 'apply', requirements: [{ templateVersionId: template.publishedVersion.id, lotNumbers: null, parameters: { positions: 3 } }], justification: 'Bedömning: villkoren är uppfyllda utom beredskapen.' },
  });
  expect(decision.statusCode, decision.body).toBe(200);
  ids.decision = decision.json().id;
  const { payload, headers } = multipartFile('file', 'cn.xml', CONSTRUCTED_NOTICE);
  const imported = await a.request({ method: 'POST', url: '/api/imports/eforms', payload, headers });
  expect(imported.json()).toMatchObject({ stored: 1, procurements: { created: 1 } });
  ids.import = imported.json().importId;
  // The same notice then arrives from TED (the operator's import): only then is it public, so B
  // may read it (an unverified upload is A's alone; decision 0311).
  async function* fromTed() {
    yield { name: 'ted/cn.xml', bytes: new TextEncoder().encode(CONSTRUCTED_NOTICE) };
  }
  const fromTedImport = await importNotices(ctx.db, fromTed(), { now: () => new Date(), by: { operator: 'hansyn import eforms' }, source: 'ted' });
  expect(fromTedImport).toMatchObject({ updated: 1 });
  // Operator imports are listed to everyone; this test checks that B sees none of A's uploads.
  await ctx.db.delete(noticeImports).where(eq(noticeImports.id, fromTedImport.importId));
  const linked = (await a.get(`/api/market/notices/${CONSTRUCTED_NOTICE_ID}`)).json();
  ids.importedProcurement = linked.linkedProcurement.id;
  // An awarded procurement of A with a contract, a placement, a deviation and a sanction step.
  const awarded = await a.post('/api/procurements', validProcurement(orgA.unit.id));
  await a.request({
    method: 'PUT',
    url: `/api/procurements/${awarded.json().id}/decision`,
    payload: { kind: 'apply', requirements: [{ templateVersionId: template.publishedVersion.id, lotNumbers: null, parameters: { positions: 2 } }], justification: 'Bedömning: villkoren är uppfyllda utom beredskapen.' },
  });
  for (const status of ['in_preparation', 'published', 'evaluation', 'awarded']) await a.post(`/api/procurements/${awarded.json().id}/status`, { status });
  const contract = await a.post('/api/contracts', {
    procurementId: awarded.json().id,
    lotNumbers: null,
    supplier: { organisationNumber: '556036-0793', name: 'Isolering AB' },
    referenceNumber: 'AVT-A-1',
    signedOn: '2024-12-01',
    startsOn: '2025-01-01',
    endsOn: '2025-12-31',
  });
  expect(contract.statusCode, contract.body).toBe(201);
  ids.contract = contract.json().id;
  ids.commitment = contract.json().commitments[0].id;
  const placement = await a.post(`/api/contracts/${ids.contract}/placements`, { commitmentId: ids.commitment, participantRef: 'A-REF-1', targetGroup: 'newly_arrived', startedOn: '2025-02-01', extentPercent: 100, employmentForm: 'las_employment' });
  expect(placement.statusCode, placement.body).toBe(201);
  ids.placement = placement.json().id;
  const check = await a.post('/api/follow-up/daily-check', { asOf: '2025-04-20' });
  ids.deviation = check.json().deviationsFound[0].id;
  const step = await a.post(`/api/contracts/${ids.contract}/sanctions`, { commitmentId: ids.commitment, kind: 'dialogue_note', takenOn: '2025-04-21', reason: 'Rapporten saknas.' });
  expect(step.statusCode, step.body).toBe(201);
  ids.sanctionStep = step.json().id;
  // A participant of A with a consent, a recruitment need under A's contract and a proposal.
  const participant = await a.post('/api/participants', participantBody(TEST_NUMBERS[3], { profile: { availableFrom: '2025-01-01' } }));
  expect(participant.statusCode, participant.body).toBe(201);
  ids.participant = participant.json().id;
  const consented = await a.post(`/api/participants/${ids.participant}/consents`, { scope: 'share_profile', supplierId: null, givenOn: '2025-01-01' });
  ids.consent = consented.json().consents[0].id;
  const need = await a.post('/api/recruitment-needs', { contractId: ids.contract, title: 'Lokalvårdare', ssykCode: '9111', positions: 1, extentPercent: 100, startsOn: '2027-01-01' });
  expect(need.statusCode, need.body).toBe(201);
  ids.need = need.json().id;
  const proposal = await a.post(`/api/recruitment-needs/${ids.need}/proposals`, { participantId: ids.participant });
  expect(proposal.statusCode, proposal.body).toBe(201);
  ids.proposal = proposal.json().id;
  // A's e-mail in the outbox, a dead-lettered job run of A, and a notification for A's user.
  const now = new Date();
  ids.mail = (await queueMail(ctx.db, { to: 'a@a.example', subject: 'Till A', text: 'Hemligt', kind: 'test', organisationId: orgA.id }, now)).id;
  ids.failedJob = (await enqueue(ctx.db, 'test.isolated', {}, now, { organisationId: orgA.id }))!.id;
  await ctx.db.update(jobs).set({ status: 'failed', lastError: 'Hemligt fel' }).where(eq(jobs.id, ids.failedJob));
  const notified = await notify(ctx.db, { organisationId: orgA.id, userIds: [userA.id], kind: 'test', title: { sv: 'A', en: 'A' }, body: { sv: 'A', en: 'A' } }, now);
  expect(notified.notifiedUserIds).toEqual([userA.id]);
  ids.notification = (await a.get('/api/notifications')).json().items[0].id;
});
afterAll(() => ctx.close());

async function operations(): Promise<Array<{ method: string; path: string }>> {
  const spec = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as { paths: Record<string, Record<string, unknown>> };
  return Object.entries(spec.paths).flatMap(([path, ops]) => Object.keys(ops).map((method) => ({ method: method.toUpperCase(), path })));
}

describe('tenant isolation', () => {
  it('every parameterised endpoint answers 404 for another organisation’s record', async () => {
    const ops = (await operations()).filter((o) => o.path.includes('{') && !NOT_TENANT_OWNED.includes(o.path));
    expect(ops.length).toBeGreaterThan(5);
    for (const op of ops) {
      const resource = RESOURCES.find((r) => op.path.startsWith(r.prefix));
      expect(resource, `${op.method} ${op.path} is not covered by the tenant-isolation test`).toBeDefined();
      const url = Object.entries(resource!.params ?? {}).reduce((u, [name, value]) => u.replace(`{${name}}`, value()), op.path.replace('{id}', resource!.id()));
      const body = resource!.body?.[op.method];
      const response = await b.request({ method: op.method as 'GET', url, ...(body ? { payload: body as object } : {}) });
      expect(response.statusCode, `${op.method} ${url}: ${response.body}`).toBe(404);
    }
    // ...and nothing was changed by those attempts.
    const still = await a.get(`/api/procurements/${ids.procurement}`);
    expect(still.json()).toMatchObject({ status: 'planned', version: 1, title: 'Lokalvård i förskolor', decision: { kind: 'apply', revision: 1 } });
    expect((await a.get(`/api/requirement-templates/${ids.template}`)).json()).toMatchObject({ shared: false, hasDraft: false });
    expect((await a.get('/api/me/tokens')).json()).toHaveLength(1);
    expect((await a.get(`/api/contracts/${ids.contract}`)).json()).toMatchObject({ version: 1, endsOn: '2025-12-31', placements: [{ extentPercent: 100 }] });
    expect((await a.get(`/api/contracts/${ids.contract}/sanctions`)).json().steps).toHaveLength(1);
  });

  it('lists never show another organisation’s records', async () => {
    const ops = (await operations()).filter((o) => o.method === 'GET' && !o.path.includes('{') && o.path.startsWith('/api/') && !o.path.startsWith('/api/reference'));
    const secrets = Object.values(ids);
    for (const op of ops) {
      const response = await b.get(op.path);
      for (const secret of secrets) expect(response.body, `${op.path} leaks ${secret}`).not.toContain(secret);
    }
    expect((await b.get('/api/procurements')).json().total).toBe(0);
  });

  it('lists filtered by another organisation’s ids show nothing of it (every id-valued query parameter)', async () => {
    const spec = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json() as {
      paths: Record<string, Record<string, { parameters?: Array<{ in: string; name: string; schema?: { format?: string } }> }>>;
    };
    const filters = Object.entries(spec.paths).flatMap(([path, ops]) =>
      path.includes('{') || !ops.get
        ? []
        : (ops.get.parameters ?? []).filter((p) => p.in === 'query' && (p.schema?.format === 'uuid' || /Id$/.test(p.name))).map((p) => ({ path, name: p.name })),
    );
    expect(filters.length).toBeGreaterThan(0);
    for (const { path, name } of filters) {
      for (const id of Object.values(ids)) {
        const response = await b.get(`${path}?${name}=${id}`);
        expect(response.statusCode, `${path}?${name}=… ${response.body}`).toBeLessThan(500);
        for (const secret of Object.values(ids).filter((s) => s !== id)) expect(response.body, `${path}?${name}=${id} leaks ${secret}`).not.toContain(secret);
      }
    }
  });

  it('public notices never reveal which procurement of another organisation they were linked to', async () => {
    const seenByB = await b.get(`/api/market/notices/${CONSTRUCTED_NOTICE_ID}`);
    expect(seenByB.statusCode).toBe(200);
    expect(seenByB.json().linkedProcurement).toBeNull();
    expect(seenByB.body).not.toContain(ids.importedProcurement);
    expect((await b.get('/api/imports/eforms')).json()).toEqual([]);
    // B's peer comparison counts only B's own notices (none), whatever A imported.
    expect((await b.get('/api/market/peer-comparison')).json().own.notices).toBe(0);
  });
});

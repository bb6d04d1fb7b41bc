import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, login, validProcurement, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { answerReadiness, put } from '../../../../tests/support/social.js';

let ctx: TestContext;
let org: Awaited<ReturnType<typeof createOrganisation>>;
let coordinator: Session;
let procurer: Session;
let viewer: Session;
let admin: Session;

beforeAll(async () => {
  ctx = await createTestApp();
  org = await createOrganisation(ctx.db);
  coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  procurer = await login(ctx.app, (await createUser(ctx.db, org.id, [{ role: 'procurer', unitId: org.unit.id }])).email);
  viewer = await login(ctx.app, (await createUser(ctx.db, org.id, ['viewer'])).email);
  admin = await login(ctx.app, (await createUser(ctx.db, org.id, ['admin'])).email);
});
afterAll(() => ctx.close());

async function create(overrides: Record<string, unknown> = {}, session = coordinator) {
  const response = await session.post('/api/procurements', validProcurement(org.unit.id, overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

describe('screening policy versions', () => {
  it('starts at Hänsyn’s default policy as version 1 with unanswered readiness questions', async () => {
    const policy = (await viewer.get('/api/screening-policy')).json();
    expect(policy).toMatchObject({ version: 1, durationMonthsMoreThan: 4, labourNeedFteMoreThan: 1 });
    expect(policy.readinessQuestions.every((q: { answer: unknown }) => q.answer === null)).toBe(true);
  });

  it('screens a new procurement at once and, with readiness unanswered, asks for an assessment', async () => {
    const p = await create();
    expect(p.screening).toMatchObject({ recommendation: 'needs_assessment', policyVersion: 1 });
    expect(p.screening.missingFacts).toContain('readiness.management-decision');
    expect(p.screening.summary.sv).toMatch(/^Bedömning behövs innan beslut/);
    const screening = (await viewer.get(`/api/procurements/${p.id}/screening`)).json();
    expect(screening).toMatchObject({ recommendation: 'needs_assessment', policyVersion: 1, trigger: 'created', isPolicyOutdated: false });
    expect(screening.reasons[0]).toEqual(screening.summary);
    expect(screening.rules.map((r: { rule: string }) => r.rule)).toEqual(expect.arrayContaining(['contract_nature', 'cpv', 'value', 'duration', 'labour_need', 'readiness']));
  });

  it('a PUT creates a new version; earlier screenings keep the version they were made with until re-run', async () => {
    const before = await create();
    const saved = await answerReadiness(coordinator);
    expect(saved.version).toBe(2);
    const old = (await coordinator.get(`/api/procurements/${before.id}/screening`)).json();
    expect(old).toMatchObject({ policyVersion: 1, recommendation: 'needs_assessment', isPolicyOutdated: true });

    const rerun = await coordinator.post(`/api/procurements/${before.id}/screening`);
    expect(rerun.statusCode, rerun.body).toBe(200);
    expect(rerun.json()).toMatchObject({ policyVersion: 2, recommendation: 'recommended', trigger: 'manual', isPolicyOutdated: false, missingFacts: [] });
    expect((await coordinator.get(`/api/procurements/${before.id}`)).json().screening).toMatchObject({ recommendation: 'recommended', policyVersion: 2 });

    const versions = (await coordinator.get('/api/screening-policy/versions')).json();
    expect(versions.map((v: { version: number }) => v.version)).toEqual([2, 1]);
    expect(versions[1].policy.readinessQuestions[0].answer).toBeNull();
    expect(versions[0].createdBy).not.toBeNull();
    const audit = (await coordinator.get('/api/audit-events?entityType=procurement&entityId=' + before.id)).json().items;
    expect(audit.map((e: { action: string }) => e.action)).toContain('screening.run');
  });

  it('refuses a stale version with 409 and leaves the policy as it was', async () => {
    const current = (await coordinator.get('/api/screening-policy')).json();
    const stale = await put(coordinator, '/api/screening-policy', { ...current, version: current.version - 1, durationMonthsMoreThan: 6 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    expect((await coordinator.get('/api/screening-policy')).json()).toEqual(current);
  });

  it('names the invalid field: a negative threshold, an unknown CPV code, a repeated question id', async () => {
    const current = (await coordinator.get('/api/screening-policy')).json();
    const negative = await put(coordinator, '/api/screening-policy', { ...current, durationMonthsMoreThan: -1 });
    expect(negative.statusCode).toBe(400);
    expect(negative.json().errors.map((e: { path: string }) => e.path)).toEqual(['/body/durationMonthsMoreThan']);
    const cpv = await put(coordinator, '/api/screening-policy', { ...current, cpv: { include: ['12345678'], exclude: [] } });
    expect(cpv.statusCode).toBe(400);
    expect(cpv.json().errors).toEqual([expect.objectContaining({ path: '/body/cpv/include/0', code: 'unknown_cpv' })]);
    const twice = await put(coordinator, '/api/screening-policy', { ...current, readinessQuestions: [current.readinessQuestions[0], current.readinessQuestions[0]] });
    expect(twice.json().errors).toEqual([expect.objectContaining({ path: '/body/readinessQuestions/1/id', code: 'duplicate' })]);
  });

  it('only coordinators change the policy; admins, procurers and viewers read it', async () => {
    const current = (await admin.get('/api/screening-policy')).json();
    for (const session of [admin, procurer, viewer]) {
      expect((await put(session, '/api/screening-policy', current)).statusCode).toBe(403);
      expect((await session.get('/api/screening-policy/versions')).statusCode).toBe(200);
    }
  });
});

describe('automatic screening on edit (readiness answered)', () => {
  it('moves from needs_assessment to recommended when the labour need goes from unknown to 3 FTE', async () => {
    const p = await create({ labourNeedFte: null });
    expect(p.screening).toMatchObject({ recommendation: 'needs_assessment', missingFacts: ['labourNeedFte'] });
    const edited = await coordinator.patch(`/api/procurements/${p.id}`, { version: p.version, labourNeedFte: 3 });
    expect(edited.statusCode, edited.body).toBe(200);
    expect(edited.json().screening).toMatchObject({ recommendation: 'recommended', missingFacts: [] });
    expect((await coordinator.get(`/api/procurements/${p.id}/screening`)).json().trigger).toBe('updated');
  });

  it('does not re-screen when only fields screening ignores change', async () => {
    const p = await create();
    const first = (await coordinator.get(`/api/procurements/${p.id}/screening`)).json();
    await coordinator.patch(`/api/procurements/${p.id}`, { version: p.version, title: 'Ny titel', contractStart: '2027-01-01' });
    expect((await coordinator.get(`/api/procurements/${p.id}/screening`)).json().id).toBe(first.id);
  });

  it('screens each lot and fails a contract of exactly 4 months (more than 4 is required)', async () => {
    const p = await create({
      durationMonths: 4,
      lots: [
        { lotNumber: 1, title: 'Norr', mainCpv: '90911200', estimatedValueOre: 5_000_000_00, durationMonths: 12 },
        { lotNumber: 2, title: 'Söder', mainCpv: '90911200', estimatedValueOre: 5_000_000_00 },
      ],
    });
    const screening = (await coordinator.get(`/api/procurements/${p.id}/screening`)).json();
    expect(screening.recommendation).toBe('not_recommended');
    expect(screening.lots.map((l: { lotNumber: number }) => l.lotNumber)).toEqual([1, 2]);
    expect(screening.lots[1].recommendation).toBe('not_recommended');
  });

  it('lets a procurer re-run screening for own units only, and never a viewer', async () => {
    const own = await create({}, procurer);
    const other = await create({ unitId: org.otherUnit.id });
    expect((await procurer.post(`/api/procurements/${own.id}/screening`)).statusCode).toBe(200);
    expect((await procurer.post(`/api/procurements/${other.id}/screening`)).statusCode).toBe(403);
    expect((await viewer.post(`/api/procurements/${own.id}/screening`)).statusCode).toBe(403);
  });
});

describe('the register and the work queue', () => {
  it('filters by screening and lists the undecided suitable procurements as the work queue', async () => {
    const recommended = await create({ title: 'Kö rekommenderad' });
    const assessment = await create({ title: 'Kö bedömning', labourNeedFte: null });
    const notRecommended = await create({ title: 'Kö varor', contractNature: 'supplies', mainCpv: '30192000', additionalCpv: [] });
    const decided = await create({ title: 'Kö beslutad' });
    const library = (await coordinator.get('/api/requirement-templates?scope=own')).json().items;
    const dialogue = library.find((t: { key: string }) => t.key === 'dialogue-clause');
    const decision = await put(coordinator, `/api/procurements/${decided.id}/decision`, {
      kind: 'apply',
      requirements: [{ templateVersionId: dialogue.publishedVersion.id, lotNumbers: null, parameters: {} }],
    });
    expect(decision.statusCode, decision.body).toBe(200);

    const queue = (await coordinator.get('/api/procurements?queue=undecided&q=Kö&pageSize=100')).json();
    expect(queue.items.map((i: { id: string }) => i.id).sort()).toEqual([recommended.id, assessment.id].sort());
    expect(queue.total).toBe(2);
    const row = queue.items.find((i: { id: string }) => i.id === recommended.id);
    expect(row).toMatchObject({ screening: 'recommended', decision: null });

    const not = (await coordinator.get('/api/procurements?screening=not_recommended&q=Kö')).json();
    expect(not.items.map((i: { id: string }) => i.id)).toEqual([notRecommended.id]);
    const withDecision = (await coordinator.get('/api/procurements?screening=recommended&q=Kö&sort=title')).json();
    expect(withDecision.items.map((i: { id: string; decision: string | null }) => [i.id, i.decision])).toEqual([
      [decided.id, 'apply'],
      [recommended.id, null],
    ]);
    expect((await coordinator.get('/api/procurements?screening=none&q=Kö')).json().total).toBe(0);
    expect((await coordinator.get(`/api/procurements/${decided.id}`)).json().decision).toMatchObject({ kind: 'apply', revision: 1, hasSocialConsiderations: true });
  });

  it('leaves published procurements out of the queue: their decision can no longer be made', async () => {
    const p = await create({ title: 'Kö publicerad' });
    await coordinator.post(`/api/procurements/${p.id}/status`, { status: 'in_preparation' });
    await coordinator.post(`/api/procurements/${p.id}/status`, { status: 'published' });
    expect((await coordinator.get('/api/procurements?queue=undecided&q=publicerad')).json().total).toBe(0);
    expect((await coordinator.get('/api/procurements?screening=recommended&q=publicerad')).json().total).toBe(1);
  });
});

import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, login, validProcurement, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { answerReadiness, ownTemplate, put, unzip, visibleText } from '../../../../tests/support/social.js';

let ctx: TestContext;
let org: Awaited<ReturnType<typeof createOrganisation>>;
let coordinator: Session;
let procurer: Session;
let viewer: Session;
let employmentVersionId: string;
let dialogueVersionId: string;

const JUSTIFIED = 'Stödfunktionen bedömer att det saknas kandidater i branschen just nu.';

beforeAll(async () => {
  ctx = await createTestApp();
  org = await createOrganisation(ctx.db, { name: 'Exempelstads kommun' });
  coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  procurer = await login(ctx.app, (await createUser(ctx.db, org.id, [{ role: 'procurer', unitId: org.unit.id }])).email);
  viewer = await login(ctx.app, (await createUser(ctx.db, org.id, ['viewer'])).email);
  await answerReadiness(coordinator);
  employmentVersionId = (await ownTemplate(coordinator, 'employment-condition')).publishedVersion!.id;
  dialogueVersionId = (await ownTemplate(coordinator, 'dialogue-clause')).publishedVersion!.id;
});
afterAll(() => ctx.close());

async function create(overrides: Record<string, unknown> = {}) {
  const response = await coordinator.post('/api/procurements', validProcurement(org.unit.id, overrides));
  expect(response.statusCode, response.body).toBe(201);
  return response.json();
}

const employment = (parameters: Record<string, unknown> = {}, lotNumbers: number[] | null = null) => ({
  templateVersionId: employmentVersionId,
  lotNumbers,
  parameters: { positions: 3, target_groups: ['newly_arrived', 'income_support'], ...parameters },
});

const decide = (session: Session, id: string, body: Record<string, unknown>) => put(session, `/api/procurements/${id}/decision`, body);

describe('comply or explain', () => {
  it('applying what screening recommends needs no justification, and the texts come back rendered', async () => {
    const p = await create();
    expect(p.screening.recommendation).toBe('recommended');
    const response = await decide(coordinator, p.id, { kind: 'apply', requirements: [employment()] });
    expect(response.statusCode, response.body).toBe(200);
    const decision = response.json();
    expect(decision).toMatchObject({ kind: 'apply', recommendation: 'recommended', revision: 1, hasSocialConsiderations: true, isLocked: false });
    expect(decision.requirements[0]).toMatchObject({ templateKey: 'employment-condition', version: 1, lotNumbers: null, parameters: { positions: 3, employment_months: 6 } });
    expect(decision.requirements[0].rendered.sv.body).toContain('3 personer från följande målgrupper: nyanlända och personer som får ekonomiskt bistånd');
    expect(decision.requirements[0].rendered.en.body).toContain('3 people');
    expect((await viewer.get(`/api/procurements/${p.id}/decision`)).json().decidedBy).toBeNull();
    expect((await coordinator.get(`/api/procurements/${p.id}/decision`)).json().decidedBy).not.toBeNull();
  });

  it('applying nothing when requirements are recommended needs a justification of at least 20 characters', async () => {
    const p = await create();
    const bare = await decide(coordinator, p.id, { kind: 'none', requirements: [], justification: 'För kort.' });
    expect(bare.statusCode).toBe(400);
    expect(bare.json().errors).toEqual([expect.objectContaining({ path: '/body/justification', code: 'justification_required' })]);
    expect((await coordinator.get(`/api/procurements/${p.id}/decision`)).statusCode).toBe(404);
    const explained = await decide(coordinator, p.id, { kind: 'none', requirements: [], justification: JUSTIFIED });
    expect(explained.statusCode, explained.body).toBe(200);
    expect(explained.json()).toMatchObject({ kind: 'none', hasSocialConsiderations: false, justification: JUSTIFIED });
  });

  it('applying requirements against a not_recommended screening needs a justification too', async () => {
    const p = await create({ contractNature: 'supplies', mainCpv: '30192000', additionalCpv: [] });
    expect(p.screening.recommendation).toBe('not_recommended');
    const bare = await decide(coordinator, p.id, { kind: 'apply', requirements: [employment()] });
    expect(bare.json().errors).toEqual([expect.objectContaining({ path: '/body/justification' })]);
    expect((await decide(coordinator, p.id, { kind: 'none' })).statusCode).toBe(200);
    expect((await decide(coordinator, p.id, { kind: 'apply', requirements: [employment()], justification: JUSTIFIED })).statusCode).toBe(200);
  });

  it('names a parameter of the wrong type or out of range by its path', async () => {
    const p = await create();
    const wrong = await decide(coordinator, p.id, { kind: 'apply', requirements: [employment({ positions: 'tre' })] });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().errors).toEqual([expect.objectContaining({ path: '/body/requirements/0/parameters/positions', code: 'wrong_type' })]);
    const range = await decide(coordinator, p.id, {
      kind: 'apply',
      requirements: [employment({ positions: 500, target_groups: ['astronauts'] })],
    });
    expect(range.json().errors.map((e: { path: string; code: string }) => [e.path, e.code])).toEqual([
      ['/body/requirements/0/parameters/target_groups', 'unknown_option'],
      ['/body/requirements/0/parameters/positions', 'out_of_range'],
    ]);
  });

  it('refuses lots that do not exist, drafts, and versions of another organisation', async () => {
    const p = await create({
      lots: [
        { lotNumber: 1, title: 'Norr', mainCpv: '90911200', estimatedValueOre: 6_000_000_00 },
        { lotNumber: 2, title: 'Söder', mainCpv: '90911200', estimatedValueOre: 6_000_000_00 },
      ],
    });
    const unknownLot = await decide(coordinator, p.id, { kind: 'apply', requirements: [employment({}, [2, 3])], justification: JUSTIFIED });
    expect(unknownLot.json().errors).toEqual([expect.objectContaining({ path: '/body/requirements/0/lotNumbers', code: 'unknown_lot' })]);
    expect((await decide(coordinator, p.id, { kind: 'apply', requirements: [employment({}, [2])], justification: JUSTIFIED })).statusCode).toBe(200);

    const other = await createOrganisation(ctx.db);
    const stranger = await login(ctx.app, (await createUser(ctx.db, other.id, ['coordinator'])).email);
    const foreign = (await ownTemplate(stranger, 'employment-condition')).publishedVersion!.id;
    const refused = await decide(coordinator, p.id, { kind: 'apply', requirements: [{ ...employment(), templateVersionId: foreign }], justification: JUSTIFIED });
    expect(refused.json().errors).toEqual([expect.objectContaining({ path: '/body/requirements/0/templateVersionId', code: 'unknown_template_version' })]);
  });

  it('every write is audited with before and after and bumps the revision; a stale revision is refused', async () => {
    const p = await create();
    await decide(coordinator, p.id, { kind: 'apply', requirements: [employment()] });
    const second = await decide(coordinator, p.id, { kind: 'apply', requirements: [employment({ positions: 4 })], revision: 1 });
    expect(second.json()).toMatchObject({ revision: 2 });
    const stale = await decide(coordinator, p.id, { kind: 'apply', requirements: [employment({ positions: 5 })], revision: 1 });
    expect(stale.statusCode).toBe(409);
    expect(stale.json().code).toBe('stale_version');
    const events = (await coordinator.get(`/api/audit-events?entityType=procurement&entityId=${p.id}`)).json().items;
    const revised = events.find((e: { action: string }) => e.action === 'decision.revised');
    expect(revised.before).toMatchObject({ revision: 1, requirements: [{ parameters: { positions: 3 } }] });
    expect(revised.after).toMatchObject({ revision: 2, requirements: [{ parameters: { positions: 4 } }] });
    expect(events.map((e: { action: string }) => e.action)).toContain('decision.recorded');
  });

  it('is locked once the procurement is published (409 decision_locked)', async () => {
    const p = await create();
    await decide(coordinator, p.id, { kind: 'apply', requirements: [employment()] });
    await coordinator.post(`/api/procurements/${p.id}/status`, { status: 'in_preparation' });
    expect((await decide(coordinator, p.id, { kind: 'apply', requirements: [employment({ positions: 2 })] })).statusCode).toBe(200);
    await coordinator.post(`/api/procurements/${p.id}/status`, { status: 'published' });
    const locked = await decide(coordinator, p.id, { kind: 'none', justification: JUSTIFIED });
    expect(locked.statusCode).toBe(409);
    expect(locked.json()).toMatchObject({ code: 'decision_locked', title: 'Decision locked' });
    expect((await coordinator.get(`/api/procurements/${p.id}/decision`)).json()).toMatchObject({ kind: 'apply', revision: 2, isLocked: true });
  });

  it('viewers cannot decide; procurers decide for their own units only', async () => {
    const own = await create();
    const other = await create({ unitId: org.otherUnit.id });
    expect((await decide(viewer, own.id, { kind: 'apply', requirements: [employment()] })).statusCode).toBe(403);
    expect((await decide(procurer, other.id, { kind: 'apply', requirements: [employment()] })).statusCode).toBe(403);
    expect((await decide(procurer, own.id, { kind: 'apply', requirements: [employment()] })).statusCode).toBe(200);
  });

  it('keeps the template version it used when the template gets a new published version', async () => {
    const p = await create();
    await decide(coordinator, p.id, { kind: 'apply', requirements: [{ templateVersionId: dialogueVersionId, lotNumbers: null, parameters: {} }] });
    const template = await ownTemplate(coordinator, 'dialogue-clause');
    const detail = (await coordinator.get(`/api/requirement-templates/${template.id}`)).json();
    const content = { ...detail.versions[0].content, title: { sv: 'Dialogklausul, ny lydelse', en: 'Dialogue clause, new wording' } };
    expect((await put(coordinator, `/api/requirement-templates/${template.id}/draft`, { content })).statusCode).toBe(200);
    expect((await coordinator.post(`/api/requirement-templates/${template.id}/publish`)).json().publishedVersion.version).toBe(2);
    const decision = (await coordinator.get(`/api/procurements/${p.id}/decision`)).json();
    expect(decision.requirements[0]).toMatchObject({ version: 1, templateVersionId: dialogueVersionId });
    expect(decision.requirements[0].rendered.sv.title).not.toContain('ny lydelse');
    dialogueVersionId = (await ownTemplate(coordinator, 'dialogue-clause')).publishedVersion!.id;
  });
});

describe('documents', () => {
  let p: { id: string; referenceNumber: string };
  beforeAll(async () => {
    p = await create({
      referenceNumber: 'UH-2026/0142',
      lots: [
        { lotNumber: 1, title: 'Lokalvård norr', mainCpv: '90911200', estimatedValueOre: 6_000_000_00 },
        { lotNumber: 2, title: 'Lokalvård söder', mainCpv: '90911200', estimatedValueOre: 6_000_000_00 },
      ],
    });
    const response = await decide(coordinator, p.id, {
      kind: 'apply',
      requirements: [employment({ positions: 7 }, [1]), { templateVersionId: dialogueVersionId, lotNumbers: null, parameters: {} }],
      justification: 'Delområdena saknar egna uppskattningar av arbetskraftsbehovet.',
    });
    expect(response.statusCode, response.body).toBe(200);
  });

  it('the .docx is a Word zip whose document.xml holds the filled values and target group labels', async () => {
    const response = await viewer.get(`/api/procurements/${p.id}/requirements.docx`);
    expect(response.statusCode).toBe(200);
    expect(response.headers['content-type']).toBe('application/vnd.openxmlformats-officedocument.wordprocessingml.document');
    expect(response.headers['content-disposition']).toContain('UH-2026-0142');
    expect(response.headers['content-disposition']).toMatch(/^attachment; filename="Sarskilda kontraktsvillkor/);
    const files = await unzip(response.rawPayload);
    const text = visibleText(files.get('word/document.xml')!);
    expect(text).toContain('Särskilda kontraktsvillkor – social hänsyn');
    expect(text).toContain('Exempelstads kommun');
    expect(text).toContain('7 personer från följande målgrupper: nyanlända och personer som får ekonomiskt bistånd');
    expect(text).toContain('Delområde 1 (Lokalvård norr)');
  });

  it('answers in English with ?lang=en, and as plain text', async () => {
    const en = await coordinator.get(`/api/procurements/${p.id}/requirements.docx?lang=en`);
    expect(visibleText((await unzip(en.rawPayload)).get('word/document.xml')!)).toContain('7 people from the following target groups: newly arrived immigrants and people who receive income support');
    const txt = await coordinator.get(`/api/procurements/${p.id}/requirements.txt`);
    expect(txt.statusCode).toBe(200);
    expect(txt.headers['content-type']).toBe('text/plain; charset=utf-8');
    expect(txt.body).toMatch(/^Särskilda kontraktsvillkor – social hänsyn\n=+\n/);
    expect(txt.body).toContain('Diarienummer: UH-2026/0142');
    expect(txt.body).toContain('7 personer');
  });

  it('derives the eForms fields per lot', async () => {
    const fields = (await coordinator.get(`/api/procurements/${p.id}/eforms-fields`)).json();
    expect(fields.map((f: { lotId: string }) => f.lotId)).toEqual(['LOT-0001', 'LOT-0002']);
    expect(fields[0]).toMatchObject({ strategicProcurement: ['soc-obj'], reservedParticipation: ['none'], reservedExecution: 'no' });
    expect(fields[0].socialObjectives).toContain('opp');
    expect(fields[0].performanceTerms.sv).toContain('7 personer');
    expect(fields[1].performanceTerms.sv).not.toContain('7 personer');
  });

  it('answers 404 when no decision applies requirements', async () => {
    const none = await create();
    expect((await coordinator.get(`/api/procurements/${none.id}/requirements.docx`)).statusCode).toBe(404);
    await decide(coordinator, none.id, { kind: 'none', justification: JUSTIFIED });
    for (const doc of ['requirements.docx', 'requirements.txt', 'eforms-fields']) {
      expect((await coordinator.get(`/api/procurements/${none.id}/${doc}`)).statusCode).toBe(404);
    }
  });
});

describe('goal fulfilment', () => {
  it('measures the year’s service procurements (by contract start, cancelled excluded) against the goal, per unit', async () => {
    const city = await createOrganisation(ctx.db, { socialGoalPercent: 60 });
    const lead = await login(ctx.app, (await createUser(ctx.db, city.id, ['coordinator'])).email);
    const make = async (unitId: string, overrides: Record<string, unknown>) => {
      const r = await lead.post('/api/procurements', validProcurement(unitId, overrides));
      expect(r.statusCode, r.body).toBe(201);
      return r.json().id as string;
    };
    const version = (await ownTemplate(lead, 'dialogue-clause')).publishedVersion!.id;
    const apply = (id: string) => decide(lead, id, { kind: 'apply', requirements: [{ templateVersionId: version, lotNumbers: null, parameters: {} }], justification: JUSTIFIED });
    await apply(await make(city.unit.id, { contractStart: '2026-02-01' }));
    await apply(await make(city.unit.id, { contractStart: '2026-12-31' }));
    await decide(lead, await make(city.unit.id, { contractStart: '2026-06-01' }), { kind: 'none', justification: JUSTIFIED });
    await make(city.otherUnit.id, { contractStart: '2026-03-01' });
    await apply(await make(city.otherUnit.id, { contractStart: '2026-03-01', contractNature: 'works', mainCpv: '45000000', additionalCpv: [] }));
    await apply(await make(city.otherUnit.id, { contractStart: '2025-12-31' }));
    const cancelled = await make(city.otherUnit.id, { contractStart: '2026-05-01' });
    await lead.post(`/api/procurements/${cancelled}/status`, { status: 'cancelled' });

    const goal = (await lead.get('/api/goal-fulfilment?year=2026')).json();
    expect(goal).toMatchObject({ year: 2026, goalPercent: 60, serviceProcurements: 4, withSocialConsiderations: 2, sharePercent: 50, isGoalMet: false, shortfall: 1 });
    expect(goal.byUnit).toEqual([
      expect.objectContaining({ unit: { id: city.unit.id, name: 'Enhet ett' }, serviceProcurements: 3, withSocialConsiderations: 2, isGoalMet: true }),
      expect.objectContaining({ unit: { id: city.otherUnit.id, name: 'Enhet två' }, serviceProcurements: 1, withSocialConsiderations: 0, sharePercent: 0 }),
    ]);
    expect((await lead.get('/api/goal-fulfilment?year=2030')).json()).toMatchObject({ serviceProcurements: 0, sharePercent: null, isGoalMet: null });
  });
});

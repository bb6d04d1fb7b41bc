import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createOrganisation, createTestApp, createUser, login, validProcurement, type Session, type TestContext } from '../../../tests/support/factories.js';

/**
 * The attacks of issue 8 item 5 that answered 500: each must be a 400 that names the field, and
 * nothing may be written.
 */
let ctx: TestContext;
let session: Session;
let organisation: Awaited<ReturnType<typeof createOrganisation>>;
let procurementId: string;

beforeAll(async () => {
  ctx = await createTestApp();
  organisation = await createOrganisation(ctx.db);
  session = await login(ctx.app, (await createUser(ctx.db, organisation.id, ['admin', 'coordinator', 'procurer'])).email);
  const created = await session.post('/api/procurements', validProcurement(organisation.unit.id));
  expect(created.statusCode).toBe(201);
  procurementId = created.json().id;
});
afterAll(() => ctx.close());

/** A JSON body as text, so that escapes like \ud800 reach the server as sent. */
function jsonText(session: Session, method: 'POST' | 'PATCH' | 'PUT', url: string, text: string) {
  return session.request({ method, url, headers: { 'content-type': 'application/json' }, payload: text });
}

function expectFieldError(response: { statusCode: number; json(): unknown; body: string }, path: string, code: string) {
  expect(response.statusCode, response.body).toBe(400);
  expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ path, code })] });
}

describe('characters PostgreSQL or XML cannot hold', () => {
  it.each([
    ['NUL in the entity id filter of the audit log', '/api/audit-events?entityId=%00', '/querystring/entityId'],
    ['NUL in the buyer filter of the market', '/api/market/notices?buyer=%00', '/querystring/buyer'],
    ['NUL in the register search', '/api/procurements?q=a%00b', '/querystring/q'],
    ['U+FFFF in the register search', '/api/procurements?q=%EF%BF%BF', '/querystring/q'],
  ])('%s answers 400 naming the parameter', async (_name, url, path) => {
    expectFieldError(await session.get(url), path, 'invalid_character');
  });

  it('NUL in the anonymous login e-mail answers 400 naming the field', async () => {
    const response = await ctx.app.inject({ method: 'POST', url: '/api/auth/login', payload: { email: 'a\u0000@test.example', password: 'whatever it may be' } });
    expectFieldError(response, '/body/email', 'invalid_character');
  });

  it.each([
    ['a lone high surrogate in a procurement title', '"a\\ud800b"'],
    ['a lone low surrogate in a procurement title', '"\\udc00"'],
    ['NUL in a procurement title', '"a\\u0000b"'],
    ['U+FFFE in a procurement title', '"Lokalv\\ufffe\\u00e5rd"'],
    ['U+FFFF in a procurement title', '"\\uffff"'],
    ['a C0 control in a procurement title', '"a\\u0007b"'],
  ])('%s answers 400 and stores nothing', async (_name, title) => {
    const body = JSON.stringify(validProcurement(organisation.unit.id, { title: '__T__' })).replace('"__T__"', title);
    expectFieldError(await jsonText(session, 'POST', '/api/procurements', body), '/body/title', 'invalid_character');
    expect((await session.get('/api/procurements')).json().total).toBe(1);
  });

  it('a lone surrogate in a token name answers 400', async () => {
    expectFieldError(await jsonText(session, 'POST', '/api/me/tokens', '{"name":"a\\ud800b"}'), '/body/name', 'invalid_character');
    expect((await session.get('/api/me/tokens')).json()).toEqual([]);
  });

  it('a lone surrogate in a user field answers 400', async () => {
    const body = '{"email":"new@test.example","displayName":"a\\ud800b","memberships":[{"role":"viewer","unitId":null}]}';
    expectFieldError(await jsonText(session, 'POST', '/api/users', body), '/body/displayName', 'invalid_character');
  });

  it('a hostile object key is named too', async () => {
    const body = `{"kind":"none","requirements":[],"justification":"Motivering som är lång nog.","\\u0000":1}`;
    expectFieldError(await jsonText(session, 'PUT', `/api/procurements/${procurementId}/decision`, body), '/body/\u0000', 'invalid_character');
  });

  it('keeps tab, new line, surrogate pairs and Swedish letters', async () => {
    const created = await session.post('/api/procurements', validProcurement(organisation.unit.id, { title: 'Lokalvård\tför 😀', description: 'Rad ett\r\nrad två' }));
    expect(created.statusCode, created.body).toBe(201);
    expect(created.json().title).toBe('Lokalvård\tför 😀');
    expect((await session.delete(`/api/procurements/${created.json().id}`)).statusCode).toBe(204);
  });
});

describe('nesting', () => {
  it('a body nested deeper than the limit answers 400, not a stack overflow', async () => {
    const deep = '['.repeat(10_000) + ']'.repeat(10_000);
    const body = JSON.stringify(validProcurement(organisation.unit.id, { additionalCpv: '__D__' })).replace('"__D__"', deep);
    const response = await jsonText(session, 'POST', '/api/procurements', body);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ code: 'too_deep' })] });
  });
});

describe('numbers that pass the type check but overflow', () => {
  it.each([
    ['/api/procurements?page=1e300', '/querystring/page'],
    ['/api/procurements?page=99999999999999999999', '/querystring/page'],
    ['/api/procurements?year=Infinity', '/querystring/year'],
    ['/api/procurements?pageSize=Infinity', '/querystring/pageSize'],
    ['/api/procurements?page=-Infinity', '/querystring/page'],
    ['/api/audit-events?limit=Infinity', '/querystring/limit'],
    ['/api/audit-events?before=1e300', '/querystring/before'],
    ['/api/market/notices?page=1e300', '/querystring/page'],
    ['/api/goal-fulfilment?year=Infinity', '/querystring/year'],
  ])('%s answers 400 naming the parameter', async (url, path) => {
    const response = await session.get(url);
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ path })] });
  });

  it.each([1e308, 2 ** 63, 2 ** 31])('a PATCH version of %d answers 400 and changes nothing', async (version) => {
    const response = await session.patch(`/api/procurements/${procurementId}`, { version, title: 'Ändrad' });
    expect(response.statusCode, response.body).toBe(400);
    expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [expect.objectContaining({ path: '/body/version' })] });
    expect((await session.get(`/api/procurements/${procurementId}`)).json()).toMatchObject({ version: 1, title: 'Lokalvård i förskolor' });
  });

  it('still accepts ordinary paging and the largest allowed page', async () => {
    expect((await session.get('/api/procurements?page=2&pageSize=500')).statusCode).toBe(200);
    expect((await session.get('/api/procurements?page=100000')).statusCode).toBe(200);
  });

  it('documents the bounds in OpenAPI', async () => {
    const spec = (await ctx.app.inject({ method: 'GET', url: '/api/openapi.json' })).json();
    const patch = spec.paths['/api/procurements/{id}'].patch.requestBody.content['application/json'].schema;
    expect(patch.properties.version).toMatchObject({ type: 'integer', maximum: 2_147_483_647 });
    const page = spec.paths['/api/procurements'].get.parameters.find((p: { name: string }) => p.name === 'page');
    expect(page.schema).toMatchObject({ maximum: 100_000 });
  });
});

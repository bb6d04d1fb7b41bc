import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStoredZip } from '../../../../tests/support/build-stored-zip.js';
import { createOrganisation, createTestApp, createUser, login, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { CONSTRUCTED_NOTICE, CONSTRUCTED_NOTICE_ID, multipartFile, noticeVariant, XXE_NOTICE } from '../../../../tests/support/notice-variants.js';

let ctx: TestContext;
const sessions: Record<string, Session> = {};

beforeAll(async () => {
  ctx = await createTestApp();
  const org = await createOrganisation(ctx.db, { organisationNumber: '212000-0142' });
  for (const role of ['admin', 'coordinator', 'procurer', 'labour_market', 'viewer', 'supplier'] as const) {
    sessions[role] = await login(ctx.app, (await createUser(ctx.db, org.id, [role])).email);
  }
});
afterAll(() => ctx.close());

function upload(session: Session, filename: string, data: Buffer | string) {
  const { payload, headers } = multipartFile('file', filename, data);
  return session.request({ method: 'POST', url: '/api/imports/eforms', payload, headers });
}

describe('POST /api/imports/eforms', () => {
  it.each(['procurer', 'labour_market', 'viewer', 'supplier'])('refuses a %s with 403', async (role) => {
    const response = await upload(sessions[role]!, 'cn.xml', CONSTRUCTED_NOTICE);
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({ code: 'forbidden' });
    expect((await sessions[role]!.get('/api/imports/eforms')).statusCode).toBe(403);
  });

  it('lets a coordinator import a notice into the store and the own register', async () => {
    const response = await upload(sessions.coordinator!, 'cn.xml', CONSTRUCTED_NOTICE);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ read: 1, stored: 1, updated: 0, skipped: 0, failed: [], procurements: { created: 1, updated: 0 } });
    const list = (await sessions.coordinator!.get('/api/procurements')).json();
    expect(list.total).toBe(1);
    const linked = await sessions.viewer!.get(`/api/procurements/${list.items[0].id}/notices`);
    expect(linked.statusCode).toBe(200);
    expect(linked.json()).toEqual([
      expect.objectContaining({ noticeId: CONSTRUCTED_NOTICE_ID, hasSocial: true, hasEmployment: true, socialCodes: ['BT-775:opp', 'BT-775:acc-all', 'BT-736:yes', 'text'] }),
    ]);
    expect(linked.json()[0].social.signals.length).toBeGreaterThan(3);
  });

  it('lets an admin upload a .zip; the same notice again is skipped and an XXE entry fails, named by the upload', async () => {
    const zip = buildStoredZip([
      { name: 'same.xml', data: CONSTRUCTED_NOTICE },
      { name: 'new.xml', data: noticeVariant({ noticeId: '00000000-0000-4000-8000-000000000777' }) },
      { name: 'evil.xml', data: XXE_NOTICE },
    ]);
    const response = await upload(sessions.admin!, 'batch.zip', zip);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toMatchObject({ read: 3, stored: 1, skipped: 1, failed: [{ file: 'batch.zip!/evil.xml', error: expect.stringContaining('dtd-forbidden') }] });
  });

  it('refuses other file types with 415 and a missing file with 400', async () => {
    expect((await upload(sessions.admin!, 'notes.txt', 'hello')).statusCode).toBe(415);
    const empty = await sessions.admin!.request({ method: 'POST', url: '/api/imports/eforms', payload: {} });
    expect(empty.statusCode).toBe(415);
  });

  it('lists past imports to admins and coordinators', async () => {
    const response = await sessions.admin!.get('/api/imports/eforms');
    expect(response.statusCode).toBe(200);
    const imports = response.json() as Array<{ source: string; stored: number; scope: string }>;
    expect(imports.map((i) => i.source)).toEqual(['batch.zip', 'cn.xml']);
    expect(imports[1]).toMatchObject({ scope: 'organisation', stored: 1, matched: 1 });
  });
});

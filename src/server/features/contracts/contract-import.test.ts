import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { awardedProcurement } from '../../../../tests/support/contracts.js';
import { createOrganisation, createTestApp, createUser, login, type Session, type TestContext } from '../../../../tests/support/factories.js';
import { multipartFile } from '../../../../tests/support/notice-variants.js';
import { answerReadiness } from '../../../../tests/support/social.js';

let ctx: TestContext;
let coordinator: Session;
let reference: string;

beforeAll(async () => {
  ctx = await createTestApp();
  const org = await createOrganisation(ctx.db);
  coordinator = await login(ctx.app, (await createUser(ctx.db, org.id, ['coordinator'])).email);
  await answerReadiness(coordinator);
  reference = (await awardedProcurement(coordinator, org.unit.id, [{ key: 'employment-condition', parameters: { positions: 2 } }])).referenceNumber;
});
afterAll(() => ctx.close());

const HEADER = 'Upphandlingens diarienummer;Avtalsnummer;Leverantörens organisationsnummer;Leverantör;Delområden;Undertecknat;Avtalsstart;Avtalsslut;Värde (SEK)';
const upload = (csv: string, query = '') => {
  const { payload, headers } = multipartFile('file', 'avtal.csv', csv);
  return coordinator.request({ method: 'POST', url: `/api/contracts/import${query}`, payload, headers });
};

describe('POST /api/contracts/import', () => {
  it('refuses the whole file when one row is wrong, naming row, column and code', async () => {
    const csv = [
      HEADER,
      `${reference};IMP-1;556036-0793;Import AB;;2024-12-01;2025-01-01;2026-12-31;1 000 000`,
      `${reference};IMP-2;556036-0794;Fel AB;;2024-12-01;2025-01-01;2024-06-30;`,
      `NO-SUCH;IMP-1;556036-0793;Import AB;;2024-12-01;2025-02-30;2026-12-31;`,
    ].join('\n');
    const response = await upload(csv);
    expect(response.statusCode, response.body).toBe(422);
    const errors = response.json().errors.map((e: { row: number; column: string; code: string }) => `${e.row}:${e.column}:${e.code}`);
    expect(errors).toEqual(
      expect.arrayContaining([
        '3:Avtalsslut:end_before_start',
        '3:Leverantörens organisationsnummer:invalid_organisation_number',
        '4:Avtalsstart:invalid_date',
        '4:Avtalsnummer:duplicate_in_file',
        '4:Upphandlingens diarienummer:unknown_procurement',
      ]),
    );
    expect((await coordinator.get('/api/contracts')).json().total).toBe(0);
  });

  it('stores every row with its commitments when the file is valid; a dry run stores nothing', async () => {
    const csv = [HEADER, `${reference};IMP-10;5560360793;Import AB;;2024-12-01;2025-01-01;2026-12-31;1 000 000`, `${reference};IMP-11;212000-1355;Annan AB;;2024-12-01;2025-01-01;2026-12-31;`].join('\n');
    expect((await upload(csv, '?dryRun=true')).json()).toEqual({ created: 0, dryRun: true });
    expect((await coordinator.get('/api/contracts')).json().total).toBe(0);
    const response = await upload(csv);
    expect(response.statusCode, response.body).toBe(200);
    expect(response.json()).toEqual({ created: 2, dryRun: false });
    const list = (await coordinator.get('/api/contracts')).json();
    expect(list.total).toBe(2);
    expect(list.items.find((c: { referenceNumber: string }) => c.referenceNumber === 'IMP-10')).toMatchObject({ valueOre: 1_000_000_00, commitmentCount: 1, supplier: { organisationNumber: '556036-0793' } });
  });
});

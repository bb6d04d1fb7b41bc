import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Value } from '@sinclair/typebox/value';
import { describe, expect, it } from 'vitest';
import { summariseSocialConsiderations } from '../../domain/eforms/summarise-social-considerations.js';
import { readNoticeIndependently } from '../../../tests/support/read-notice-independently.js';
import { NoticeSchema, type Notice, type ParseErrorCode } from './notice-schema.js';
import { normaliseCompanyId, parseNotice, READ_ELEMENTS } from './parse-notice.js';

const FIXTURES = fileURLToPath(new URL('../../../tests/fixtures/eforms/', import.meta.url));
const SDK_DIR = join(FIXTURES, 'sdk-examples');
const REAL_DIR = join(FIXTURES, 'real-notices');

const fixtures = [
  ...readdirSync(SDK_DIR).filter((name) => name.endsWith('.xml')).map((name) => ({ name, path: join(SDK_DIR, name) })),
  ...readdirSync(REAL_DIR).filter((name) => name.endsWith('.xml')).map((name) => ({ name, path: join(REAL_DIR, name) })),
].sort((a, b) => a.name.localeCompare(b.name));

/**
 * What the parser must do with notices it cannot take. The SDK's `INVALID_*` "empty" and "stage-1/2"
 * examples leave BT-701 (cbc:ID notice-id) empty or out, so they fail; `INVALID_cn_24_multiple`
 * (bad code values in repeated elements) and `INVALID_change-cn_24_FRA_comments` (a change notice that
 * alters unchangeable fields) break business rules only, which this parser does not enforce, so they parse.
 * X01/X02 are business-registration notices, outside the three supported roots.
 */
const EXPECTED_FAILURES: Record<string, ParseErrorCode> = {
  'INVALID_can_24_empty.xml': 'missing-required-field',
  'INVALID_can_24_stage-1.xml': 'missing-required-field',
  'INVALID_can_24_stage-2.xml': 'missing-required-field',
  'INVALID_cn_24_empty.xml': 'missing-required-field',
  'INVALID_cn_24_stage-1.xml': 'missing-required-field',
  'INVALID_cn_24_stage-2.xml': 'missing-required-field',
  'INVALID_pin-buyer_24_stage-1.xml': 'missing-required-field',
  'INVALID_pin-only_24_empty.xml': 'missing-required-field',
  'INVALID_pin-only_24_minimal.xml': 'missing-required-field',
  'INVALID_pin-only_24_stage-1.xml': 'missing-required-field',
  'X01_EEIG.xml': 'unsupported-root',
  'X02_registration.xml': 'unsupported-root',
};
const INVALID_BUT_PARSEABLE = new Set(['INVALID_cn_24_multiple.xml', 'INVALID_change-cn_24_FRA_comments.xml']);

function parseFixture(name: string): Notice {
  const fixture = fixtures.find((candidate) => candidate.name === name);
  if (fixture === undefined) throw new Error(`no fixture ${name}`);
  const result = parseNotice(readFileSync(fixture.path));
  if (!result.ok) throw new Error(`${name}: ${result.error.code} ${result.error.message}`);
  return result.notice;
}

describe('parseNotice over every fixture', () => {
  it('has all 92 SDK examples and 24 real notices', () => {
    expect(fixtures.filter((f) => f.path.startsWith(SDK_DIR))).toHaveLength(92);
    expect(fixtures.filter((f) => f.path.startsWith(REAL_DIR))).toHaveLength(24);
    expect(fixtures.filter((f) => f.name.startsWith('INVALID_'))).toHaveLength(12);
    for (const name of [...Object.keys(EXPECTED_FAILURES), ...INVALID_BUT_PARSEABLE]) {
      expect(fixtures.some((f) => f.name === name), name).toBe(true);
    }
  });

  it.each(fixtures)('$name', ({ name, path }) => {
    const bytes = readFileSync(path);
    const result = parseNotice(bytes);
    const expectedFailure = EXPECTED_FAILURES[name];
    if (expectedFailure !== undefined) {
      expect(result.ok).toBe(false);
      if (!result.ok) {
        expect(result.error.code).toBe(expectedFailure);
        expect(result.error.message).not.toBe('');
      }
      return;
    }
    if (!result.ok) throw new Error(`${result.error.code}: ${result.error.message}`);
    const notice = result.notice;
    const schemaErrors = [...Value.Errors(NoticeSchema, notice)].map((error) => `${error.path}: ${error.message}`);
    expect(schemaErrors).toEqual([]);

    // Cross-check against a different parser and traversal.
    const independent = readNoticeIndependently(bytes.toString('utf8'));
    expect(independent.rootLocalName).toBe(notice.root);
    expect(notice.noticeId).toBe(independent.noticeId);
    expect(notice.noticeType).toBe(independent.noticeType);
    expect(notice.formType).toBe(independent.formType);
    expect(notice.noticeSubtype).toBe(independent.noticeSubtype);
    expect(notice.sdkVersion).toBe(independent.sdkVersion);
    expect(notice.procedureId).toBe(independent.procedureId);
    expect(notice.mainCpv).toBe(independent.mainCpv);
    expect(notice.buyers.map((buyer) => buyer.organisationId)).toEqual([...new Set(independent.buyerOrganisationIds)]);
    expect(
      notice.lots.map((lot) => ({
        lotId: lot.lotId,
        scheme: lot.kind === 'lot' ? 'Lot' : 'Part',
        mainCpv: lot.mainCpv,
        strategicProcurement: lot.strategicProcurement,
        socialObjectives: lot.socialObjectives,
        greenProcurement: lot.greenProcurement,
        reservedParticipation: lot.reservedParticipation,
        reservedExecution: lot.reservedExecution,
      })),
    ).toEqual(independent.lots);
    if (independent.tenderIds === null) {
      expect(notice.results).toBeNull();
    } else {
      expect(notice.results?.tenders.map((tender) => tender.tenderId)).toEqual(independent.tenderIds);
      expect(notice.results?.tenders.map((tender) => (tender.value === null ? null : tender.value.amount))).toEqual(
        independent.tenderValues?.map((value) => (value === null ? null : Number(value))),
      );
      expect(notice.results?.contracts.map((contract) => contract.contractIdentifiers)).toEqual(independent.contractIdentifiers);
    }
    if (INVALID_BUT_PARSEABLE.has(name)) expect(notice.noticeType).toBe('cn-standard');
  });
});

describe('parseNotice: hand-read values', () => {
  it('cn-social_25: BT-775 without BT-06, reserved execution, money and buyer', () => {
    const notice = parseFixture('cn-social_25.xml');
    expect(notice).toMatchObject({
      root: 'ContractNotice',
      noticeId: 'cf9697c2-e280-4e78-beb1-e481f8c97468',
      noticeVersion: '01',
      noticePublicationId: null,
      procedureId: 'b6e24d15-bcdf-4275-9399-72cfb2e671c6',
      noticeType: 'cn-social',
      formType: 'competition',
      noticeSubtype: '21',
      sdkVersion: 'eforms-sdk-1.15',
      language: 'ENG',
      issueDate: '2023-05-26',
      mainCpv: '30000000',
      additionalCpv: [],
      mainNature: 'supplies',
      estimatedValue: { amount: 1231, currency: 'BWP' },
      results: null,
      buyers: [{ organisationId: 'ORG-0001', name: 'ZenithNova Innovations', companyId: 'ABE', companyIdNormalised: 'ABE', country: 'GRC' }],
    });
    expect(notice.lots).toHaveLength(1);
    expect(notice.lots[0]).toMatchObject({
      kind: 'lot',
      lotId: 'LOT-0001',
      title: 'At the End of the Tunnel vol 3',
      strategicProcurement: [],
      socialObjectives: ['opp', 'acc-all'],
      greenProcurement: ['biodiv-eco', 'other'],
      reservedParticipation: ['none'],
      reservedExecution: 'yes',
      performanceTerms: null,
      estimatedValue: null,
    });
    const social = summariseSocialConsiderations(notice);
    expect(social.declaresSocial).toBe(true);
    expect(social.concernsEmployment).toBe(true);
    expect(social.signals.filter((s) => s.kind === 'structured').map((s) => `${s.field}:${s.code}`)).toEqual([
      'BT-775:opp',
      'BT-775:acc-all',
      'BT-736:yes',
    ]);
  });

  it('can_24_maximal: results with winners, tender values and contract identifiers', () => {
    const notice = parseFixture('can_24_maximal.xml');
    expect(notice).toMatchObject({
      root: 'ContractAwardNotice',
      noticeId: '15377ca1-6cf7-4060-90f0-9290128957a3',
      procedureId: '2d2d24a2-df84-449e-8695-fb66ef504a5a',
      noticeType: 'can-standard',
      formType: 'result',
      noticeSubtype: '29',
      issueDate: '2023-04-23',
      mainCpv: '79710000',
      additionalCpv: ['79720000'],
      mainNature: 'services',
    });
    expect(notice.lots.map((lot) => [lot.lotId, lot.title, lot.socialObjectives, lot.strategicProcurement, lot.strategicProcurementDescription])).toEqual([
      ['LOT-0001', 'Title ---', ['acc-all'], ['env-imp'], 'Strategic procurement description ---'],
      ['LOT-0002', 'Title lot 2---', ['acc-all'], ['env-imp'], 'Strategic procurement description lot 2 ---'],
    ]);
    expect(notice.lots[0]?.additionalCpv).toEqual(['33185200']);
    expect(notice.results?.tenders).toEqual([
      { tenderId: 'TEN-0001', lotId: 'GLO-0001', value: { amount: 9999999.99, currency: 'EUR' }, tenderingPartyId: 'TPA-0001' },
      { tenderId: 'TEN-0002', lotId: 'LOT-0001', value: { amount: 9999999.99, currency: 'EUR' }, tenderingPartyId: 'TPA-0002' },
      { tenderId: 'TEN-0003', lotId: 'LOT-0002', value: null, tenderingPartyId: 'TPA-0002' },
    ]);
    expect(notice.results?.contracts).toEqual([
      { contractId: 'CON-0001', contractIdentifiers: ['REF RST-678'], tenderIds: ['TEN-0001'], lotIds: ['GLO-0001', 'LOT-0001'] },
      { contractId: 'CON-0002', contractIdentifiers: ['KLM FGH/912'], tenderIds: ['TEN-0002'], lotIds: ['LOT-0001'] },
    ]);
    // TEN-0003 (LOT-0002, clos-nw) is not won: its tenderer ORG-0011 wins only through TEN-0002.
    expect(notice.results?.winners.map((w) => [w.organisationId, w.name, w.country, w.lotIds])).toEqual([
      ['ORG-0008', 'Gyro Soft SA', 'LUX', ['GLO-0001', 'LOT-0001']],
      ['ORG-0009', 'The best App Ltd.', 'DEU', ['GLO-0001', 'LOT-0001']],
      ['ORG-0011', 'Competitor', 'FRA', ['LOT-0001']],
    ]);
    const social = summariseSocialConsiderations(notice);
    expect(social.declaresSocial).toBe(true);
    expect(social.concernsEmployment).toBe(false);
  });

  it('cn_24_maximal: BT-71, BT-736 and BT-70 per lot', () => {
    const notice = parseFixture('cn_24_maximal.xml');
    expect(notice.noticeId).toBe('14549263-b47b-4e59-96a1-2d0d13e19343');
    expect(notice.lots.map((lot) => [lot.lotId, lot.reservedParticipation, lot.reservedExecution, lot.performanceTerms])).toEqual([
      ['LOT-0001', ['res-pub-ser'], 'yes', 'Terms Performance ---'],
      ['LOT-0002', ['none'], 'yes', 'Terms Performance ---'],
    ]);
    const social = summariseSocialConsiderations(notice);
    expect(social.signals.filter((s) => s.kind === 'structured').map((s) => `${s.lotId}:${s.field}:${s.code}`)).toEqual([
      'LOT-0001:BT-775:acc-all',
      'LOT-0001:BT-71:res-pub-ser',
      'LOT-0001:BT-736:yes',
      'LOT-0002:BT-775:acc-all',
      'LOT-0002:BT-736:yes',
    ]);
    expect(social.concernsEmployment).toBe(true);
  });

  it('pin-rtl_24: prior information notice without procedure identifier, duration and three BT-775 codes in order', () => {
    const notice = parseFixture('pin-rtl_24.xml');
    expect(notice).toMatchObject({
      root: 'PriorInformationNotice',
      noticeId: 'af25aa4e-6ced-438b-bf19-4458c2cd2c10',
      procedureId: null,
      noticeType: 'pin-rtl',
      formType: 'planning',
      noticeSubtype: '7',
      mainCpv: '80110000',
    });
    expect(notice.lots[0]).toMatchObject({
      lotId: 'LOT-0001',
      duration: { value: 48, unit: 'MONTH' },
      socialObjectives: ['et-eq', 'acc-all', 'opp'],
      greenProcurement: ['circ-econ'],
      reservedExecution: 'not-known',
    });
    expect(summariseSocialConsiderations(notice).concernsEmployment).toBe(true);
  });

  it('veat_81: BT-775 only on the second lot', () => {
    const notice = parseFixture('veat_81.xml');
    expect(notice.lots.map((lot) => [lot.lotId, lot.socialObjectives])).toEqual([
      ['LOT-0001', []],
      ['LOT-0002', ['hum-right', 'opp']],
    ]);
  });

  it('pin-only_24: parts are read as lots of kind part', () => {
    const notice = parseFixture('pin-only_24.xml');
    expect(notice.lots.map((lot) => [lot.kind, lot.lotId, lot.mainCpv])).toEqual([['part', 'PAR-0000', '50000000']]);
    expect(notice.mainCpv).toBe('72000000');
  });

  it('pin-buyer_24: no lots and no procedure identifier', () => {
    const notice = parseFixture('pin-buyer_24.xml');
    expect(notice.lots).toEqual([]);
    expect(notice.procedureId).toBeNull();
    expect(notice.noticeType).toBe('pin-buyer');
  });

  it('cn_24_multilingual: takes the first language variant of the buyer name', () => {
    const notice = parseFixture('cn_24_multilingual.xml');
    expect(notice.buyers[0]?.name).toBe('Служба за публикации на Европейския съюз');
  });

  it('2023-OJS165-00522031 (SDK 1.8, prefixed root urn:ContractAwardNotice, no schemeName on result ids)', () => {
    const notice = parseFixture('2023-OJS165-00522031.xml');
    expect(notice).toMatchObject({
      root: 'ContractAwardNotice',
      noticeId: '258bd03d-61ea-4cf0-83f4-043b832a47cd',
      noticePublicationId: '00522031-2023',
      sdkVersion: 'eforms-sdk-1.8',
      issueDate: '2023-08-28',
      buyers: [{ organisationId: 'ORG-0001', name: 'Gemeinsame Forschungsstelle', companyId: 'JRC', country: 'BEL' }],
    });
    expect(notice.lots[0]).toMatchObject({ lotId: 'LOT-0000', estimatedValue: { amount: 660000, currency: 'EUR' }, duration: { value: 48, unit: 'MONTH' } });
    expect(notice.results?.winners.map((w) => [w.name, w.companyId, w.country, w.lotIds])).toEqual([
      ['Templab Luxembourg sàrl', 'LU23519355', 'LUX', ['LOT-0000']],
    ]);
    expect(notice.results?.contracts).toEqual([{ contractId: 'CON-0001', contractIdentifiers: ['OP 0053'], tenderIds: ['TEN-0001'], lotIds: ['LOT-0000'] }]);
  });

  it('2024-OJS064-00189213 (xmlns="" on extensions, values with trailing newlines)', () => {
    const notice = parseFixture('2024-OJS064-00189213.xml');
    expect(notice).toMatchObject({
      noticeId: '3d999f0e-861c-4740-8cae-b84794b67d40',
      noticePublicationId: '00189213-2024',
      procedureId: '585ac5a7-4efa-4243-861b-3fa09daa9500',
      sdkVersion: 'eforms-sdk-1.9',
      noticeType: 'cn-social',
      issueDate: '2024-03-28',
      mainCpv: '79100000',
      estimatedValue: { amount: 40040000, currency: 'EUR' },
    });
    expect(notice.lots.map((lot) => lot.lotId)).toEqual(['LOT-0001', 'LOT-0002', 'LOT-0003', 'LOT-0004']);
    expect(notice.buyers[0]?.name).toBe('Uisce Éireann');
  });

  it('2024-OJS072-00215550: company identifier with dashes is kept and normalised', () => {
    const notice = parseFixture('2024-OJS072-00215550.xml');
    expect(notice.buyers[0]).toMatchObject({ companyId: '578-25-17-492', companyIdNormalised: '5782517492', country: 'POL' });
    expect(notice.language).toBe('POL');
    expect(notice.lots).toHaveLength(6);
    expect(notice.lots[0]).toMatchObject({ lotId: 'LOT-0001', title: 'Pakiet Nr 89', mainCpv: '33622100', duration: { value: 12, unit: 'MONTH' } });
  });

  it('2024-OJS170-00525037 (Finland, 12 lots, every lot result selec-w)', () => {
    const notice = parseFixture('2024-OJS170-00525037.xml');
    expect(notice.language).toBe('FIN');
    expect(notice.lots).toHaveLength(12);
    expect(notice.results?.tenders).toHaveLength(12);
    expect(notice.results?.contracts).toHaveLength(12);
    expect(notice.results?.winners.length).toBeGreaterThan(0);
    for (const contract of notice.results?.contracts ?? []) expect(contract.lotIds).toHaveLength(1);
  });
});

describe('parseNotice: namespaces are resolved by URI, not prefix', () => {
  const original = readFileSync(join(SDK_DIR, 'cn-social_25.xml'), 'utf8');
  const expected = parseFixture('cn-social_25.xml');

  it('reads the same notice with different prefixes', () => {
    const renamed = original
      .replace(/(<\/?)cbc:/g, '$1b:')
      .replace(/xmlns:cbc=/g, 'xmlns:b=')
      .replace(/(<\/?)cac:/g, '$1agg:')
      .replace(/xmlns:cac=/g, 'xmlns:agg=')
      .replace(/(<\/?)efac:/g, '$1x1:')
      .replace(/xmlns:efac=/g, 'xmlns:x1=');
    expect(renamed).toContain('<b:ID');
    const result = parseNotice(renamed);
    expect(result).toEqual({ ok: true, notice: expected });
  });

  it('ignores elements whose prefix looks right but whose namespace is different', () => {
    const wrongNamespace = original.replace(
      'xmlns:cbc="urn:oasis:names:specification:ubl:schema:xsd:CommonBasicComponents-2"',
      'xmlns:cbc="urn:example:not-ubl"',
    );
    const result = parseNotice(wrongNamespace);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.error.code).toBe('missing-required-field');
  });

  it('accepts a string and a UTF-8 BOM', () => {
    expect(parseNotice(original)).toEqual({ ok: true, notice: expected });
    const bom = new Uint8Array([0xef, 0xbb, 0xbf, ...new TextEncoder().encode(original)]);
    expect(parseNotice(bom)).toEqual({ ok: true, notice: expected });
    expect(parseNotice(`\uFEFF${original}`)).toEqual({ ok: true, notice: expected });
  });
});

describe('normaliseCompanyId', () => {
  it.each([
    ['556123-4567', '5561234567'],
    ['5561234567', '5561234567'],
    ['SE 556123-4567 01', 'SE556123456701'],
    ['BE0248.399.380', 'BE0248399380'],
    ['Kristiinankaupungin kaupunki/0216509-5', 'Kristiinankaupunginkaupunki02165095'],
  ])('%s → %s', (input, expected) => {
    expect(normaliseCompanyId(input)).toBe(expected);
  });
});

describe('READ_ELEMENTS', () => {
  it('lists every element name the extraction code reads (the reader drops all others)', () => {
    const source = readFileSync(fileURLToPath(new URL('./parse-notice.ts', import.meta.url)), 'utf8');
    const extractionCode = source.slice(source.indexOf('function extractNotice'));
    const used = new Set(extractionCode.match(/'(?:cbc|cac|efac|efbc|efext|ext):[A-Za-z]+'/g)?.map((literal) => literal.slice(1, -1)));
    expect(used.size).toBeGreaterThan(40);
    expect([...used].filter((name) => !READ_ELEMENTS.has(name))).toEqual([]);
  });
});

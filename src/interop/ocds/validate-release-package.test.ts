import fs from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { buildReleasePackage } from '../../domain/ocds/build-release-package.js';
import { noticeToRelease } from '../../domain/ocds/notice-to-release.js';
import type { OcdsRelease, OcdsReleasePackage } from '../../domain/ocds/ocds-release.js';
import { procurementToRelease, type ProcurementReleaseInput } from '../../domain/ocds/procurement-to-release.js';
import { deriveEformsFields } from '../../domain/requirements/derive-eforms-fields.js';
import { parseNotice } from '../eforms/parse-notice.js';
import { OCDS_EXTENSION_URLS } from './ocds-extensions.js';
import { validateReleasePackage } from './validate-release-package.js';

const FIXTURES = fileURLToPath(new URL('../../../tests/fixtures/eforms/', import.meta.url));

const packageOf = (releases: OcdsRelease[]): OcdsReleasePackage =>
  buildReleasePackage(releases, {
    uri: 'https://hansyn.example/api/ocds/release-package?org=testkommun',
    publisher: { name: 'Testkommun', scheme: 'SE-BLV', uid: '212000-1355' },
    publishedDate: '2026-02-03T04:05:06Z',
    extensions: OCDS_EXTENSION_URLS,
  });

const base: ProcurementReleaseInput = {
  procurement: {
    id: '6f1c1f3e-8a4e-4c53-9a53-2f5b7c0d9e11',
    referenceNumber: 'KS-2026-014',
    title: 'Lokalvård i förskolor',
    description: 'Städning av tolv förskolor',
    status: 'published',
    contractNature: 'services',
    mainCpv: '90911200',
    additionalCpv: ['90919200'],
    estimatedValueOre: 12_000_000_50,
    contractStart: '2026-04-01',
    durationMonths: 24,
    extensionMonths: 12,
    procedureType: 'open',
    lots: [],
  },
  buyer: { name: 'Testkommun', organisationNumber: '212000-1355' },
  ocidPrefix: 'ocds-test01',
  organisationSlug: 'testkommun',
  updatedAt: new Date('2026-02-03T04:05:06Z'),
};
const lots = [
  { lotNumber: 1, title: 'Norr', mainCpv: '90919200', estimatedValueOre: 5_999_999_99, durationMonths: 12 },
  { lotNumber: 2, title: 'Syd', mainCpv: '90911200', estimatedValueOre: null, durationMonths: null },
];
const social = deriveEformsFields({ lotNumbers: [1, 2], requirements: [], targetGroupLabels: {} }).map((f) =>
  f.lotNumber === 2
    ? { ...f, strategicProcurement: ['soc-obj' as const], socialObjectives: ['opp' as const, 'work-cond' as const], reservedParticipation: ['res-ws' as const], reservedExecution: 'yes' as const, performanceTerms: { sv: 'Krav', en: 'Requirement' } }
    : f,
);

function parsed(file: string) {
  const result = parseNotice(fs.readFileSync(`${FIXTURES}${file}`));
  if (!result.ok) throw new Error(`${file}: ${result.error.message}`);
  return result.notice;
}

describe('validateReleasePackage', () => {
  it.each([
    ['an undivided procurement', base],
    ['a procurement with lots', { ...base, procurement: { ...base.procurement, lots } }],
    ['lots with social fields', { ...base, procurement: { ...base.procurement, lots }, socialFields: social }],
    ['an undivided procurement with social fields', { ...base, socialFields: [{ ...social[1]!, lotNumber: 1 }] }],
    ['a bare planned procurement', { ...base, procurement: { ...base.procurement, status: 'planned' as const, description: '', additionalCpv: [], estimatedValueOre: null, contractStart: null, durationMonths: null, extensionMonths: null, procedureType: null } }],
    ['an awarded procurement', { ...base, procurement: { ...base.procurement, status: 'awarded' as const } }],
    ['a cancelled procurement', { ...base, procurement: { ...base.procurement, status: 'cancelled' as const, procedureType: 'oth-mult' as const } }],
  ])('%s validates with zero errors', (_name, input) => {
    expect(validateReleasePackage(packageOf([procurementToRelease(input)]))).toEqual({ valid: true, errors: [] });
  });

  const notices = [
    'sdk-examples/cn-social_25.xml',
    'sdk-examples/can-social_25.xml',
    'sdk-examples/pin-cfc-social_25.xml',
    'sdk-examples/can_24_maximal.xml',
    'sdk-examples/cn_24_maximal.xml',
    'sdk-examples/cn_24_maximal_100_lots.xml',
    'sdk-examples/pin-only_24.xml',
    'sdk-examples/can-modif_24_value.xml',
    'sdk-examples/veat_25.xml',
    'sdk-examples/can_25_withheld_lots.xml',
    'real-notices/2024-OJS064-00189213.xml',
    'real-notices/2024-OJS198-00611835.xml',
  ];
  it.each(notices)('the notice %s validates with zero errors', (file) => {
    const release = noticeToRelease(parsed(file), { ocidPrefix: 'ocds-test01', receivedAt: new Date('2026-01-01T00:00:00Z') });
    expect(validateReleasePackage(packageOf([release]))).toEqual({ valid: true, errors: [] });
  });

  it('an award notice with winners gives awards with suppliers and values, and validates', () => {
    const release = noticeToRelease(parsed('sdk-examples/can_24_maximal.xml'), { ocidPrefix: 'ocds-test01', receivedAt: new Date() });
    expect(release.tag).toContain('award');
    expect(release.awards?.length).toBeGreaterThan(0);
    expect(release.awards?.some((a) => a.value !== undefined)).toBe(true);
    expect(release.parties.some((p) => p.roles.includes('supplier'))).toBe(true);
  });

  it('a social notice carries its employment goal through', () => {
    const release = noticeToRelease(parsed('sdk-examples/cn-social_25.xml'), { ocidPrefix: 'ocds-test01', receivedAt: new Date() });
    expect(release.tender.lots?.[0]?.sustainability).toContainEqual(expect.objectContaining({ goal: 'social.disadvantagedEmploymentOpportunities' }));
  });

  it('several releases in one package validate', () => {
    const releases = [procurementToRelease(base), ...notices.slice(0, 4).map((f) => noticeToRelease(parsed(f), { ocidPrefix: 'ocds-test01', receivedAt: new Date() }))];
    expect(validateReleasePackage(packageOf(releases)).errors).toEqual([]);
  });

  describe('refuses broken packages', () => {
    const good = packageOf([procurementToRelease({ ...base, procurement: { ...base.procurement, lots }, socialFields: social })]);
    const broken = (change: (p: OcdsReleasePackage) => void): OcdsReleasePackage => {
      const copy = structuredClone(good);
      change(copy);
      return copy;
    };
    it.each([
      ['no releases', (p: OcdsReleasePackage) => (p.releases = []), '/releases'],
      ['a tag outside the closed codelist', (p: OcdsReleasePackage) => ((p.releases[0]!.tag as string[]) = ['published']), '/releases/0/tag/0'],
      ['a money amount as text', (p: OcdsReleasePackage) => ((p.releases[0]!.tender.value as unknown as { amount: string }).amount = '12 000 000'), '/releases/0/tender/value/amount'],
      ['a date without time zone', (p: OcdsReleasePackage) => (p.releases[0]!.date = '2026-02-03T04:05:06'), '/releases/0/date'],
      ['a missing ocid', (p: OcdsReleasePackage) => delete (p.releases[0] as Partial<OcdsRelease>).ocid, '/releases/0'],
      // These come from the extensions, so they prove the patches were applied.
      ['a lot without id (lots)', (p: OcdsReleasePackage) => delete (p.releases[0]!.tender.lots![0] as { id?: string }).id, '/releases/0/tender/lots/0'],
      ['an empty contractTerms (contractTerms)', (p: OcdsReleasePackage) => (p.releases[0]!.tender.lots![1]!.contractTerms = {}), '/releases/0/tender/lots/1/contractTerms'],
      ['reservedExecution as text (contractTerms)', (p: OcdsReleasePackage) => ((p.releases[0]!.tender.lots![1]!.contractTerms as Record<string, unknown>).reservedExecution = 'yes'), '/releases/0/tender/lots/1/contractTerms/reservedExecution'],
      ['a repeated sustainability entry (sustainability)', (p: OcdsReleasePackage) => p.releases[0]!.tender.lots![1]!.sustainability!.push(p.releases[0]!.tender.lots![1]!.sustainability![0]!), '/releases/0/tender/lots/1/sustainability'],
      ['an empty reservedParticipation (otherRequirements)', (p: OcdsReleasePackage) => (p.releases[0]!.tender.lots![1]!.otherRequirements!.reservedParticipation = []), '/releases/0/tender/lots/1/otherRequirements/reservedParticipation'],
    ])('%s', (_name, change, path) => {
      const result = validateReleasePackage(broken(change));
      expect(result.valid).toBe(false);
      expect(result.errors.map((e) => e.path)).toContain(path);
    });
  });
});

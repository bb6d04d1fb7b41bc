import type { RequirementType } from '../requirements/requirement-template.js';
import type { LocalizedText } from '../shared/localized-text.js';
import { endOfDay, startOfDay } from './ocds-dates.js';
import type { OcdsAward, OcdsContract, OcdsMetric, OcdsOrganization, OcdsRelease } from './ocds-release.js';
import { lotIdOf, SWEDISH_ORGANISATION_SCHEME } from './procurement-to-release.js';
import { oreToAmount } from './ore-to-amount.js';

/** What open data may say about a contract: aggregates only, never a participant reference. */
export interface ContractForRelease {
  id: string;
  referenceNumber: string;
  supplier: { name: string; country: string; nationalId: string };
  lotNumbers: number[] | null;
  signedOn: string;
  startsOn: string;
  endsOn: string;
  valueOre: number | null;
  commitments: Array<{ id: string; position: number; kind: RequirementType; title: LocalizedText; positionsRequired: number; monthsPerPosition: number }>;
  /** Reporting periods that have ended, with results per commitment, target group and employment form. */
  periods: Array<{
    sequence: number;
    startsOn: string;
    endsOn: string;
    cells: Array<{ commitmentId: string; targetGroup: string; employmentForm: string; positionsFilled: number; fullTimeMonths: number }>;
  }>;
}

const supplierPartyId = (s: ContractForRelease['supplier']) => (s.country === 'SE' ? `${SWEDISH_ORGANISATION_SCHEME}-${s.nationalId}` : `${s.country}-${s.nationalId}`);

/**
 * Adds awards and contracts (with the metrics extension) to a procurement's release: one award
 * and one contract per recorded contract, the supplier as a party; each commitment becomes an
 * `agreedMetrics` entry (positions and full-time months as agreed), and each ended reporting
 * period adds `implementation.metrics` observations — positions filled by the period's end and
 * full-time months served in it — dimensioned by target group and employment form. Adds the
 * `award`/`contract` tags.
 */
export function withContracts(release: OcdsRelease, contracts: readonly ContractForRelease[], asOf: string): OcdsRelease {
  if (contracts.length === 0) return release;
  const parties: OcdsOrganization[] = [...release.parties];
  const awards: OcdsAward[] = [];
  const out: OcdsContract[] = [];
  for (const c of contracts) {
    const partyId = supplierPartyId(c.supplier);
    if (!parties.some((p) => p.id === partyId)) {
      parties.push({
        id: partyId,
        name: c.supplier.name,
        identifier: { scheme: c.supplier.country === 'SE' ? SWEDISH_ORGANISATION_SCHEME : c.supplier.country, id: c.supplier.nationalId, legalName: c.supplier.name },
        roles: ['supplier'],
      } as OcdsOrganization);
    }
    const awardId = `award-${c.id}`;
    const value = c.valueOre !== null ? { amount: oreToAmount(c.valueOre), currency: 'SEK' } : undefined;
    awards.push({
      id: awardId,
      status: 'active',
      suppliers: [{ id: partyId, name: c.supplier.name }],
      ...(value ? { value } : {}),
      ...(c.lotNumbers ? { relatedLots: c.lotNumbers.map(lotIdOf) } : {}),
    });
    const agreedMetrics: OcdsMetric[] = c.commitments
      .filter((k) => k.positionsRequired > 0)
      .map((k) => ({
        id: `commitment-${k.position + 1}`,
        title: k.title.sv,
        description: `${k.kind}: ${k.positionsRequired} × ${round(k.monthsPerPosition)} full-time months`,
        observations: [
          { id: `commitment-${k.position + 1}-positions`, measure: k.positionsRequired, unit: { name: 'anställningar' } },
          { id: `commitment-${k.position + 1}-full-time-months`, measure: round(k.positionsRequired * k.monthsPerPosition), unit: { name: 'heltidsmånader' } },
        ],
      }));
    const metrics: OcdsMetric[] = [];
    for (const k of c.commitments) {
      const observations = c.periods.flatMap((p) =>
        p.cells
          .filter((cell) => cell.commitmentId === k.id)
          .flatMap((cell) => {
            const dims = { targetGroup: cell.targetGroup, employmentForm: cell.employmentForm };
            const period = { startDate: startOfDay(p.startsOn), endDate: endOfDay(p.endsOn) };
            const base = `commitment-${k.position + 1}-period-${p.sequence}-${cell.targetGroup}-${cell.employmentForm}`;
            return [
              { id: `${base}-positions-filled`, period, measure: cell.positionsFilled, unit: { name: 'anställningar' }, dimensions: { ...dims, measure: 'positionsFilled' } },
              { id: `${base}-full-time-months`, period, measure: round(cell.fullTimeMonths), unit: { name: 'heltidsmånader' }, dimensions: { ...dims, measure: 'fullTimeMonthsServed' } },
            ];
          }),
      );
      if (observations.length > 0) metrics.push({ id: `commitment-${k.position + 1}-results`, title: k.title.sv, observations });
    }
    out.push({
      id: `contract-${c.id}`,
      awardID: awardId,
      status: asOf < c.startsOn ? 'pending' : asOf > c.endsOn ? 'terminated' : 'active',
      title: c.referenceNumber,
      period: { startDate: startOfDay(c.startsOn), endDate: endOfDay(c.endsOn) },
      ...(value ? { value } : {}),
      dateSigned: startOfDay(c.signedOn),
      ...(agreedMetrics.length > 0 ? { agreedMetrics } : {}),
      ...(metrics.length > 0 ? { implementation: { metrics } } : {}),
    });
  }
  const tag = [...new Set([...release.tag.filter((t) => t !== 'tender' && t !== 'planning'), 'award' as const, 'contract' as const])];
  return { ...release, tag, parties, awards, contracts: out };
}

function round(n: number): number {
  return Math.round(n * 100) / 100;
}

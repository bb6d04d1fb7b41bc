import fs from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { emittedCodes, ENVIRONMENTAL_IMPACT_TO_GOAL, RESERVED_PARTICIPATION_TO_OCDS, SOCIAL_OBJECTIVE_TO_GOAL, STRATEGIC_PROCUREMENT_TO_GOAL } from '../../domain/ocds/ocds-codes.js';
import { REFERENCE_DIR } from '../../paths.js';
import { codelist } from '../reference/codelists.js';

const OCDS = path.join(REFERENCE_DIR, 'ocds');
const CODELIST_FILES: Record<string, string> = {
  releaseTag: 'schema/codelists/releaseTag.csv',
  tenderStatus: 'schema/codelists/tenderStatus.csv',
  method: 'schema/codelists/method.csv',
  procurementCategory: 'schema/codelists/procurementCategory.csv',
  partyRole: 'schema/codelists/partyRole.csv',
  awardStatus: 'schema/codelists/awardStatus.csv',
  itemClassificationScheme: 'schema/codelists/itemClassificationScheme.csv',
  sustainabilityGoal: 'extensions/ocds_sustainability_extension/codelists/sustainabilityGoal.csv',
  sustainabilityStrategy: 'extensions/ocds_sustainability_extension/codelists/sustainabilityStrategy.csv',
  reservedParticipation: 'extensions/ocds_otherRequirements_extension/codelists/reservedParticipation.csv',
};

/** The first column of an OCDS codelist CSV (codes never contain commas or quotes). */
function codesIn(file: string): Set<string> {
  const lines = fs.readFileSync(path.join(OCDS, file), 'utf8').split(/\r?\n/).filter((l) => l !== '');
  expect(lines[0]).toMatch(/^Code(,|$)/);
  return new Set(lines.slice(1).map((l) => l.split(',')[0]!));
}

describe('every OCDS code the mapping emits is in the shipped codelist', () => {
  const emitted = emittedCodes();
  it('checks every list it emits', () => expect(Object.keys(emitted).sort()).toEqual(Object.keys(CODELIST_FILES).sort()));
  for (const [list, codes] of Object.entries(emitted)) {
    it.each([...new Set(codes)])(`${list}: %s`, (code) => {
      expect(codesIn(CODELIST_FILES[list]!).has(code)).toBe(true);
    });
  }

  it('uses the sustainability extension’s current names, not the older guidance spellings', () => {
    const goals = codesIn(CODELIST_FILES.sustainabilityGoal!);
    for (const old of ['social.humanRightsInSupplyChain', 'environmental.waterResources', 'economic.processInnovation', 'economic.productInnovation']) {
      expect(goals.has(old)).toBe(false);
    }
  });
});

describe('every eForms code Hänsyn knows has a mapping', () => {
  it.each([
    ['social-objective', SOCIAL_OBJECTIVE_TO_GOAL, []],
    ['strategic-procurement', STRATEGIC_PROCUREMENT_TO_GOAL, ['none']],
    ['reserved-procurement', RESERVED_PARTICIPATION_TO_OCDS, ['none']],
  ] as const)('%s', (list, table, unmapped) => {
    const codes = codelist(list).map((c) => c.code).filter((c) => !(unmapped as readonly string[]).includes(c));
    expect(codes.filter((c) => !(c in table))).toEqual([]);
  });

  it('environmental-impact has its seven codes', () => {
    expect(Object.keys(ENVIRONMENTAL_IMPACT_TO_GOAL)).toHaveLength(7);
  });
});

import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { REFERENCE_DIR } from '../../paths.js';

/**
 * The one occupation reference of the service (contracts' placements, matching's needs and
 * profiles, the supplier portal). SSYK 2012 on every level (Källa: SCB, SSYK 2012) and JobTech Taxonomy occupation names
 * (Arbetsförmedlingen JobTech), loaded once from src/reference/se (sources and licences in its
 * README). A need names a four-digit group or an occupation name; participants may name any level.
 */
export interface OccupationCatalogue {
  ssyk: ReadonlyMap<string, { level: number; sv: string; en: string }>;
  /** Concept id → Swedish name and its SSYK group (manager groups end in 0: see the README). */
  names: ReadonlyMap<string, { sv: string; ssykCode: string }>;
}

let cached: OccupationCatalogue | null = null;

export function occupationCatalogue(): OccupationCatalogue {
  if (cached) return cached;
  const ssykRows = parse(fs.readFileSync(path.join(REFERENCE_DIR, 'se', 'ssyk2012.csv'), 'utf8'), { columns: true, skip_empty_lines: true }) as Array<{ level: string; code: string; label_sv: string; label_en: string }>;
  const nameRows = parse(fs.readFileSync(path.join(REFERENCE_DIR, 'se', 'jobtech-occupation-names.csv'), 'utf8'), { columns: true, skip_empty_lines: true }) as Array<{ concept_id: string; label_sv: string; ssyk2012_code: string }>;
  cached = {
    ssyk: new Map(ssykRows.map((r) => [r.code, { level: Number(r.level), sv: r.label_sv.trim(), en: r.label_en.trim() }])),
    names: new Map(nameRows.map((r) => [r.concept_id, { sv: r.label_sv.trim(), ssykCode: r.ssyk2012_code }])),
  };
  return cached;
}

/** The label of an SSYK code or an occupation name, Swedish. */
export function occupationLabel(ssykCode: string | null, occupationNameId: string | null): string | null {
  const catalogue = occupationCatalogue();
  if (occupationNameId) {
    const name = catalogue.names.get(occupationNameId);
    if (name) return name.sv;
  }
  return ssykCode ? (catalogue.ssyk.get(ssykCode)?.sv ?? null) : null;
}

export interface SsykEntry {
  code: string;
  level: number;
  sv: string;
  en: string;
}

/** A four-digit SSYK 2012 unit group (one of the 429), or undefined: a placement's occupation is one. */
export function ssykUnitGroup(code: string): SsykEntry | undefined {
  const entry = occupationCatalogue().ssyk.get(code);
  return entry && entry.level === 4 ? { code, level: 4, sv: entry.sv, en: entry.en } : undefined;
}

import type { Static } from '@sinclair/typebox';
import { useQuery } from '@tanstack/react-query';
import type { OccupationHit, OccupationSearchResult } from '../../../src/server/features/matching/occupation-schemas.js';
import type { Unit as UnitSchema } from '../../../src/server/features/organisations/organisation-schemas.js';
import type { Codelists as CodelistsSchema, Coded, CpvSearchAnswer as CpvSearchAnswerSchema } from '../../../src/server/features/reference/reference-schemas.js';
import { apiRequest } from './api-client';

/** Reference data shared by several features: units, codelists, CPV and occupation search. */

export type Unit = Static<typeof UnitSchema>;
export type CodeLabel = Static<typeof Coded>;
type Codelists = Static<typeof CodelistsSchema>;
type CpvSearchAnswer = Static<typeof CpvSearchAnswerSchema>;

export const UNITS_QUERY_KEY = ['units'] as const;

export function useUnits() {
  return useQuery({ queryKey: UNITS_QUERY_KEY, queryFn: () => apiRequest<Unit[]>('/api/units'), staleTime: 60_000 });
}

/** Units in tree order (parents before their children, siblings by name) with their depth. */
export function unitTree(units: readonly Unit[]): Array<Unit & { depth: number }> {
  const ids = new Set(units.map((u) => u.id));
  const children = new Map<string | null, Unit[]>();
  for (const unit of units) {
    const parent = unit.parentId && ids.has(unit.parentId) ? unit.parentId : null;
    children.set(parent, [...(children.get(parent) ?? []), unit]);
  }
  const out: Array<Unit & { depth: number }> = [];
  const visit = (parent: string | null, depth: number) => {
    const list = [...(children.get(parent) ?? [])].sort((a, b) => a.name.localeCompare(b.name, 'sv'));
    for (const unit of list) {
      out.push({ ...unit, depth });
      visit(unit.id, depth + 1);
    }
  };
  visit(null, 0);
  return out;
}

export function useCodelists() {
  return useQuery({
    queryKey: ['codelists'],
    queryFn: () =>
      apiRequest<Codelists>('/api/reference/codelists'),
    staleTime: Infinity,
  });
}

export type { OccupationHit };

/** SSYK 2012 groups and JobTech occupation names by code or words; `unitGroupsOnly` for what a need may name. */
export function searchOccupations(q: string, unitGroupsOnly: boolean, signal?: AbortSignal): Promise<Static<typeof OccupationSearchResult>> {
  return apiRequest('/api/reference/occupations', { query: { q, unitGroupsOnly, limit: 20 }, signal });
}

export function searchCpv(q: string, signal?: AbortSignal): Promise<CpvSearchAnswer> {
  return apiRequest('/api/reference/cpv', { query: { q, limit: 20 }, signal });
}

/** The label of a coded value in the current language. */
export const labelOf = (entry: { sv: string; en: string } | undefined, language: string): string =>
  entry ? (language === 'en' ? entry.en : entry.sv) : '';

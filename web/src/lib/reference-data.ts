import { useQuery } from '@tanstack/react-query';
import { apiRequest } from './api-client';

/** Reference data shared by several features: units, codelists, CPV search. */

export interface Unit {
  id: string;
  code: string;
  name: string;
  parentId: string | null;
  organisationNumber: string | null;
}

export interface CodeLabel {
  code: string;
  sv: string;
  en: string;
}

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
      apiRequest<{
        contractNature: CodeLabel[];
        procedureType: CodeLabel[];
        strategicProcurement: CodeLabel[];
        socialObjective: CodeLabel[];
        reservedProcurement: CodeLabel[];
      }>('/api/reference/codelists'),
    staleTime: Infinity,
  });
}

export function searchCpv(q: string, signal?: AbortSignal): Promise<{ items: CodeLabel[] }> {
  return apiRequest('/api/reference/cpv', { query: { q, limit: 20 }, signal });
}

/** The label of a coded value in the current language. */
export const labelOf = (entry: { sv: string; en: string } | undefined, language: string): string =>
  entry ? (language === 'en' ? entry.en : entry.sv) : '';

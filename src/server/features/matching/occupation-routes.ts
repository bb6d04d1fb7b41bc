import type { App, AppDeps } from '../../deps.js';
import { errorResponses } from '../../schemas.js';
import { occupationCatalogue } from '../../../interop/reference/occupation-catalogue.js';
import { OccupationSearchQuery, OccupationSearchResult, type OccupationHit } from './occupation-schemas.js';

/**
 * Searches SSYK 2012 (levels 2–4) and JobTech occupation names: by code or its first digits, by
 * concept id, or by every word of the query in a label. Codes first, then groups before names,
 * shorter labels first, so "städ" offers the unit group before its many occupation names.
 */
export function searchOccupations(query: OccupationSearchQuery): OccupationHit[] {
  const catalogue = occupationCatalogue();
  const q = query.q.trim().toLocaleLowerCase('sv');
  if (q === '') return [];
  const words = q.split(/\s+/);
  const byCode = /^\d{1,4}$/.test(q);
  const hits: Array<OccupationHit & { rank: number }> = [];
  for (const [code, entry] of catalogue.ssyk) {
    if (entry.level < 2 || (query.unitGroupsOnly && entry.level !== 4)) continue;
    const text = `${entry.sv} ${entry.en}`.toLocaleLowerCase('sv');
    const rank = byCode ? (code === q ? 0 : code.startsWith(q) ? 1 : -1) : words.every((w) => text.includes(w)) ? 2 : -1;
    if (rank >= 0) hits.push({ kind: 'ssyk', ssykCode: code, occupationNameId: null, sv: entry.sv, en: entry.en, rank });
  }
  for (const [id, name] of catalogue.names) {
    const text = name.sv.toLocaleLowerCase('sv');
    const rank = id.toLocaleLowerCase('sv') === q ? 0 : byCode ? (name.ssykCode === q ? 3 : -1) : words.every((w) => text.includes(w)) ? 3 : -1;
    if (rank >= 0) hits.push({ kind: 'name', ssykCode: name.ssykCode, occupationNameId: id, sv: name.sv, en: name.sv, rank });
  }
  hits.sort((a, b) => a.rank - b.rank || a.sv.length - b.sv.length || a.ssykCode.localeCompare(b.ssykCode) || a.sv.localeCompare(b.sv, 'sv'));
  return hits.slice(0, query.limit).map(({ rank: _rank, ...hit }) => hit);
}

/** The occupation vocabulary the participant and need forms search (any signed-in user: it is public reference data). */
export async function occupationRoutes(app: App, _deps: AppDeps): Promise<void> {
  app.get(
    '/api/reference/occupations',
    {
      schema: {
        tags: ['reference'],
        summary: 'Search SSYK 2012 groups and JobTech occupation names by code, concept id or words',
        querystring: OccupationSearchQuery,
        response: { 200: OccupationSearchResult, ...errorResponses },
      },
    },
    async (request) => ({ items: searchOccupations(request.query) }),
  );
}

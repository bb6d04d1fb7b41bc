import type { Static } from '@sinclair/typebox';
import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';
import type { DashboardView, PublicResults, PersonCount } from '../../../../../src/server/features/results/results-schemas.js';

/** The results API's types, taken from the server's schemas (decision 0501). */
export type Dashboard = Static<typeof DashboardView>;
export type PublicResultsData = Static<typeof PublicResults>;
export type Count = Static<typeof PersonCount>;

export function useDashboard(year: number, enabled = true) {
  return useQuery({ queryKey: ['results', 'dashboard', year], queryFn: ({ signal }) => apiRequest<Dashboard>('/api/results/dashboard', { query: { year }, signal }), enabled });
}

export function usePublicResults(slug: string, year: number) {
  return useQuery({
    queryKey: ['results', 'public', slug, year],
    queryFn: ({ signal }) => apiRequest<PublicResultsData>(`/api/public/organisations/${encodeURIComponent(slug)}/results`, { query: { year }, signal }),
    retry: false,
  });
}

/** A person count as a number, or null when it is suppressed. */
export const countValue = (c: Count | number | { suppressed: true }): number | null => (typeof c === 'number' ? c : null);

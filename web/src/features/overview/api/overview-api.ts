import { useQuery } from '@tanstack/react-query';
import type { GoalFulfilmentView } from '../../../../../src/server/features/decisions/decision-schemas.js';
import { apiRequest } from '../../../lib/api-client';

// /api/overview and /api/organisation are answered by the organisations feature, whose schemas
// are still inline in its routes; these two stay hand-written until it has its *-schemas.ts.
export interface Overview {
  total: number;
  byStatus: Record<string, number>;
  byUnit: Array<{ unitId: string; unitName: string; total: number; byStatus: Record<string, number> }>;
}

export interface Organisation {
  id: string;
  slug: string;
  name: string;
  organisationNumber: string;
  kind: string;
  socialGoalPercent: number;
  isDemo: boolean;
  openDataPublished: boolean;
}

export function useOverview(enabled = true) {
  return useQuery({ queryKey: ['overview'], queryFn: () => apiRequest<Overview>('/api/overview'), enabled });
}

export function useOrganisation() {
  return useQuery({ queryKey: ['organisation'], queryFn: () => apiRequest<Organisation>('/api/organisation') });
}

export type GoalFulfilment = GoalFulfilmentView;

/** The share of a year's service procurements with social considerations against the goal. */
export function useGoalFulfilment(year: number, enabled = true) {
  return useQuery({
    queryKey: ['goal-fulfilment', year],
    queryFn: () => apiRequest<GoalFulfilment>('/api/goal-fulfilment', { query: { year } }),
    enabled,
  });
}

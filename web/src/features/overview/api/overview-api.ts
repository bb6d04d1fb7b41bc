import { useQuery } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

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

interface GoalFigures {
  serviceProcurements: number;
  withSocialConsiderations: number;
  sharePercent: number | null;
  isGoalMet: boolean | null;
  shortfall: number;
}

export interface GoalFulfilment extends GoalFigures {
  year: number;
  goalPercent: number;
  definition: string;
  byUnit: Array<GoalFigures & { unit: { id: string; name: string } }>;
}

/** The share of a year's service procurements with social considerations against the goal. */
export function useGoalFulfilment(year: number, enabled = true) {
  return useQuery({
    queryKey: ['goal-fulfilment', year],
    queryFn: () => apiRequest<GoalFulfilment>('/api/goal-fulfilment', { query: { year } }),
    enabled,
  });
}

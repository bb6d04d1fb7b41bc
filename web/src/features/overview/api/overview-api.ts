import { useQuery } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { GoalFulfilmentView } from '../../../../../src/server/features/decisions/decision-schemas.js';
import type { Organisation as OrganisationSchema } from '../../../../../src/server/features/organisations/organisation-schemas.js';
import type { OverviewView } from '../../../../../src/server/features/overview/overview-schemas.js';
import { apiRequest } from '../../../lib/api-client';

export type Overview = OverviewView;
export type Organisation = Static<typeof OrganisationSchema>;

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

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
}

export function useOverview(enabled = true) {
  return useQuery({ queryKey: ['overview'], queryFn: () => apiRequest<Overview>('/api/overview'), enabled });
}

export function useOrganisation() {
  return useQuery({ queryKey: ['organisation'], queryFn: () => apiRequest<Organisation>('/api/organisation') });
}

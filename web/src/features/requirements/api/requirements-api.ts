import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { ParameterDefinition, RequirementLevel, RequirementTemplate, RequirementType } from '../../../../../src/domain/requirements/requirement-template.js';
import type { ScreeningRecommendation } from '../../../../../src/domain/screening/screen-procurement.js';
import type { ScreeningPolicy } from '../../../../../src/domain/screening/screening-policy.js';
import type { LocalizedText } from '../../../../../src/domain/shared/localized-text.js';
import type { DecisionBody, DecisionView, EformsLotFields as EformsLotFieldsSchema } from '../../../../../src/server/features/decisions/decision-schemas.js';
import type {
  PreviewView,
  TargetGroupView,
  TemplateDetail,
  TemplateSummary,
} from '../../../../../src/server/features/requirements/requirement-schemas.js';
import type { PolicyVersionView, ScreeningView } from '../../../../../src/server/features/screening/screening-schemas.js';
import type { ListOf } from '../../../../../src/server/schemas.js';
import { apiRequest } from '../../../lib/api-client';

export type { LocalizedText, ParameterDefinition, RequirementLevel, RequirementTemplate, RequirementType, ScreeningPolicy };

/**
 * Screening, comply-or-explain decisions, the requirement library, target groups and the policy.
 * Every answer and body is the server's schema type (decision 0501); only the names are the web's.
 */

export type Recommendation = ScreeningRecommendation;
export type Screening = ScreeningView;
export type Decision = DecisionView;
export type DecisionInput = DecisionBody;
export type EformsLotFields = Static<typeof EformsLotFieldsSchema>;
export type { TemplateDetail, TemplateSummary };
export type TargetGroup = TargetGroupView;
export type PolicyVersion = PolicyVersionView;
export type Preview = Static<typeof PreviewView>;

const enc = encodeURIComponent;

// ---- screening and decision of one procurement ----

export function useScreening(procurementId: string) {
  return useQuery({
    queryKey: ['screening', procurementId],
    queryFn: () => apiRequest<Screening>(`/api/procurements/${enc(procurementId)}/screening`),
    retry: false,
  });
}

function useInvalidateProcurement(procurementId: string) {
  const client = useQueryClient();
  return () => {
    void client.invalidateQueries({ queryKey: ['procurements'] });
    void client.invalidateQueries({ queryKey: ['overview'] });
    void client.invalidateQueries({ queryKey: ['goal-fulfilment'] });
    void client.invalidateQueries({ queryKey: ['audit', procurementId] });
  };
}

export function useRescreen(procurementId: string) {
  const client = useQueryClient();
  const invalidate = useInvalidateProcurement(procurementId);
  return useMutation({
    mutationFn: () => apiRequest<Screening>(`/api/procurements/${enc(procurementId)}/screening`, { method: 'POST' }),
    onSuccess: (screening) => {
      client.setQueryData(['screening', procurementId], screening);
      invalidate();
    },
  });
}

/** The decision, or null while none is recorded (404). */
export function useDecision(procurementId: string) {
  return useQuery({
    queryKey: ['decision', procurementId],
    queryFn: async () => {
      try {
        return await apiRequest<Decision>(`/api/procurements/${enc(procurementId)}/decision`);
      } catch (error) {
        if (error instanceof Error && 'status' in error && (error as { status: number }).status === 404) return null;
        throw error;
      }
    },
  });
}

export function useSaveDecision(procurementId: string) {
  const client = useQueryClient();
  const invalidate = useInvalidateProcurement(procurementId);
  return useMutation({
    mutationFn: (input: DecisionInput) => apiRequest<Decision>(`/api/procurements/${enc(procurementId)}/decision`, { method: 'PUT', body: input }),
    onSuccess: (decision) => {
      client.setQueryData(['decision', procurementId], decision);
      void client.invalidateQueries({ queryKey: ['eforms-fields', procurementId] });
      void client.invalidateQueries({ queryKey: ['requirements-text', procurementId] });
      invalidate();
    },
  });
}

export function useEformsFields(procurementId: string, enabled: boolean, revision: number | undefined) {
  return useQuery({
    queryKey: ['eforms-fields', procurementId, revision],
    queryFn: () => apiRequest<EformsLotFields[]>(`/api/procurements/${enc(procurementId)}/eforms-fields`),
    enabled,
  });
}

/** The plain text of the requirements (for e-procurement systems). */
export async function fetchRequirementsText(procurementId: string, lang: 'sv' | 'en'): Promise<string> {
  const response = await fetch(`/api/procurements/${enc(procurementId)}/requirements.txt?lang=${lang}`, { credentials: 'same-origin' });
  if (!response.ok) throw new Error(`HTTP ${response.status}`);
  return response.text();
}

export const annexUrl = (procurementId: string, lang: 'sv' | 'en', format: 'docx' | 'txt'): string =>
  `/api/procurements/${enc(procurementId)}/requirements.${format}?lang=${lang}`;

// ---- library ----

/** The library's filters as the page holds them (free strings from the URL; the server validates). */
export interface TemplateListQuery {
  scope: 'all' | 'own' | 'shared';
  type?: string;
  level?: string;
  q?: string;
}

export function useTemplates(query: TemplateListQuery) {
  return useQuery({
    queryKey: ['templates', 'list', query],
    queryFn: () => apiRequest<ListOf<TemplateSummary>>('/api/requirement-templates', { query: { ...query } }),
  });
}

export function useTemplate(id: string | null) {
  return useQuery({
    queryKey: ['templates', 'one', id],
    queryFn: () => apiRequest<TemplateDetail>(`/api/requirement-templates/${enc(id ?? '')}`),
    enabled: id !== null,
  });
}

function useTemplateMutation<I>(fn: (input: I) => Promise<TemplateDetail>) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: fn,
    onSuccess: (detail) => {
      client.setQueryData(['templates', 'one', detail.id], detail);
      void client.invalidateQueries({ queryKey: ['templates', 'list'] });
    },
  });
}

export const useSaveDraft = (id: string) =>
  useTemplateMutation((content: RequirementTemplate) => apiRequest<TemplateDetail>(`/api/requirement-templates/${enc(id)}/draft`, { method: 'PUT', body: { content } }));

export const usePublish = (id: string) => useTemplateMutation(() => apiRequest<TemplateDetail>(`/api/requirement-templates/${enc(id)}/publish`, { method: 'POST' }));

export const useShare = (id: string) =>
  useTemplateMutation((shared: boolean) => apiRequest<TemplateDetail>(`/api/requirement-templates/${enc(id)}/share`, { method: 'POST', body: { shared } }));

export const useCopyTemplate = (id: string) => useTemplateMutation(() => apiRequest<TemplateDetail>(`/api/requirement-templates/${enc(id)}/copy`, { method: 'POST', body: {} }));

export function previewTemplate(content: RequirementTemplate, parameters: Record<string, unknown>, signal?: AbortSignal): Promise<Preview> {
  return apiRequest<Preview>('/api/requirement-templates/preview', { method: 'POST', body: { content, parameters }, signal });
}

// ---- target groups ----

export function useTargetGroups() {
  return useQuery({ queryKey: ['target-groups'], queryFn: () => apiRequest<TargetGroup[]>('/api/target-groups'), staleTime: 60_000 });
}

export function useSaveTargetGroups() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (items: TargetGroup[]) => apiRequest<TargetGroup[]>('/api/target-groups', { method: 'PUT', body: { items } }),
    onSuccess: (groups) => client.setQueryData(['target-groups'], groups),
  });
}

// ---- screening policy ----

export function usePolicy() {
  return useQuery({ queryKey: ['screening-policy'], queryFn: () => apiRequest<ScreeningPolicy>('/api/screening-policy') });
}

export function usePolicyVersions() {
  return useQuery({ queryKey: ['screening-policy', 'versions'], queryFn: () => apiRequest<PolicyVersion[]>('/api/screening-policy/versions') });
}

export function useSavePolicy() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (policy: ScreeningPolicy) => apiRequest<ScreeningPolicy>('/api/screening-policy', { method: 'PUT', body: policy }),
    onSuccess: (policy) => {
      client.setQueryData(['screening-policy'], policy);
      void client.invalidateQueries({ queryKey: ['screening-policy', 'versions'] });
      void client.invalidateQueries({ queryKey: ['screening'] });
    },
  });
}

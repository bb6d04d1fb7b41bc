import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type {
  BuyerSupplierReports as BuyerSupplierReportsSchema,
  SupplierContactInvited as SupplierContactInvitedSchema,
  SupplierContractDetail as SupplierContractDetailSchema,
  SupplierContractList as SupplierContractListSchema,
  SupplierReport as SupplierReportSchema,
  SupplierReportForm as SupplierReportFormSchema,
  SupplierReportSubmit as SupplierReportSubmitSchema,
  ReportUploadPreview as ReportUploadPreviewSchema,
} from '../../../../../src/server/features/supplier-portal/supplier-portal-schemas.js';
import type {
  SupplierNeedCreate as SupplierNeedCreateSchema,
  SupplierNeedView as SupplierNeedViewSchema,
  SupplierProposalAnswer as SupplierProposalAnswerSchema,
} from '../../../../../src/server/features/matching/matching-schemas.js';
import { apiRequest } from '../../../lib/api-client';
import type { Me } from '../../../lib/session';

export type SupplierContractList = Static<typeof SupplierContractListSchema>;
export type SupplierContractDetail = Static<typeof SupplierContractDetailSchema>;
export type SupplierReportForm = Static<typeof SupplierReportFormSchema>;
export type SupplierReport = Static<typeof SupplierReportSchema>;
export type SupplierReportSubmit = Static<typeof SupplierReportSubmitSchema>;
export type ReportUploadPreview = Static<typeof ReportUploadPreviewSchema>;
export type BuyerSupplierReports = Static<typeof BuyerSupplierReportsSchema>;
export type SupplierContactInvited = Static<typeof SupplierContactInvitedSchema>;
export type SupplierNeed = Static<typeof SupplierNeedViewSchema>;
export type SupplierNeedCreate = Static<typeof SupplierNeedCreateSchema>;
export type SupplierProposalAnswer = Static<typeof SupplierProposalAnswerSchema>;

/** The signed-in organisation is a supplier company using the portal. */
export const isSupplierOrganisation = (me: Me): boolean => me.organisation.kind === 'supplier';

const keys = {
  list: ['supplier', 'contracts'] as const,
  contract: (id: string) => ['supplier', 'contracts', id] as const,
  period: (id: string, sequence: number) => ['supplier', 'contracts', id, 'periods', sequence] as const,
  buyer: (id: string) => ['contracts', 'supplier-reports', id] as const,
};

export const useSupplierContracts = () => useQuery({ queryKey: keys.list, queryFn: () => apiRequest<SupplierContractList>('/api/supplier/contracts') });
export const useSupplierContract = (id: string) => useQuery({ queryKey: keys.contract(id), queryFn: () => apiRequest<SupplierContractDetail>(`/api/supplier/contracts/${id}`) });
export const useReportForm = (id: string, sequence: number) =>
  useQuery({ queryKey: keys.period(id, sequence), queryFn: () => apiRequest<SupplierReportForm>(`/api/supplier/contracts/${id}/periods/${sequence}`) });

export function useSubmitReport(id: string, sequence: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SupplierReportSubmit) => apiRequest<SupplierReport>(`/api/supplier/contracts/${id}/periods/${sequence}/report`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['supplier'] }),
  });
}

export function useSupplierComment(id: string, sequence: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: string) => apiRequest<SupplierReport>(`/api/supplier/contracts/${id}/periods/${sequence}/comments`, { method: 'POST', body: { body } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['supplier'] }),
  });
}

export function useUploadEvidence(id: string, sequence: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file);
      return apiRequest(`/api/supplier/contracts/${id}/periods/${sequence}/evidence`, { method: 'POST', body: form });
    },
    onSuccess: () => client.invalidateQueries({ queryKey: keys.period(id, sequence) }),
  });
}

/** The period's .xlsx template, pre-filled with the hires known so far. */
export const reportTemplateUrl = (id: string, sequence: number) => `/api/supplier/contracts/${id}/periods/${sequence}/report.xlsx`;

/** Uploads the filled-in template: `preview` answers what would change; otherwise the report is sent. */
export function useUploadReport(id: string, sequence: number) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { file: File; preview: boolean; attestedBy?: string }) => {
      const form = new FormData();
      if (input.attestedBy !== undefined) form.append('attestedBy', input.attestedBy);
      form.append('file', input.file);
      return apiRequest<ReportUploadPreview | SupplierReport>(reportTemplateUrl(id, sequence), { method: 'POST', body: form, query: { preview: input.preview } });
    },
    onSuccess: (_data, input) => (input.preview ? undefined : client.invalidateQueries({ queryKey: ['supplier'] })),
  });
}

/* recruitment needs */

const needsKey = (id: string) => ['supplier', 'contracts', id, 'recruitment-needs'] as const;
export const useSupplierNeeds = (id: string) => useQuery({ queryKey: needsKey(id), queryFn: () => apiRequest<SupplierNeed[]>(`/api/supplier/contracts/${id}/recruitment-needs`) });

export function usePostNeed(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (body: SupplierNeedCreate) => apiRequest<SupplierNeed>(`/api/supplier/contracts/${id}/recruitment-needs`, { method: 'POST', body }),
    onSuccess: () => client.invalidateQueries({ queryKey: needsKey(id) }),
  });
}

export function useAnswerProposal(id: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { needId: string; proposalId: string; body: SupplierProposalAnswer }) =>
      apiRequest<SupplierNeed>(`/api/supplier/contracts/${id}/recruitment-needs/${input.needId}/proposals/${input.proposalId}/answer`, { method: 'POST', body: input.body }),
    onSuccess: () => client.invalidateQueries({ queryKey: needsKey(id) }),
  });
}

/* the buyer's side */

export const useBuyerSupplierReports = (contractId: string, enabled: boolean) =>
  useQuery({ queryKey: keys.buyer(contractId), queryFn: () => apiRequest<BuyerSupplierReports>(`/api/contracts/${contractId}/supplier-reports`), enabled });

export function useApproveReport(contractId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { reportId: string; version: number; targetGroups: string[] }) =>
      apiRequest<SupplierReport>(`/api/contracts/${contractId}/supplier-reports/${input.reportId}/approve`, { method: 'POST', body: { version: input.version, targetGroups: input.targetGroups } }),
    onSuccess: () => client.invalidateQueries({ queryKey: ['contracts'] }),
  });
}

export function useAskQuestion(contractId: string) {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (input: { reportId: string; body: string }) =>
      apiRequest<SupplierReport>(`/api/contracts/${contractId}/supplier-reports/${input.reportId}/comments`, { method: 'POST', body: { body: input.body, question: true } }),
    onSuccess: () => client.invalidateQueries({ queryKey: keys.buyer(contractId) }),
  });
}

export function useInviteSupplierContact(contractId: string) {
  return useMutation({
    mutationFn: (email: string) => apiRequest<SupplierContactInvited>(`/api/contracts/${contractId}/supplier-contacts`, { method: 'POST', body: { email } }),
  });
}

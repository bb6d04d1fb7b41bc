import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { apiRequest } from '../../../lib/api-client';

/** eForms notice import and the market view of social considerations in published notices. */

export const GROUP_BY = ['year', 'country', 'buyer', 'contractNature', 'cpvDivision', 'socialCode'] as const;
export type GroupBy = (typeof GROUP_BY)[number];

export interface ImportSummary {
  importId?: string;
  read: number;
  stored: number;
  updated: number;
  skipped: number;
  failed: Array<{ file: string; error: string }>;
  procurements?: { created: number; updated: number };
  notes?: Array<{ file: string; note: string }>;
}

export interface ImportListItem {
  id: string;
  by: string;
  scope: string;
  source: string;
  startedAt: string;
  finishedAt: string | null;
  read: number;
  stored: number;
  updated: number;
  skipped: number;
  failed: number;
  matched?: number;
  failures: Array<{ file: string; error: string }>;
}

interface Measures {
  notices: number;
  noticesWithSocial: number;
  noticesWithEmployment: number;
  /** 0–1 */
  share: number;
  employmentShare?: number;
}

export interface MarketRow extends Measures {
  key: string;
  label: string | null;
}

export interface SocialConsiderations {
  groupBy: GroupBy;
  rows: MarketRow[];
  groups?: number;
  totals: Measures;
}

export interface MarketFilters {
  year: string;
  country: string;
  buyer: string;
  contractNature: string;
  cpvDivision: string;
}

export interface MarketNoticeItem {
  noticeId: string;
  noticeType: string;
  issueDate: string | null;
  buyerName: string | null;
  buyerCountry: string | null;
  title: string | null;
  mainCpv: string | null;
  contractNature: string | null;
  estimatedValue: { amount: number; currency: string } | null;
  hasSocial: boolean;
  hasEmployment: boolean;
  socialCodes: string[];
}

export interface NoticeLot {
  lotId: string;
  title: string | null;
  mainCpv: string | null;
  mainNature: string | null;
  estimatedValue: { amount: number; currency: string } | null;
  strategicProcurement: string[];
  strategicProcurementDescription: string | null;
  socialObjectives: string[];
  reservedParticipation: string[];
  reservedExecution: string | null;
  performanceTerms: string | null;
}

export interface SocialSignal {
  kind: 'structured' | 'textual';
  field: string;
  code?: string;
  lotId?: string | null;
  match?: string;
  language?: string;
  employment: boolean;
}

export interface MarketNoticeDetail {
  noticeId: string;
  version: string | null;
  importedAt: string;
  notice: {
    noticeId: string;
    noticeType: string;
    formType: string | null;
    issueDate: string | null;
    language: string | null;
    procedureId: string | null;
    buyers: Array<{ organisationId: string; name: string | null; companyId: string | null; country: string | null }>;
    title: string | null;
    description: string | null;
    mainCpv: string | null;
    additionalCpv: string[];
    mainNature: string | null;
    estimatedValue: { amount: number; currency: string } | null;
    lots: NoticeLot[];
  };
  social: { declaresSocial: boolean; concernsEmployment: boolean; signals: SocialSignal[] };
  linkedProcurement: { id: string; referenceNumber: string; title: string } | null;
}

interface ShareFigures {
  notices: number;
  noticesWithSocial: number;
  noticesWithEmployment: number;
  share: number;
  employmentShare: number;
}

export interface PeerComparison {
  country: string;
  year: number | null;
  own: ShareFigures & { organisationNumbers: string[] };
  /** The own register (all years): decisions, beside the notices, not compared. */
  register?: { procurements: number; decided: number; withSocialConsiderations: number; share: number };
  comparable: { definition: string; minNotices: number; maxNotices: number };
  peers: { count: number; notices: number; pooledShare: number; medianShare: number; buyers: Array<ShareFigures & { key: string; name: string | null }> };
}

export function filterQuery(filters: MarketFilters) {
  return {
    year: /^\d{4}$/.test(filters.year) ? filters.year : '',
    country: /^[A-Za-z]{3}$/.test(filters.country) ? filters.country.toUpperCase() : '',
    buyer: filters.buyer.trim(),
    contractNature: filters.contractNature,
    cpvDivision: /^\d{2}$/.test(filters.cpvDivision) ? filters.cpvDivision : '',
  };
}

export function useSocialConsiderations(filters: MarketFilters, groupBy: GroupBy) {
  return useQuery({
    queryKey: ['market', 'social', filters, groupBy],
    queryFn: ({ signal }) => apiRequest<SocialConsiderations>('/api/market/social-considerations', { query: { ...filterQuery(filters), groupBy }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMarketNotices(filters: MarketFilters, social: string, page: number, pageSize: number) {
  return useQuery({
    queryKey: ['market', 'notices', filters, social, page, pageSize],
    queryFn: ({ signal }) =>
      apiRequest<{ items: MarketNoticeItem[]; total: number }>('/api/market/notices', { query: { ...filterQuery(filters), social, page, pageSize }, signal }),
    placeholderData: keepPreviousData,
  });
}

export function useMarketNotice(noticeId: string) {
  return useQuery({ queryKey: ['market', 'notice', noticeId], queryFn: () => apiRequest<MarketNoticeDetail>(`/api/market/notices/${encodeURIComponent(noticeId)}`) });
}

export function usePeerComparison(year: string) {
  return useQuery({
    queryKey: ['market', 'peers', year],
    queryFn: () => apiRequest<PeerComparison>('/api/market/peer-comparison', { query: { year: /^\d{4}$/.test(year) ? year : '' } }),
    retry: false,
  });
}

export function useImports(enabled: boolean) {
  return useQuery({ queryKey: ['imports', 'eforms'], queryFn: () => apiRequest<ImportListItem[]>('/api/imports/eforms'), enabled });
}

export function useImportNotices() {
  const client = useQueryClient();
  return useMutation({
    mutationFn: (file: File) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return apiRequest<ImportSummary>('/api/imports/eforms', { method: 'POST', body: form });
    },
    onSuccess: () => {
      void client.invalidateQueries({ queryKey: ['imports'] });
      void client.invalidateQueries({ queryKey: ['market'] });
      void client.invalidateQueries({ queryKey: ['procurements'] });
    },
  });
}

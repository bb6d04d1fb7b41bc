import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type {
  MarketNoticeDetail as MarketNoticeDetailSchema,
  MarketNoticeItem as MarketNoticeItemSchema,
  MarketRow,
  PeerComparison,
  SocialConsiderationsAnswer,
} from '../../../../../src/server/features/market/market-schemas.js';
import type { ImportListItem as ImportListItemSchema, ImportSummarySchema } from '../../../../../src/server/features/notices/notice-schemas.js';
import type { ListOf } from '../../../../../src/server/schemas.js';
import { apiRequest } from '../../../lib/api-client';

/**
 * eForms notice import and the market view of social considerations in published notices.
 * Every answer is the server's schema type (decision 0501); only the names are the web's.
 */

export type SocialConsiderations = SocialConsiderationsAnswer;
export type GroupBy = SocialConsiderations['groupBy'];
/** The groupings the page offers, in the order it offers them; each one the server accepts. */
export const GROUP_BY = ['year', 'country', 'buyer', 'contractNature', 'cpvDivision', 'socialCode'] as const satisfies readonly GroupBy[];

export type ImportSummary = ImportSummarySchema;
export type ImportListItem = Static<typeof ImportListItemSchema>;
export type { MarketRow, PeerComparison };
export type MarketNoticeItem = Static<typeof MarketNoticeItemSchema>;
export type MarketNoticeDetail = Static<typeof MarketNoticeDetailSchema>;
export type SocialSignal = MarketNoticeDetail['social']['signals'][number];

/** The market view's filters as the page holds them (free strings from the URL). */
export interface MarketFilters {
  year: string;
  country: string;
  buyer: string;
  contractNature: string;
  cpvDivision: string;
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
      apiRequest<ListOf<MarketNoticeItem>>('/api/market/notices', { query: { ...filterQuery(filters), social, page, pageSize }, signal }),
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

import { keepPreviousData, useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import type { Static } from '@sinclair/typebox';
import type { ContractNature, ProcedureType, ProcurementStatus } from '../../../../../src/domain/procurement/procurement.js';
import type { ScreeningRecommendation } from '../../../../../src/domain/screening/screen-procurement.js';
import type { AuditEvent as AuditEventSchema, AuditEventPage } from '../../../../../src/server/features/audit/audit-schemas.js';
import type { Member } from '../../../../../src/server/features/members/member-schemas.js';
import type {
  ImportResult as ImportResultSchema,
  Lot as LotSchema,
  Procurement,
  ProcurementCreate,
  ProcurementListItem,
} from '../../../../../src/server/features/procurements/procurement-schemas.js';
import type { ListOf } from '../../../../../src/server/schemas.js';
import { apiRequest, toQueryString } from '../../../lib/api-client';

// Answers and bodies are the server's TypeBox schemas, imported as types only (decision 0501):
// a changed answer is a type error here, and no server code reaches the bundle.
export type { ContractNature, ProcedureType, ProcurementStatus, Procurement, ProcurementListItem };
export type Recommendation = ScreeningRecommendation;
export type Lot = Static<typeof LotSchema>;
export type CpvRef = Lot['mainCpv'];

/** The body of POST /api/procurements (and, with `version`, of PATCH); the form sends every field. */
export type ProcurementInput = Required<ProcurementCreate>;

/** The register's filters, as they appear in the page URL and the API query. */
export interface ProcurementFilters {
  unitId: string[];
  status: string[];
  contractNature: string;
  year: string;
  cpvDivision: string;
  q: string;
  /** Current screening: recommended, not_recommended, needs_assessment or none. */
  screening: string;
  /** `undecided`: the coordinator's work queue. */
  queue: string;
}

export interface ProcurementListQuery extends ProcurementFilters {
  page: number;
  pageSize: number;
  sort: string;
}

export const SORTABLE_FIELDS = ['referenceNumber', 'title', 'contractStart', 'estimatedValueOre', 'status', 'updatedAt'] as const;

/** Filters as query parameters (empty ones left out), shared by the list and the exports. */
export function filterParams(filters: ProcurementFilters) {
  return {
    unitId: filters.unitId,
    status: filters.status,
    contractNature: filters.contractNature,
    year: /^\d{4}$/.test(filters.year) ? filters.year : '',
    cpvDivision: /^\d{2}$/.test(filters.cpvDivision) ? filters.cpvDivision : '',
    q: filters.q.trim(),
    screening: filters.screening,
    queue: filters.queue,
  };
}

export const exportUrl = (format: 'xlsx' | 'csv', filters: ProcurementFilters, sort: string): string =>
  `/api/procurements/export.${format}${toQueryString({ ...filterParams(filters), sort })}`;

export const importTemplateUrl = (format: 'xlsx' | 'csv'): string => `/api/procurements/import-template.${format}`;

export function useProcurementList(query: ProcurementListQuery, enabled = true) {
  return useQuery({
    enabled,
    queryKey: ['procurements', 'list', query],
    queryFn: ({ signal }) =>
      apiRequest<ListOf<ProcurementListItem>>('/api/procurements', {
        query: { ...filterParams(query), page: query.page, pageSize: query.pageSize, sort: query.sort },
        signal,
      }),
    placeholderData: keepPreviousData,
  });
}

export function useProcurement(id: string) {
  return useQuery({ queryKey: ['procurements', 'one', id], queryFn: () => apiRequest<Procurement>(`/api/procurements/${encodeURIComponent(id)}`) });
}

function useInvalidateProcurements() {
  const client = useQueryClient();
  return (updated?: Procurement) => {
    if (updated) client.setQueryData(['procurements', 'one', updated.id], updated);
    void client.invalidateQueries({ queryKey: ['procurements', 'list'] });
    void client.invalidateQueries({ queryKey: ['overview'] });
    if (updated) void client.invalidateQueries({ queryKey: ['audit', updated.id] });
  };
}

export function useCreateProcurement() {
  const invalidate = useInvalidateProcurements();
  return useMutation({
    mutationFn: (input: ProcurementInput) => apiRequest<Procurement>('/api/procurements', { method: 'POST', body: input }),
    onSuccess: (created) => invalidate(created),
  });
}

export function useUpdateProcurement(id: string) {
  const invalidate = useInvalidateProcurements();
  return useMutation({
    mutationFn: (input: ProcurementInput & { version: number }) =>
      apiRequest<Procurement>(`/api/procurements/${encodeURIComponent(id)}`, { method: 'PATCH', body: input }),
    onSuccess: (updated) => invalidate(updated),
  });
}

export function useChangeStatus(id: string) {
  const invalidate = useInvalidateProcurements();
  return useMutation({
    mutationFn: (input: { status: ProcurementStatus; version: number }) =>
      apiRequest<Procurement>(`/api/procurements/${encodeURIComponent(id)}/status`, { method: 'POST', body: input }),
    onSuccess: (updated) => invalidate(updated),
  });
}

export function useDeleteProcurement(id: string) {
  const client = useQueryClient();
  const invalidate = useInvalidateProcurements();
  return useMutation({
    mutationFn: () => apiRequest<void>(`/api/procurements/${encodeURIComponent(id)}`, { method: 'DELETE' }),
    onSuccess: () => {
      client.removeQueries({ queryKey: ['procurements', 'one', id] });
      invalidate();
    },
  });
}

export type AuditEvent = Static<typeof AuditEventSchema>;

export function useProcurementAudit(id: string, enabled: boolean) {
  return useQuery({
    queryKey: ['audit', id],
    queryFn: () => apiRequest<Static<typeof AuditEventPage>>('/api/audit-events', { query: { entityType: 'procurement', entityId: id, limit: 100 } }),
    enabled,
  });
}

/** A member of my organisation as GET /api/users answers (the members feature's `Member`). */
export type Person = Static<typeof Member>;

/** People who can be made responsible for a procurement. */
export function usePeople(enabled: boolean) {
  return useQuery({ queryKey: ['users'], queryFn: () => apiRequest<Person[]>('/api/users'), enabled, staleTime: 60_000 });
}

export type ImportResult = Static<typeof ImportResultSchema>;

export function useImportProcurements() {
  const invalidate = useInvalidateProcurements();
  return useMutation({
    mutationFn: ({ file, dryRun }: { file: File; dryRun: boolean }) => {
      const form = new FormData();
      form.append('file', file, file.name);
      return apiRequest<ImportResult>('/api/procurements/import', { method: 'POST', body: form, query: dryRun ? { dryRun: true } : {} });
    },
    onSuccess: (_result, { dryRun }) => {
      if (!dryRun) invalidate();
    },
  });
}

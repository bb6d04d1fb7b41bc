import type { TFunction } from 'i18next';
import { formatDate, formatNumber, formatSek } from '../../../lib/format';
import type { AuditEvent } from '../api/procurements-api';

/** One change of an audit event in words: the field's name, its value before and after. */
export interface AuditChange {
  field: string;
  before: string;
  after: string;
}

export interface DescribedAuditEvent {
  /** What happened, as a sentence fragment ("Status ändrad", "Beslut registrerat"). */
  what: string;
  changes: AuditChange[];
}

/** Names the history needs that only the page knows (units, people, procedure types). */
export interface AuditLabels {
  unit(id: string): string | undefined;
  person(id: string): string | undefined;
  procedureType(code: string): string | undefined;
  language: string;
}

const IGNORED = new Set(['version', 'updatedAt', 'createdAt', 'id', 'organisationId', 'screeningId', 'revision']);

const isRecord = (value: unknown): value is Record<string, unknown> => typeof value === 'object' && value !== null && !Array.isArray(value);

/** A stored value of `field` in words, in the interface's language. */
function showValue(field: string, value: unknown, t: TFunction, labels: AuditLabels): string {
  if (value === null || value === undefined || value === '' || (Array.isArray(value) && value.length === 0)) return t('audit.empty_value');
  switch (field) {
    case 'status':
      return t(`status.${String(value)}`, { defaultValue: String(value) });
    case 'contractNature':
      return t(`contractNature.${String(value)}`, { defaultValue: String(value) });
    case 'procedureType':
      return labels.procedureType(String(value)) ?? String(value);
    case 'unitId':
      return labels.unit(String(value)) ?? t('audit.unknownUnit');
    case 'responsibleUserId':
      return labels.person(String(value)) ?? t('audit.hiddenPerson');
    case 'estimatedValueOre':
      return typeof value === 'number' ? formatSek(value) : String(value);
    case 'contractStart':
      return typeof value === 'string' ? formatDate(value, labels.language) : String(value);
    case 'durationMonths':
    case 'extensionMonths':
      return typeof value === 'number' ? t('common.months', { count: value }) : String(value);
    case 'labourNeedFte':
      return typeof value === 'number' ? formatNumber(value, labels.language) : String(value);
    case 'kind':
      return t(`decision.kinds.${String(value)}`, { defaultValue: String(value) });
    case 'recommendation':
      return t(`screening.recommendation.${String(value)}`, { defaultValue: String(value) });
    case 'requirements':
      return Array.isArray(value) ? t('audit.requirementCount', { count: value.length }) : String(value);
    case 'lots':
      return Array.isArray(value) ? t('audit.lotCount', { count: value.length }) : String(value);
    case 'additionalCpv':
      return Array.isArray(value) ? value.join(', ') : String(value);
    case 'missingFacts':
      return Array.isArray(value) ? value.map((f) => t(`procurement.fieldNames.${String(f)}`, { defaultValue: String(f) })).join(', ') : String(value);
    default:
      return typeof value === 'string' || typeof value === 'number' ? String(value) : JSON.stringify(value);
  }
}

function fieldName(field: string, t: TFunction): string {
  return t(`audit.fieldNames.${field}`, { defaultValue: t(`procurement.fieldNames.${field}`, { defaultValue: field }) });
}

/**
 * An audit event of a procurement in words: what happened and, for each changed field, its old
 * and new value as a person reads them (status names, kronor, unit names), never raw keys. A
 * creation lists nothing (every field would be "changed"); a screening or first decision lists
 * its outcome as the new value.
 */
export function describeAuditEvent(event: AuditEvent, t: TFunction, labels: AuditLabels): DescribedAuditEvent {
  const what = t(`audit.actions.${event.action}`, { defaultValue: t('audit.actions.other') });
  if (event.action === 'procurement.created' || event.action === 'procurement.imported' || event.action === 'procurement.imported_from_notice' || event.action === 'procurement.deleted') {
    return { what, changes: [] };
  }
  const before = isRecord(event.before) ? event.before : {};
  const after = isRecord(event.after) ? event.after : {};
  const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].filter(
    (k) => !IGNORED.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]),
  );
  // A decision's justification is long text; say that it changed, not what it says.
  const changes = keys.map((field) => {
    if (field === 'justification') {
      return { field: fieldName(field, t), before: before[field] ? t('audit.textGiven') : t('audit.empty_value'), after: after[field] ? t('audit.textGiven') : t('audit.empty_value') };
    }
    return {
      field: fieldName(field, t),
      before: field in before ? showValue(field, before[field], t, labels) : t('audit.empty_value'),
      after: field in after ? showValue(field, after[field], t, labels) : t('audit.empty_value'),
    };
  });
  // "(empty) → (empty)" says nothing (a blank justification on a first decision).
  return { what, changes: changes.filter((c) => c.before !== c.after) };
}

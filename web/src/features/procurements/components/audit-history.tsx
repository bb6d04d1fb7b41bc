import { useTranslation } from 'react-i18next';
import { Message } from '../../../components/ui/message';
import { formatDateTime } from '../../../lib/format';
import { describeError } from '../../../lib/problems';
import { useProcurementAudit, type AuditEvent } from '../api/procurements-api';

const IGNORED = new Set(['version', 'updatedAt', 'createdAt', 'id', 'organisationId']);

/** The fields an audit event changed, comparing its before and after snapshots. */
export function changedFields(event: AuditEvent): string[] {
  // A creation has no "before"; listing every field as changed would say nothing.
  if (!event.before || !event.after || typeof event.before !== 'object' || typeof event.after !== 'object') return [];
  const before = event.before as Record<string, unknown>;
  const after = event.after as Record<string, unknown>;
  const keys = new Set([...Object.keys(before), ...Object.keys(after)]);
  return [...keys].filter((k) => !IGNORED.has(k) && JSON.stringify(before[k]) !== JSON.stringify(after[k]));
}

export function AuditHistory({ procurementId }: { procurementId: string }) {
  const { t, i18n } = useTranslation();
  const audit = useProcurementAudit(procurementId, true);
  return (
    <section aria-labelledby="audit-heading" className="section">
      <h2 id="audit-heading">{t('audit.title')}</h2>
      {audit.isError ? <Message tone="error">{describeError(audit.error, t)}</Message> : null}
      {audit.isPending ? <p>{t('common.loading')}</p> : null}
      {audit.data && audit.data.items.length === 0 ? <p>{t('audit.empty')}</p> : null}
      {audit.data && audit.data.items.length > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="audit-heading">
          <table className="table">
            <caption className="visually-hidden">{t('audit.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('audit.when')}</th>
                <th scope="col">{t('audit.who')}</th>
                <th scope="col">{t('audit.what')}</th>
                <th scope="col">{t('audit.fields')}</th>
              </tr>
            </thead>
            <tbody>
              {audit.data.items.map((event) => {
                const fields = changedFields(event);
                return (
                  <tr key={event.id}>
                    <td>{formatDateTime(event.createdAt, i18n.language)}</td>
                    <td>{event.actor.label}</td>
                    <td>{t(`audit.actions.${event.action}`, { defaultValue: event.action })}</td>
                    <td>{fields.length > 0 ? fields.map((f) => t(`procurement.fieldNames.${f}`, { defaultValue: f })).join(', ') : '–'}</td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      ) : null}
    </section>
  );
}

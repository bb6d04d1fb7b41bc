import { useTranslation } from 'react-i18next';
import { Message } from '../../../components/ui/message';
import { formatDateTime } from '../../../lib/format';
import { describeError } from '../../../lib/problems';
import { labelOf, useCodelists, useUnits } from '../../../lib/reference-data';
import { useProcurementAudit } from '../api/procurements-api';
import { describeAuditEvent } from './describe-audit-event';

/** The procurement's history in words: what happened, by whom, and each change as before → after. */
export function AuditHistory({ procurementId }: { procurementId: string }) {
  const { t, i18n } = useTranslation();
  const audit = useProcurementAudit(procurementId, true);
  const units = useUnits();
  const codelists = useCodelists();
  const people = audit.data?.people ?? {};
  const labels = {
    language: i18n.language,
    unit: (id: string) => units.data?.find((u) => u.id === id)?.name,
    person: (id: string) => people[id],
    procedureType: (code: string) => {
      const entry = codelists.data?.procedureType.find((c) => c.code === code);
      return entry ? labelOf(entry, i18n.language) : undefined;
    },
  };
  return (
    <section aria-labelledby="audit-heading" className="section">
      <h2 id="audit-heading">{t('audit.title')}</h2>
      {audit.isError ? <Message tone="error">{describeError(audit.error, t)}</Message> : null}
      {audit.isPending ? <p>{t('common.loading')}</p> : null}
      {audit.data && audit.data.items.length === 0 ? <p>{t('audit.empty')}</p> : null}
      {audit.data && audit.data.items.length > 0 ? (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('audit.caption')}>
          <table className="table table--wrap">
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
              {[...audit.data.items]
                // Newest first by when it happened (seeded history is written after the fact).
                .sort((a, b) => b.createdAt.localeCompare(a.createdAt) || b.id - a.id)
                .map((event) => {
                const described = describeAuditEvent(event, t, labels);
                return (
                  <tr key={event.id}>
                    <td>{formatDateTime(event.createdAt, i18n.language)}</td>
                    <td>{event.actor.label}</td>
                    <td>{described.what}</td>
                    <td>
                      {described.changes.length === 0 ? (
                        '–'
                      ) : (
                        <ul className="plain-list">
                          {described.changes.map((c) => (
                            <li key={c.field}>{t('audit.change', { field: c.field, before: c.before, after: c.after })}</li>
                          ))}
                        </ul>
                      )}
                    </td>
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

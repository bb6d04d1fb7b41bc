import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { isApiError } from '../../../lib/api-client';
import { useAnnounce } from '../../../lib/announcer';
import { formatDate, formatDateTime, formatNumber, formatSek } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { labelOf, useCodelists } from '../../../lib/reference-data';
import { can } from '../../../../../src/domain/access/can.js';
import { actorOf, capabilitiesOf, useSession } from '../../../lib/session';
import { useChangeStatus, useDeleteProcurement, useProcurement, type CpvRef, type Procurement, type ProcurementStatus } from '../api/procurements-api';
import { AuditHistory } from '../components/audit-history';
import { StatusBadge } from '../components/status-badge';

function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="details__item">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

function Cpv({ cpv }: { cpv: CpvRef }) {
  const { i18n } = useTranslation();
  return (
    <>
      <span className="code">{cpv.code}</span> {labelOf(cpv, i18n.language)}
    </>
  );
}

function StatusActions({ procurement }: { procurement: Procurement }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const change = useChangeStatus(procurement.id);
  const [target, setTarget] = useState<ProcurementStatus | null>(null);
  if (procurement.allowedTransitions.length === 0 && !change.isError) return null;
  return (
    <section aria-labelledby="status-heading" className="section card">
      <h2 id="status-heading" tabIndex={-1}>
        {t('details.statusTitle')}
      </h2>
      <p>
        {t('details.currentStatus')} <StatusBadge status={procurement.status} />
      </p>
      {change.isError ? (
        <Message tone="error">{isApiError(change.error, 409) && change.error.code === 'stale_version' ? t('errors.staleVersion') : describeError(change.error, t)}</Message>
      ) : null}
      {procurement.allowedTransitions.length > 0 ? (
        <div className="button-row">
          {procurement.allowedTransitions.map((status) => (
            <Button key={status} variant={status === 'cancelled' ? 'danger' : 'secondary'} onPress={() => setTarget(status)}>
              {t(`statusAction.${status}`)}
            </Button>
          ))}
        </div>
      ) : null}
      <ConfirmDialog
        isOpen={target !== null}
        onOpenChange={(open) => !open && setTarget(null)}
        title={t('details.confirmStatusTitle')}
        message={target ? t('details.confirmStatus', { from: t(`status.${procurement.status}`), to: t(`status.${target}`) }) : ''}
        confirmLabel={target ? t(`statusAction.${target}`) : ''}
        variant={target === 'cancelled' ? 'danger' : 'primary'}
        isPending={change.isPending}
        onConfirm={() => {
          if (!target) return;
          const to = target;
          change.mutate(
            { status: to, version: procurement.version },
            {
              onSuccess: () => {
                announce(t('details.statusChanged', { status: t(`status.${to}`) }));
                // The button pressed is gone with the old status; continue from the section.
                window.setTimeout(() => document.getElementById('status-heading')?.focus(), 0);
              },
              onSettled: () => setTarget(null),
            },
          );
        }}
      />
    </section>
  );
}

/**
 * One procurement. `socialSection` is composed in by the app (features do not import each
 * other): the screening and decision on social considerations.
 */
export function ProcurementDetailsRoute({ socialSection }: { socialSection?: (procurement: Procurement) => ReactNode }) {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const me = useSession();
  const { canReadAudit } = capabilitiesOf(me);
  const actor = actorOf(me);
  const procurement = useProcurement(id);
  const codelists = useCodelists();
  const remove = useDeleteProcurement(id);
  const [isDeleteOpen, setDeleteOpen] = useState(false);
  const lang = i18n.language;

  if (procurement.isPending) {
    return (
      <div className="page">
        <PageHeading title={t('details.loadingTitle')}>{t('details.loadingTitle')}</PageHeading>
        <p role="status">{t('common.loading')}</p>
      </div>
    );
  }
  if (procurement.isError) {
    const notFound = isApiError(procurement.error, 404) || isApiError(procurement.error, 400);
    const title = notFound ? t('details.notFound') : t('details.loadingTitle');
    return (
      <div className="page">
        <PageHeading title={title}>{title}</PageHeading>
        <Message tone="error">{notFound ? t('details.notFoundText') : describeError(procurement.error, t)}</Message>
        <p>
          <Link href="/procurements">{t('details.backToRegister')}</Link>
        </p>
      </div>
    );
  }
  const p = procurement.data;
  const nature = codelists.data?.contractNature.find((c) => c.code === p.contractNature);
  const procedure = codelists.data?.procedureType.find((c) => c.code === p.procedureType);

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href="/procurements">{t('details.backToRegister')}</Link>
      </p>
      <div className="page-header">
        <div>
          <PageHeading title={p.title}>{p.title}</PageHeading>
          <p className="page-header__meta">
            <span>
              {t('procurement.referenceNumber')}: <span className="code">{p.referenceNumber}</span>
            </span>
            <StatusBadge status={p.status} />
          </p>
        </div>
        <div className="page-header__actions">
          {p.canEdit ? (
            <Link href={`/procurements/${p.id}/edit`} variant="primary">
              {t('details.edit')}
            </Link>
          ) : null}
          {p.isDeletable ? (
            <Button variant="danger" onPress={() => setDeleteOpen(true)}>
              {t('details.delete')}
            </Button>
          ) : null}
        </div>
      </div>
      {remove.isError ? <Message tone="error">{describeError(remove.error, t)}</Message> : null}

      <section aria-labelledby="facts-heading" className="section">
        <h2 id="facts-heading">{t('details.facts')}</h2>
        <dl className="details">
          <Item term={t('procurement.unit')}>{p.unit.name}</Item>
          <Item term={t('procurement.responsible')}>{p.responsible?.displayName ??
              // The server leaves the name out for roles that may not read personal data: say so.
              (can(actor, 'personal_data:read', { organisationId: me.organisation.id, unitId: p.unit.id }) ? t('common.notSet') : t('details.hiddenForRole'))}</Item>
          <Item term={t('procurement.contractNature')}>{labelOf(nature, lang) || t(`contractNature.${p.contractNature}`)}</Item>
          <Item term={t('procurement.procedureType')}>{p.procedureType ? labelOf(procedure, lang) || p.procedureType : t('common.notSet')}</Item>
          <Item term={t('procurement.mainCpv')}>
            <Cpv cpv={p.mainCpv} />
          </Item>
          <Item term={t('procurement.additionalCpv')}>
            {p.additionalCpv.length === 0 ? (
              t('common.none')
            ) : (
              <ul className="plain-list">
                {p.additionalCpv.map((c) => (
                  <li key={c.code}>
                    <Cpv cpv={c} />
                  </li>
                ))}
              </ul>
            )}
          </Item>
          <Item term={t('procurement.estimatedValue')}>{formatSek(p.estimatedValueOre)}</Item>
          <Item term={t('procurement.contractStart')}>{formatDate(p.contractStart, lang)}</Item>
          <Item term={t('procurement.durationMonths')}>{p.durationMonths === null ? '–' : t('common.months', { count: p.durationMonths })}</Item>
          <Item term={t('procurement.extensionMonths')}>{p.extensionMonths === null ? '–' : t('common.months', { count: p.extensionMonths })}</Item>
          <Item term={t('procurement.labourNeedFte')}>{formatNumber(p.labourNeedFte, lang)}</Item>
          <Item term={t('procurement.createdAt')}>{formatDateTime(p.createdAt, lang)}</Item>
          <Item term={t('procurement.updatedAt')}>{formatDateTime(p.updatedAt, lang)}</Item>
        </dl>
        <h3>{t('procurement.description')}</h3>
        {p.description.trim() ? <p className="prewrap">{p.description}</p> : <p className="muted">{t('common.none')}</p>}
      </section>

      <section aria-labelledby="lots-heading" className="section">
        <h2 id="lots-heading">{t('procurement.lots')}</h2>
        {p.lots.length === 0 ? (
          <p>{t('details.noLots')}</p>
        ) : (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.tableRegion', { name: t('procurement.lots') })}>
            <table className="table">
              <caption className="visually-hidden">{t('details.lotsCaption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('lot.number')}</th>
                  <th scope="col">{t('lot.title')}</th>
                  <th scope="col">{t('lot.mainCpv')}</th>
                  <th scope="col">{t('lot.estimatedValue')}</th>
                  <th scope="col">{t('lot.durationMonths')}</th>
                </tr>
              </thead>
              <tbody>
                {p.lots.map((lot) => (
                  <tr key={lot.lotNumber}>
                    <td>{lot.lotNumber}</td>
                    <th scope="row">{lot.title}</th>
                    <td>
                      <Cpv cpv={lot.mainCpv} />
                    </td>
                    <td className="table__number">{formatSek(lot.estimatedValueOre)}</td>
                    <td>{lot.durationMonths === null ? '–' : t('common.months', { count: lot.durationMonths })}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>

      {socialSection ? socialSection(p) : null}

      <StatusActions procurement={p} />

      {canReadAudit ? <AuditHistory procurementId={p.id} /> : null}

      <ConfirmDialog
        isOpen={isDeleteOpen}
        onOpenChange={setDeleteOpen}
        title={t('details.deleteTitle')}
        message={t('details.deleteConfirm', { title: p.title })}
        confirmLabel={t('details.delete')}
        variant="danger"
        isPending={remove.isPending}
        onConfirm={() =>
          remove.mutate(undefined, {
            onSuccess: () => {
              announce(t('details.deleted', { title: p.title }));
              void navigate('/procurements', { replace: true });
            },
            onSettled: () => setDeleteOpen(false),
          })
        }
      />
    </div>
  );
}

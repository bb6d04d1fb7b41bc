import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Message } from '../../../components/ui/message';
import { TextField } from '../../../components/ui/text-field';
import { isApiError } from '../../../lib/api-client';
import { formatDate } from '../../../lib/format';
import { actorOf, useSession } from '../../../lib/session';
import { can } from '../../../../../src/domain/access/can.js';
import { useApproveReport, useAskQuestion, useBuyerSupplierReports, useInviteSupplierContact, type SupplierReport } from '../api/supplier-api';
import '../supplier-portal.css';

function ReportItem({ contractId, report, targetGroups }: { contractId: string; report: SupplierReport; targetGroups: Array<{ code: string; label: string }> }) {
  const { t, i18n } = useTranslation();
  const approve = useApproveReport(contractId);
  const ask = useAskQuestion(contractId);
  const [groups, setGroups] = useState<string[]>(report.hires.map(() => targetGroups[0]?.code ?? ''));
  const [question, setQuestion] = useState('');
  const headingId = `supplier-report-${report.id}`;
  return (
    <li className="supplier-card" aria-labelledby={headingId}>
      <h3 id={headingId}>{t('supplierPortal.buyer.reportTitle', { sequence: report.periodSequence })}</h3>
      <p>
        {t(`supplierPortal.reportStatus.${report.status}`)} · {t('supplierPortal.report.attestedLine', { name: report.attestedBy })} · {formatDate(report.submittedAt.slice(0, 10), i18n.language)}
      </p>
      {report.noChange ? <p>{t('supplierPortal.buyer.noChange')}</p> : null}
      <ul className="supplier-list">
        {report.hires.map((h, i) => (
          <li key={`h${i}`}>
            {t('supplierPortal.report.hireListed', { ref: h.participantRef, from: h.startedOn, extent: h.extentPercent })}
            {report.status !== 'approved' ? (
              <>
                {' '}
                <label htmlFor={`${headingId}-tg-${i}`}>{t('supplierPortal.buyer.targetGroup')}</label>{' '}
                <select id={`${headingId}-tg-${i}`} value={groups[i]} onChange={(e) => setGroups((g) => g.map((x, j) => (j === i ? e.target.value : x)))}>
                  {targetGroups.map((g) => (
                    <option key={g.code} value={g.code}>
                      {g.label}
                    </option>
                  ))}
                </select>
              </>
            ) : null}
          </li>
        ))}
        {report.endings.map((e, i) => (
          <li key={`e${i}`}>{t('supplierPortal.buyer.ending', { date: e.endedOn, reason: t(`supplierPortal.endReason.${e.endReason}`) })}</li>
        ))}
      </ul>
      {report.evidence.length > 0 ? (
        <ul className="supplier-list">
          {report.evidence.map((e) => (
            <li key={e.id}>
              <a className="link" href={`/api/contracts/${contractId}/supplier-reports/${report.id}/evidence/${e.id}`} download>
                {t('supplierPortal.buyer.evidence', { name: e.fileName })}
              </a>
            </li>
          ))}
        </ul>
      ) : null}
      {report.comments.map((c) => (
        <p key={c.id}>
          <strong>{c.authorName}</strong>: {c.body}
        </p>
      ))}
      {report.status !== 'approved' ? (
        <div className="supplier-form">
          <Button variant="primary" isPending={approve.isPending} onPress={() => approve.mutate({ reportId: report.id, version: report.version, targetGroups: groups })} aria-label={t('supplierPortal.buyer.approveFull', { sequence: report.periodSequence })}>
            {t('supplierPortal.buyer.approve')}
          </Button>
          <TextField label={t('supplierPortal.buyer.question')} multiline value={question} onChange={setQuestion} />
          <Button isPending={ask.isPending} onPress={() => question.trim() && ask.mutate({ reportId: report.id, body: question }, { onSuccess: () => setQuestion('') })}>
            {t('supplierPortal.buyer.ask')}
          </Button>
          {approve.isError || ask.isError ? <Message tone="error">{isApiError(approve.error ?? ask.error) ? (approve.error ?? ask.error)!.message : t('supplierPortal.errors.save')}</Message> : null}
        </div>
      ) : null}
    </li>
  );
}

/** The contract page's supplier-portal part: invite the supplier's contact; review its reports. */
export function SupplierReportsSection({ contractId, unitId, targetGroups }: { contractId: string; unitId: string; targetGroups: Array<{ code: string; label: string }> }) {
  const { t } = useTranslation();
  const me = useSession();
  const actor = actorOf(me);
  const resource = { organisationId: me.organisation.id, unitId };
  const mayReview = can(actor, 'supplier_report:review', resource);
  const mayInvite = can(actor, 'supplier_contact:invite', resource);
  const reports = useBuyerSupplierReports(contractId, mayReview);
  const invite = useInviteSupplierContact(contractId);
  const [email, setEmail] = useState('');
  if (!mayReview && !mayInvite) return null;
  return (
    <section aria-labelledby="supplier-portal-heading" className="section">
      <h2 id="supplier-portal-heading">{t('supplierPortal.buyer.title')}</h2>
      {mayInvite ? (
        <form
          className="supplier-form"
          onSubmit={(event) => {
            event.preventDefault();
            if (email.trim()) invite.mutate(email.trim());
          }}
        >
          <TextField label={t('supplierPortal.buyer.inviteEmail')} description={t('supplierPortal.buyer.inviteHint')} inputMode="email" value={email} onChange={setEmail} size="medium" />
          <Button type="submit" isPending={invite.isPending}>
            {t('supplierPortal.buyer.invite')}
          </Button>
          {invite.isSuccess ? <Message tone="success">{t('supplierPortal.buyer.invited', { email: invite.data.invitation.email })}</Message> : null}
          {invite.isError ? <Message tone="error">{invite.error.message}</Message> : null}
        </form>
      ) : null}
      {mayReview ? (
        reports.data && reports.data.reports.length > 0 ? (
          <ul className="supplier-cards">
            {reports.data.reports.map((r) => (
              <ReportItem key={r.id} contractId={contractId} report={r} targetGroups={targetGroups} />
            ))}
          </ul>
        ) : (
          <p>{t('supplierPortal.buyer.none')}</p>
        )
      ) : null}
    </section>
  );
}

import { useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { useParams } from 'react-router';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { DateField } from '../../../components/ui/date-field';
import { isApiError } from '../../../lib/api-client';
import { formatDate, formatNumber } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { labelOf } from '../../../lib/reference-data';
import { useSession } from '../../../lib/session';
import { contractCapabilitiesOf } from '../api/contract-rights';
import { useContract, useDeviations, useFulfilment, usePeriods, useSanctions, useTargetGroupOptions, type Commitment, type Contract, type Fulfilment, type Placement } from '../api/contracts-api';
import { CommitmentCard, formatMonths } from '../components/commitment-card';
import { describeContractError } from '../components/contract-problems';
import { NoAccess } from '../components/no-access';
import { ConfirmTargetGroupDialog } from '../components/confirm-target-group-dialog';
import { PlacementDialog } from '../components/placement-dialog';
import { PlacementOutcomeDialog } from '../components/placement-outcome-dialog';
import { isIsoDate, type PlacementFormMode } from '../components/placement-form-state';
import { timelineOf, type TimelineSources } from '../components/timeline';
import { AmendmentsSection, DeviationsSection, PeriodsSection, SanctionsSection } from '../components/contract-follow-up';
import { todayIso } from '../components/today';
import { SupplierReportsSection } from '../../supplier-portal/components/supplier-reports-section';
import '../contracts.css';


function Item({ term, children }: { term: string; children: ReactNode }) {
  return (
    <div className="details__item">
      <dt>{term}</dt>
      <dd>{children}</dd>
    </div>
  );
}

/** A commitment's title in the current language, numbered when a contract has several alike. */
function commitmentLabeller(commitments: readonly Commitment[], language: string) {
  return (commitment: Commitment | undefined): string => {
    if (!commitment) return '–';
    const title = labelOf(commitment.title, language);
    const same = commitments.filter((c) => labelOf(c.title, language) === title);
    return same.length > 1 ? `${title} ${same.indexOf(commitment) + 1}` : title;
  };
}

function PlacementsSection({ contract, fulfilment, canManage, commitmentLabel }: { contract: Contract; fulfilment: Fulfilment | undefined; canManage: boolean; commitmentLabel: (c: Commitment | undefined) => string }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language;
  const targetGroups = useTargetGroupOptions();
  const [dialog, setDialog] = useState<{ mode: PlacementFormMode; placement: Placement | null } | null>(null);
  const [confirming, setConfirming] = useState<Placement | null>(null);
  const [following, setFollowing] = useState<Placement | null>(null);
  const today = todayIso();
  const placements = contract.placements;
  const placeable = contract.commitments.filter((c) => c.takesPlacements);
  const served = new Map((fulfilment?.commitments ?? []).flatMap((c) => c.placements.map((p) => [p.placementId, p] as const)));
  const open = (mode: PlacementFormMode, placement: Placement | null) => setDialog({ mode, placement });
  return (
    <section aria-labelledby="placements-heading" className="section">
      <div className="results-header">
        <h2 id="placements-heading">{t('contracts.placements.title')}</h2>
        {canManage && placeable.length > 0 ? (
          <Button variant="primary" onPress={() => open('add', null)}>
            {t('contracts.placements.add')}
          </Button>
        ) : null}
      </div>
      <p className="muted">{t('contracts.placements.intro')}</p>
      {placements.length === 0 ? (
        <p>{t('contracts.placements.none')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="placements-caption">
          <table className="table">
            <caption id="placements-caption" className="visually-hidden">{t('contracts.placements.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('contracts.placementForm.fields.participantRef')}</th>
                <th scope="col">{t('contracts.placementForm.fields.commitmentId')}</th>
                <th scope="col">{t('contracts.placementForm.fields.targetGroup')}</th>
                <th scope="col">{t('contracts.placementForm.fields.startedOn')}</th>
                <th scope="col">{t('contracts.placementForm.fields.endedOn')}</th>
                <th scope="col">{t('contracts.placementForm.fields.extentPercent')}</th>
                <th scope="col">{t('contracts.placements.fullTimeMonths')}</th>
                <th scope="col">{t('contracts.placements.counts')}</th>
                {canManage ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {placements.map((p) => {
                const s = served.get(p.id);
                const ref = p.participantRef ?? '–';
                return (
                  <tr key={p.id}>
                    <th scope="row">
                      <span className="code">{ref}</span>
                    </th>
                    <td>{commitmentLabel(contract.commitments.find((c) => c.id === p.commitmentId))}</td>
                    <td>
                      {p.targetGroupPending ? (
                        <>
                          <Badge tone="attention">{t('contracts.placements.pending')}</Badge>
                          {canManage ? (
                            <Button variant="quiet" onPress={() => setConfirming(p)} aria-label={t('contracts.placements.confirmNamed', { ref })}>
                              {t('contracts.placements.confirm')}
                            </Button>
                          ) : null}
                        </>
                      ) : (
                        labelOf(targetGroups.data?.find((g) => g.code === p.targetGroup)?.label, lang) || p.targetGroup
                      )}
                    </td>
                    <td>{formatDate(p.startedOn, lang)}</td>
                    <td>
                      {p.endedOn ? (
                        <>
                          {formatDate(p.endedOn, lang)}
                          {p.endReason ? <span className="table__sub">{t(`contracts.endReason.${p.endReason}`)}</span> : null}
                        </>
                      ) : p.plannedEndOn ? (
                        <span className="table__sub">{t('contracts.placements.plannedEnd', { date: formatDate(p.plannedEndOn, lang) })}</span>
                      ) : (
                        '–'
                      )}
                    </td>
                    <td className="table__number">{formatNumber(p.extentPercent, lang)} %</td>
                    <td className="table__number">{s ? formatMonths(s.fullTimeMonths, lang) : '–'}</td>
                    <td>{s ? (s.countsAsFulfilled ? t('common.yes') : t('common.no')) : '–'}</td>
                    {canManage ? (
                      <td>
                        <div className="button-row button-row--tight">
                          <Button variant="quiet" onPress={() => open('edit', p)} aria-label={t('contracts.placements.editNamed', { ref })}>
                            {t('contracts.placements.edit')}
                          </Button>
                          {p.endedOn ? (
                            p.endedOn <= today ? (
                              <Button variant="quiet" onPress={() => setFollowing(p)} aria-label={t('contracts.outcomes.openNamed', { ref })}>
                                {t('contracts.outcomes.open')}
                              </Button>
                            ) : null
                          ) : (
                            <Button variant="quiet" onPress={() => open('end', p)} aria-label={t('contracts.placements.endNamed', { ref })}>
                              {t('contracts.placements.end')}
                            </Button>
                          )}
                        </div>
                      </td>
                    ) : null}
                  </tr>
                );
              })}
            </tbody>
          </table>
        </div>
      )}
      {canManage && following ? <PlacementOutcomeDialog key={following.id} contractId={contract.id} placement={following} onClose={() => setFollowing(null)} /> : null}
      {canManage && confirming ? <ConfirmTargetGroupDialog key={confirming.id} contractId={contract.id} placement={confirming} onClose={() => setConfirming(null)} /> : null}
      {canManage && dialog ? (
        <PlacementDialog
          key={`${dialog.mode}-${dialog.placement?.id ?? 'new'}`}
          contractId={contract.id}
          commitments={dialog.placement ? contract.commitments : placeable}
          commitmentLabel={commitmentLabel}
          placement={dialog.placement}
          mode={dialog.mode}
          isOpen
          onOpenChange={(isOpen) => {
            if (!isOpen) setDialog(null);
          }}
        />
      ) : null}
    </section>
  );
}

function Timeline({ sources, asOf }: { sources: TimelineSources; asOf: string }) {
  const { t, i18n } = useTranslation();
  const events = timelineOf(sources);
  return (
    <section aria-labelledby="timeline-heading" className="section">
      <h2 id="timeline-heading">{t('contracts.timeline.title')}</h2>
      <ol className="timeline">
        {events.map((e) => (
          <li key={e.key} className={`timeline__item timeline__item--${e.kind}${e.date > asOf ? ' timeline__item--future' : ''}`}>
            <time dateTime={e.date} className="timeline__date">
              {formatDate(e.date, i18n.language)}
            </time>
            <span className="timeline__kind">{t(`contracts.timeline.kinds.${e.kind}`)}</span>
            <span className="timeline__text">
              {t(e.text.key, e.text.values)}
              {e.date > asOf ? <span className="visually-hidden"> ({t('contracts.timeline.upcoming')})</span> : null}
            </span>
          </li>
        ))}
      </ol>
    </section>
  );
}

/** One contract: facts, commitments with fulfilment, placements and the timeline. */
export function ContractRoute() {
  const { id = '' } = useParams();
  const { t, i18n } = useTranslation();
  const me = useSession();
  const caps = contractCapabilitiesOf(me);
  const [asOfDraft, setAsOfDraft] = useState(todayIso);
  const asOf = isIsoDate(asOfDraft) ? asOfDraft : todayIso();
  const contract = useContract(id, caps.canReadContracts);
  const fulfilment = useFulfilment(id, asOf, caps.canReadContracts);
  const targetGroups = useTargetGroupOptions();
  const periods = usePeriods(id, caps.canReadContracts);
  const deviations = useDeviations(id, caps.canReadContracts);
  const sanctions = useSanctions(id, caps.canReadContracts);
  const lang = i18n.language;

  if (!caps.canReadContracts) return <NoAccess title={t('contracts.page.loadingTitle')} message={t('contracts.rights.noContracts')} />;
  if (contract.isPending) {
    return (
      <div className="page">
        <PageHeading title={t('contracts.page.loadingTitle')}>{t('contracts.page.loadingTitle')}</PageHeading>
        <p role="status">{t('common.loading')}</p>
      </div>
    );
  }
  if (contract.isError) {
    const notFound = isApiError(contract.error, 404) || isApiError(contract.error, 400);
    const forbidden = isApiError(contract.error, 403);
    const title = notFound ? t('contracts.page.notFound') : t('contracts.page.loadingTitle');
    return (
      <div className="page">
        <PageHeading title={title}>{title}</PageHeading>
        <Message tone={forbidden ? 'info' : 'error'}>{notFound ? t('contracts.page.notFoundText') : forbidden ? t('contracts.rights.noContract') : describeContractError(contract.error, t)}</Message>
        <p>
          <Link href="/contracts">{t('contracts.page.backToList')}</Link>
        </p>
      </div>
    );
  }
  const c = contract.data;
  const label = commitmentLabeller(c.commitments, lang);
  const labelById = (cid: string | null) => label(c.commitments.find((x) => x.id === cid));
  const f = fulfilment.data;
  const showPlacements = caps.canReadPlacements && c.mayReadPlacements;
  const title = t('contracts.page.title', { reference: c.referenceNumber, supplier: c.supplier.name });

  return (
    <div className="page page--wide">
      <p className="breadcrumb">
        <Link href="/contracts">{t('contracts.page.backToList')}</Link>
      </p>
      <div className="page-header">
        <PageHeading title={title}>{title}</PageHeading>
      </div>

      <section aria-labelledby="contract-facts-heading" className="section">
        <h2 id="contract-facts-heading">{t('contracts.page.facts')}</h2>
        <dl className="details">
          <Item term={t('contracts.fields.supplier')}>
            {c.supplier.name} <span className="code">{c.supplier.organisationNumber ?? `${c.supplier.country} ${c.supplier.nationalId}`}</span>
          </Item>
          <Item term={t('contracts.fields.procurement')}>
            <Link href={`/procurements/${c.procurement.id}`}>{c.procurement.title}</Link> <span className="code">{c.procurement.referenceNumber}</span>
          </Item>
          <Item term={t('contracts.fields.lots')}>{c.lotNumbers === null || c.lotNumbers.length === 0 ? t('contracts.fields.wholeProcurement') : c.lotNumbers.join(', ')}</Item>
          <Item term={t('contracts.fields.signedOn')}>{formatDate(c.signedOn, lang)}</Item>
          <Item term={t('contracts.fields.startsOn')}>{formatDate(c.startsOn, lang)}</Item>
          <Item term={t('contracts.fields.endsOn')}>{formatDate(c.endsOn, lang)}</Item>
        </dl>
      </section>

      <section aria-labelledby="commitments-heading" className="section">
        <h2 id="commitments-heading">{t('contracts.page.commitments')}</h2>
        <div className="inline-form">
          <DateField label={t('contracts.page.asOf')} description={t('contracts.page.asOfHint')} name="asOf" value={asOfDraft} onChange={setAsOfDraft} errorMessage={isIsoDate(asOfDraft) ? undefined : t('contracts.placementForm.errors.date')} />
        </div>
        {fulfilment.isError ? <Message tone="error">{describeContractError(fulfilment.error, t)}</Message> : null}
        {c.commitments.length === 0 ? <p>{t('contracts.page.noCommitments')}</p> : null}
        <div className="commitment-list" aria-busy={fulfilment.isFetching}>
          {c.commitments.map((commitment, i) => (
            <CommitmentCard
              key={commitment.id}
              headingId={`commitment-${i}`}
              commitment={commitment}
              title={label(commitment)}
              fulfilment={f?.commitments.find((x) => x.commitmentId === commitment.id)}
              targetGroups={targetGroups.data ?? []}
            />
          ))}
        </div>
      </section>

      {showPlacements ? (
        <PlacementsSection contract={c} fulfilment={f} canManage={caps.canManagePlacements} commitmentLabel={label} />
      ) : (
        <section aria-labelledby="placements-heading" className="section">
          <h2 id="placements-heading">{t('contracts.placements.title')}</h2>
          <Message tone="info" live={false}>
            {t('contracts.rights.aggregatesOnly')}
          </Message>
        </section>
      )}

      <PeriodsSection contractId={c.id} periods={periods.data} isError={periods.isError} error={periods.error} canFollowUp={caps.canFollowUp} />
      <DeviationsSection contractId={c.id} deviations={deviations.data} commitmentLabel={labelById} canFollowUp={caps.canFollowUp} />
      <SanctionsSection contract={c} sanctions={sanctions.data} canFollowUp={caps.canFollowUp} commitmentLabel={labelById} />
      <AmendmentsSection contract={c} canAmend={contractCapabilitiesOf(me, c.unit.id).canManageContract} />
      <SupplierReportsSection contractId={c.id} unitId={c.unit.id} targetGroups={(targetGroups.data ?? []).filter((g) => g.active).map((g) => ({ code: g.code, label: labelOf(g.label, lang) }))} />

      <Timeline
        asOf={asOf}
        sources={{
          contract: c,
          fulfilment: f,
          placements: showPlacements ? c.placements : [],
          periods: periods.data,
          deviations: deviations.data,
          sanctions: sanctions.data?.steps,
          commitmentLabel: labelById,
        }}
      />
    </div>
  );
}

import { useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { Pagination } from '../../../components/ui/pagination';
import { SelectField } from '../../../components/ui/select-field';
import { useAnnounce } from '../../../lib/announcer';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { capabilitiesOf, useSession } from '../../../lib/session';
import { exportUrl, useProcurementList } from '../api/procurements-api';
import { ImportDialog } from '../components/import-dialog';
import { ProcurementFiltersPanel } from '../components/procurement-filters';
import { ProcurementTable } from '../components/procurement-table';
import { useRegisterUrlState } from '../components/use-register-url-state';
import '../../../components/ui/button.css';
import '../procurements.css';

/** The register; as the work queue (`isWorkQueue`) it shows only `queue=undecided`. */
export function ProcurementListRoute({ isWorkQueue = false }: { isWorkQueue?: boolean }) {
  const { t } = useTranslation();
  const me = useSession();
  const { canCreateProcurement, canImportProcurements, canReadProcurements, canDecide } = capabilitiesOf(me);
  // Without the right the page says so once, with nothing to use (issue 11 item 6).
  const mayView = canReadProcurements && (!isWorkQueue || canDecide);
  const announce = useAnnounce();
  const urlState = useRegisterUrlState();
  const { update, setFilters, clearFilters, pageSizes } = urlState;
  const query = isWorkQueue ? { ...urlState.query, queue: 'undecided' } : urlState.query;
  const hasFilters = isWorkQueue ? urlState.hasFilters && Boolean(urlState.query.unitId.length + urlState.query.status.length || urlState.query.contractNature || urlState.query.year || urlState.query.cpvDivision || urlState.query.q || urlState.query.screening) : urlState.hasFilters;
  const list = useProcurementList(query, mayView);
  const title = isWorkQueue ? t('workQueue.title') : t('register.title');
  const [isImportOpen, setImportOpen] = useState(false);

  // Tell screen-reader users how many procurements the current filters found.
  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!list.data || list.isPlaceholderData) return;
    const message = t('register.found', { count: list.data.total });
    const key = `${JSON.stringify(query)}|${list.data.total}`;
    if (announced.current !== null && announced.current !== key) announce(message);
    announced.current = key;
  }, [list.data, list.isPlaceholderData, query, announce, t]);

  const total = list.data?.total ?? 0;

  if (!mayView) {
    return (
      <div className="page">
        <PageHeading title={title}>{title}</PageHeading>
        <Message tone="info" live={false}>
          {isWorkQueue ? t('register.notAllowedQueue') : t('register.notAllowed')}
        </Message>
      </div>
    );
  }

  return (
    <div className="page page--wide">
      <div className="page-header">
        <PageHeading title={title}>{title}</PageHeading>
        <div className="page-header__actions">
          {canCreateProcurement ? (
            <Link href="/procurements/new" variant="primary">
              {t('register.new')}
            </Link>
          ) : null}
          {canImportProcurements ? <Button onPress={() => setImportOpen(true)}>{t('import.open')}</Button> : null}
        </div>
      </div>

      {isWorkQueue ? <p className="lead">{t('workQueue.intro')}</p> : null}
      <ProcurementFiltersPanel filters={query} onChange={setFilters} onClear={clearFilters} hasFilters={hasFilters} isWorkQueue={isWorkQueue} />

      <section aria-labelledby="results-heading" className="section">
        <div className="results-header">
          <h2 id="results-heading">
            {t('register.results')} <span className="results-header__count">({t('register.found', { count: total })})</span>
          </h2>
          <div className="results-header__exports" role="group" aria-label={t('register.export.label')}>
            <a className="button button--secondary" href={exportUrl('xlsx', query, query.sort)} download>
              {t('register.export.xlsx')}
            </a>
            <a className="button button--secondary" href={exportUrl('csv', query, query.sort)} download>
              {t('register.export.csv')}
            </a>
          </div>
        </div>
        {list.isError ? <Message tone="error">{describeError(list.error, t)}</Message> : null}
        <ProcurementTable
          label={isWorkQueue ? t('workQueue.tableLabel') : t('register.tableLabel')}
          items={list.data?.items ?? []}
          sort={query.sort}
          onSortChange={(sort) => update({ sort }, { resetPage: true })}
          isLoading={list.isPending || list.isFetching}
        />
        <div className="results-footer">
          <Pagination
            label={t('pagination.label')}
            page={query.page}
            pageSize={query.pageSize}
            total={total}
            onPageChange={(page) => update({ page }, { resetPage: false })}
          />
          <SelectField
            className="field--inline"
            label={t('pagination.pageSize')}
            value={String(query.pageSize)}
            onChange={(value) => update({ pageSize: Number(value ?? 25) }, { resetPage: true })}
            options={pageSizes.map((size) => ({ id: String(size), label: String(size) }))}
          />
        </div>
      </section>

      {canImportProcurements ? <ImportDialog isOpen={isImportOpen} onOpenChange={setImportOpen} /> : null}
    </div>
  );
}

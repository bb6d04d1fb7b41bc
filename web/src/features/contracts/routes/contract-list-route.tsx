import { useEffect, useRef } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { Pagination } from '../../../components/ui/pagination';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { useAnnounce } from '../../../lib/announcer';
import { formatDate } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { useSession } from '../../../lib/session';
import { useDebouncedFilter } from '../../../lib/use-debounced-filter';
import { contractCapabilitiesOf } from '../api/contract-rights';
import { contractStateOf, useContractList } from '../api/contracts-api';
import { ContractStatusBadge } from '../components/contract-badges';
import { NoAccess } from '../components/no-access';
import { todayIso } from '../components/today';
import { CONTRACT_PAGE_SIZES, useContractListUrlState } from '../components/use-contract-list-url-state';

const ALL = 'all';

/** The organisation's contracts (a procurer's server answer holds their own units' only). */
export function ContractListRoute() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const { canReadContracts } = contractCapabilitiesOf(me);
  const announce = useAnnounce();
  const { query, update, hasFilters, clear } = useContractListUrlState();
  const list = useContractList(query, canReadContracts);
  const [q, setQ] = useDebouncedFilter(query.q, (value) => update({ q: value }, { replace: true }));
  const title = t('contracts.list.title');
  const today = todayIso();

  const announced = useRef<string | null>(null);
  useEffect(() => {
    if (!list.data || list.isPlaceholderData) return;
    const key = `${JSON.stringify(query)}|${list.data.total}`;
    if (announced.current !== null && announced.current !== key) announce(t('contracts.list.found', { count: list.data.total }));
    announced.current = key;
  }, [list.data, list.isPlaceholderData, query, announce, t]);

  if (!canReadContracts) return <NoAccess title={title} message={t('contracts.rights.noContracts')} />;

  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const procurementFilter = query.procurementId ? items[0]?.procurement : undefined;

  return (
    <div className="page page--wide">
      <div className="page-header">
        <PageHeading title={title}>{title}</PageHeading>
      </div>
      <p className="lead">{t('contracts.list.intro')}</p>

      <section className="filters" aria-labelledby="contract-filters-heading">
        <h2 id="contract-filters-heading" className="filters__heading">
          {t('contracts.list.filters')}
        </h2>
        <div className="filters__grid" role="search" aria-labelledby="contract-filters-heading">
          <TextField label={t('contracts.list.supplierFilter')} description={t('contracts.list.supplierFilterHint')} type="search" name="q" value={q} onChange={setQ} />
          <SelectField
            label={t('contracts.list.statusFilter')}
            value={query.active ? 'true' : ALL}
            onChange={(value) => update({ active: value === 'true' ? 'true' : '' })}
            options={[
              { id: ALL, label: t('contracts.list.allStatuses') },
              { id: 'true', label: t('contracts.list.onlyActive') },
            ]}
          />
        </div>
        {query.procurementId ? (
          <p>
            {t('contracts.list.procurementFilter', { title: procurementFilter ? `${procurementFilter.referenceNumber} ${procurementFilter.title}` : query.procurementId })}{' '}
          </p>
        ) : null}
        {hasFilters ? (
          <div className="button-row">
            <Button variant="quiet" onPress={clear}>
              {t('contracts.list.clearFilters')}
            </Button>
          </div>
        ) : null}
      </section>

      <section aria-labelledby="contract-results-heading" className="section">
        <h2 id="contract-results-heading">
          {t('contracts.list.results')} <span className="results-header__count">({t('contracts.list.found', { count: total })})</span>
        </h2>
        {list.isError ? <Message tone="error">{describeError(list.error, t)}</Message> : null}
        <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="contract-results-caption">
          <table className="table" aria-busy={list.isFetching}>
            <caption id="contract-results-caption" className="visually-hidden">{t('contracts.list.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('contracts.fields.referenceNumber')}</th>
                <th scope="col">{t('contracts.fields.supplier')}</th>
                <th scope="col">{t('contracts.fields.procurement')}</th>
                <th scope="col">{t('contracts.fields.status')}</th>
                <th scope="col">{t('contracts.fields.startsOn')}</th>
                <th scope="col">{t('contracts.fields.endsOn')}</th>
                <th scope="col">{t('contracts.list.openDeviations')}</th>
              </tr>
            </thead>
            <tbody>
              {items.length === 0 ? (
                <tr>
                  <td colSpan={7}>{list.isPending ? t('common.loading') : t('contracts.list.empty')}</td>
                </tr>
              ) : (
                items.map((c) => (
                  <tr key={c.id}>
                    <th scope="row">
                      <Link href={`/contracts/${c.id}`}>{c.referenceNumber}</Link>
                    </th>
                    <td>
                      {c.supplier.name}
                      <span className="table__sub code">{c.supplier.organisationNumber ?? `${c.supplier.country} ${c.supplier.nationalId}`}</span>
                    </td>
                    <td>
                      {c.procurement.title}
                      <span className="table__sub code">{c.procurement.referenceNumber}</span>
                    </td>
                    <td>
                      <ContractStatusBadge status={contractStateOf(c, today)} />
                    </td>
                    <td>{formatDate(c.startsOn, i18n.language)}</td>
                    <td>{formatDate(c.endsOn, i18n.language)}</td>
                    <td className="table__number">{c.openDeviations}</td>
                  </tr>
                ))
              )}
            </tbody>
          </table>
        </div>
        <div className="results-footer">
          <Pagination label={t('pagination.label')} page={query.page} pageSize={query.pageSize} total={total} onPageChange={(page) => update({ page }, { resetPage: false })} />
          <SelectField
            className="field--inline"
            label={t('pagination.pageSize')}
            value={String(query.pageSize)}
            onChange={(value) => update({ pageSize: Number(value ?? 25) })}
            options={CONTRACT_PAGE_SIZES.map((size) => ({ id: String(size), label: String(size) }))}
          />
        </div>
      </section>
    </div>
  );
}

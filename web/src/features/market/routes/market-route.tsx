import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { CONTRACT_NATURES } from '../../../../../src/domain/procurement/procurement.js';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { Pagination } from '../../../components/ui/pagination';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { isCpvDivisionInput, useDebouncedFilter } from '../../../lib/use-debounced-filter';
import { formatDate, formatNumber, formatShare } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { capabilitiesOf, useSession } from '../../../lib/session';
import { GROUP_BY, useMarketNotices, usePeerComparison, useSocialConsiderations, type GroupBy, type MarketFilters, type MarketRow } from '../api/market-api';
import '../market.css';

const ALL = 'all';
const PAGE_SIZE = 25;
const SOCIAL = ['any', 'employment', 'none'] as const;


/** A share as text with a bar beside it; the bar is decoration, the text carries the value. */
function ShareBar({ share, isOwn = false }: { share: number; isOwn?: boolean }) {
  const { i18n } = useTranslation();
  return (
    <span className="bar-cell">
      <span className={`bar-cell__bar${isOwn ? ' bar-cell__bar--own' : ''}`} style={{ width: `${Math.max(2, Math.round(share * 120))}px` }} aria-hidden="true" />
      <span>{formatShare(share, i18n.language)}</span>
    </span>
  );
}

/** The filter a group's key sets when drilling down (socialCode has none: it lists social notices). */
const DRILL: Partial<Record<GroupBy, keyof MarketFilters>> = { year: 'year', country: 'country', buyer: 'buyer', contractNature: 'contractNature', cpvDivision: 'cpvDivision' };

/** Marknadsbild: social considerations in published eForms notices, grouped, compared, drilled down. */
export function MarketRoute() {
  const { t, i18n } = useTranslation();
  const me = useSession();
  const { canImportNotices, canReadMarket } = capabilitiesOf(me);
  const [params, setParams] = useSearchParams();
  const filters: MarketFilters = useMemo(
    () => ({
      year: params.get('year') ?? '',
      country: params.get('country') ?? '',
      buyer: params.get('buyer') ?? '',
      contractNature: params.get('contractNature') ?? '',
      cpvDivision: params.get('cpvDivision') ?? '',
    }),
    [params],
  );
  const groupParam = params.get('groupBy');
  const groupBy: GroupBy = (GROUP_BY as readonly string[]).includes(groupParam ?? '') ? (groupParam as GroupBy) : 'year';
  const social = SOCIAL.includes(params.get('social') as (typeof SOCIAL)[number]) ? (params.get('social') as string) : '';
  const page = Math.max(1, Number(params.get('page') ?? '1') || 1);
  const showNotices = params.get('notices') === '1';

  const aggregates = useSocialConsiderations(filters, groupBy);
  const notices = useMarketNotices(filters, social, page, PAGE_SIZE);
  const peers = usePeerComparison(filters.year);
  const n = (v: number | undefined) => formatNumber(v ?? 0, i18n.language);

  const update = (changes: Record<string, string>, resetPage = true, replace = false) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        for (const [key, value] of Object.entries(changes)) {
          if (value === '' || value === ALL) next.delete(key);
          else next.set(key, value);
        }
        if (resetPage) next.delete('page');
        return next;
      },
      { replace },
    );

  const drillDown = (row: MarketRow) => {
    const filter = DRILL[groupBy];
    update({ ...(filter ? { [filter]: row.key } : {}), social: groupBy === 'socialCode' ? 'any' : social, notices: '1' });
    window.setTimeout(() => document.getElementById('notices-heading')?.focus(), 50);
  };
  const rowLabel = (row: MarketRow) => {
    if (groupBy === 'contractNature') return t(`contractNature.${row.key}`, { defaultValue: row.label ?? row.key });
    if (groupBy === 'socialCode') {
      // Keys are "<business term>:<code>", e.g. "BT-775:opp".
      const [term, code] = row.key.split(':');
      return code && term ? `${t(`market.socialCodes.${code}`, { defaultValue: row.label ?? code })} (${term} ${code})` : (row.label ?? row.key);
    }
    return row.label ?? row.key;
  };

  const [country, setCountry] = useDebouncedFilter(filters.country, (v) => update({ country: v }, true, true), (v) => v === '' || /^[A-Za-z]{2,3}$/.test(v));
  const [buyer, setBuyer] = useDebouncedFilter(filters.buyer, (v) => update({ buyer: v }, true, true));
  const [cpvDivision, setCpvDivision] = useDebouncedFilter(filters.cpvDivision, (v) => update({ cpvDivision: v }, true, true), isCpvDivisionInput);

  const thisYear = new Date().getFullYear();
  const years = Array.from({ length: 8 }, (_, i) => String(thisYear - i));
  if (filters.year && !years.includes(filters.year)) years.unshift(filters.year);

  if (!canReadMarket) {
    // One clear message, no filters (issue 11 item 6).
    return (
      <div className="page">
        <PageHeading title={t('market.title')}>{t('market.title')}</PageHeading>
        <Message tone="info" live={false}>
          {t('market.notAllowed')}
        </Message>
      </div>
    );
  }

  return (
    <div className="page page--wide">
      <div className="page-header">
        <PageHeading title={t('market.title')}>{t('market.title')}</PageHeading>
        {canImportNotices ? (
          <div className="page-header__actions">
            <Link href="/market/import" variant="primary">
              {t('market.import')}
            </Link>
          </div>
        ) : null}
      </div>
      <p className="lead">{t('market.intro')}</p>

      <section className="filters" aria-labelledby="market-filters-heading">
        <h2 id="market-filters-heading" className="filters__heading">
          {t('register.filters.title')}
        </h2>
        <div className="filters__grid" role="search" aria-labelledby="market-filters-heading">
          <SelectField label={t('market.filters.year')} value={filters.year || ALL} onChange={(v) => update({ year: v ?? '' })} options={[{ id: ALL, label: t('register.filters.all') }, ...years.map((y) => ({ id: y, label: y }))]} />
          <TextField label={t('market.filters.country')} description={t('market.filters.countryHint')} name="country" value={country} onChange={setCountry} maxLength={3} size="short" />
          <TextField label={t('market.filters.buyer')} description={t('market.filters.buyerHint')} name="buyer" type="search" value={buyer} onChange={setBuyer} />
          <SelectField
            label={t('register.filters.contractNature')}
            value={filters.contractNature || ALL}
            onChange={(v) => update({ contractNature: v ?? '' })}
            options={[{ id: ALL, label: t('register.filters.all') }, ...CONTRACT_NATURES.map((c) => ({ id: c, label: t(`contractNature.${c}`) }))]}
          />
          <TextField label={t('register.filters.cpvDivision')} description={t('register.filters.cpvDivisionHint')} name="cpvDivision" value={cpvDivision} onChange={setCpvDivision} inputMode="numeric" maxLength={2} size="short" />
          <SelectField label={t('market.groupBy')} value={groupBy} onChange={(v) => update({ groupBy: v === 'year' ? '' : (v ?? '') }, false)} options={GROUP_BY.map((g) => ({ id: g, label: t(`market.groups.${g}`) }))} />
        </div>
      </section>

      <section aria-labelledby="aggregates-heading" className="section" aria-busy={aggregates.isFetching}>
        <h2 id="aggregates-heading">{t('market.byGroup', { group: t(`market.groups.${groupBy}`).toLowerCase() })}</h2>
        {aggregates.isError ? <Message tone="error">{describeError(aggregates.error, t)}</Message> : null}
        {aggregates.isPending ? <p role="status">{t('common.loading')}</p> : null}
        {aggregates.data && aggregates.data.rows.length === 0 ? (
          <p>
            {t('market.empty')} {canImportNotices ? <Link href="/market/import">{t('market.import')}</Link> : null}
          </p>
        ) : null}
        {aggregates.data && aggregates.data.rows.length > 0 ? (
          <>
            <p>
              {t('market.totals', {
                count: aggregates.data.totals.notices,
                notices: n(aggregates.data.totals.notices),
                social: n(aggregates.data.totals.noticesWithSocial),
                share: formatShare(aggregates.data.totals.share, i18n.language),
              })}
            </p>
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.tableRegion', { name: t('market.byGroup', { group: t(`market.groups.${groupBy}`).toLowerCase() }) })}>
              <table className="table table--numbers">
                <caption className="visually-hidden">{t('market.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t(`market.groups.${groupBy}`)}</th>
                    <th scope="col">{t('market.columns.notices')}</th>
                    <th scope="col">{t('market.columns.withSocial')}</th>
                    <th scope="col">{t('market.columns.withEmployment')}</th>
                    <th scope="col">{groupBy === 'socialCode' ? t('market.columns.shareOfAll') : t('market.columns.share')}</th>
                    <th scope="col">{t('common.actions')}</th>
                  </tr>
                </thead>
                <tbody>
                  {aggregates.data.rows.map((row) => (
                    <tr key={row.key}>
                      <th scope="row">{rowLabel(row)}</th>
                      <td>{n(row.notices)}</td>
                      <td>{n(row.noticesWithSocial)}</td>
                      <td>{n(row.noticesWithEmployment)}</td>
                      <td>
                        <ShareBar share={row.share} />
                      </td>
                      <td>
                        <Button variant="quiet" onPress={() => drillDown(row)} aria-label={t('market.showNoticesFor', { group: rowLabel(row) })}>
                          {t('market.showNotices')}
                        </Button>
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </section>

      <section aria-labelledby="peers-heading" className="section">
        <h2 id="peers-heading">{t('market.peers.title')}</h2>
        {peers.isError ? <Message tone="info" live={false}>{describeError(peers.error, t)}</Message> : null}
        {peers.data ? (
          <>
            <p>{t('market.peers.definition', { min: peers.data.comparable.minNotices, max: peers.data.comparable.maxNotices, country: peers.data.country })}</p>
            {peers.data.register ? (
              <p>
                {t('market.peers.register', {
                  with: n(peers.data.register.withSocialConsiderations),
                  decided: n(peers.data.register.decided),
                  share: formatShare(peers.data.register.share, i18n.language),
                })}
              </p>
            ) : null}
            <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.tableRegion', { name: t('market.peers.title') })}>
              <table className="table table--numbers">
                <caption className="visually-hidden">{t('market.peers.caption')}</caption>
                <thead>
                  <tr>
                    <th scope="col">{t('market.peers.buyer')}</th>
                    <th scope="col">{t('market.columns.notices')}</th>
                    <th scope="col">{t('market.columns.withSocial')}</th>
                    <th scope="col">{t('market.columns.share')}</th>
                  </tr>
                </thead>
                <tbody>
                  <tr>
                    <th scope="row">
                      {me.organisation.name} <Badge tone="info">{t('market.peers.own')}</Badge>
                    </th>
                    <td>{n(peers.data.own.notices)}</td>
                    <td>{n(peers.data.own.noticesWithSocial)}</td>
                    <td>
                      <ShareBar share={peers.data.own.share} isOwn />
                    </td>
                  </tr>
                  <tr>
                    <th scope="row">{t('market.peers.median', { count: peers.data.peers.count })}</th>
                    <td>{n(peers.data.peers.notices)}</td>
                    <td>–</td>
                    <td>
                      <ShareBar share={peers.data.peers.medianShare} />
                    </td>
                  </tr>
                  {peers.data.peers.buyers.map((b) => (
                    <tr key={b.key}>
                      <th scope="row">{b.name ?? b.key}</th>
                      <td>{n(b.notices)}</td>
                      <td>{n(b.noticesWithSocial)}</td>
                      <td>
                        <ShareBar share={b.share} />
                      </td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </>
        ) : null}
      </section>

      <section aria-labelledby="notices-heading" className="section" aria-busy={notices.isFetching}>
        <h2 id="notices-heading" tabIndex={-1}>
          {t('market.notices.title')} <span className="results-header__count">({t('market.notices.found', { count: notices.data?.total ?? 0 })})</span>
        </h2>
        <div className="inline-form">
          <SelectField
            label={t('market.notices.social')}
            value={social || ALL}
            onChange={(v) => update({ social: v ?? '', notices: '1' })}
            options={[{ id: ALL, label: t('register.filters.all') }, ...SOCIAL.map((s) => ({ id: s, label: t(`market.notices.socialOptions.${s}`) }))]}
          />
          {!showNotices ? <Button onPress={() => update({ notices: '1' }, false)}>{t('market.notices.show')}</Button> : null}
        </div>
        {notices.isError ? <Message tone="error">{describeError(notices.error, t)}</Message> : null}
        {showNotices && notices.data ? (
          notices.data.items.length === 0 ? (
            <p>{t('market.notices.empty')}</p>
          ) : (
            <>
              <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.tableRegion', { name: t('market.notices.title') })}>
                <table className="table">
                  <caption className="visually-hidden">{t('market.notices.caption')}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t('market.notices.titleColumn')}</th>
                      <th scope="col">{t('market.notices.buyer')}</th>
                      <th scope="col">{t('market.notices.date')}</th>
                      <th scope="col">CPV</th>
                      <th scope="col">{t('market.notices.socialColumn')}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {notices.data.items.map((item) => (
                      <tr key={item.noticeId}>
                        <th scope="row">
                          <Link href={`/market/notices/${encodeURIComponent(item.noticeId)}`}>{item.title ?? item.noticeId}</Link>
                          <span className="table__sub">{item.contractNature ? t(`contractNature.${item.contractNature}`, { defaultValue: item.contractNature }) : ''}</span>
                        </th>
                        <td>
                          {item.buyerName ?? '–'} {item.buyerCountry ? <span className="code">({item.buyerCountry})</span> : null}
                        </td>
                        <td>{formatDate(item.issueDate, i18n.language)}</td>
                        <td className="code">{item.mainCpv ?? '–'}</td>
                        <td>
                          {item.hasEmployment ? (
                            <Badge tone="positive">{t('market.badges.employment')}</Badge>
                          ) : item.hasSocial ? (
                            <Badge tone="info">{t('market.badges.social')}</Badge>
                          ) : (
                            <Badge tone="neutral">{t('market.badges.none')}</Badge>
                          )}
                          {item.socialCodes.length > 0 ? <span className="table__sub code">{item.socialCodes.join(', ')}</span> : null}
                        </td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
              <Pagination label={t('market.notices.pagination')} page={page} pageSize={PAGE_SIZE} total={notices.data.total} onPageChange={(p) => update({ page: String(p), notices: '1' }, false)} />
            </>
          )
        ) : null}
      </section>
    </div>
  );
}

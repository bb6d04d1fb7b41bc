import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { Pagination } from '../../../components/ui/pagination';
import { TextField } from '../../../components/ui/text-field';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { useSession } from '../../../lib/session';
import { matchingCapabilitiesOf, PARTICIPANT_PAGE_SIZE as PAGE_SIZE, useParticipantList } from '../api/matching-api';
import '../matching.css';

/** Labour-market officers' participant list: search by name, reference or identity number. */
export function ParticipantListRoute() {
  const { t } = useTranslation();
  const me = useSession();
  const { canReadParticipants, canManageParticipants } = matchingCapabilitiesOf(me);
  const [draft, setDraft] = useState('');
  const [q, setQ] = useState('');
  const [page, setPage] = useState(1);
  const list = useParticipantList(q, page, canReadParticipants);
  const title = t('matching.participants.title');
  if (!canReadParticipants) {
    return (
      <div className="page">
        <PageHeading title={title}>{title}</PageHeading>
        <Message tone="info" live={false}>
          {t('matching.noAccess')}
        </Message>
      </div>
    );
  }
  const items = list.data?.items ?? [];
  const total = list.data?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PAGE_SIZE));
  return (
    <div className="page page--wide">
      <PageHeading title={title}>{title}</PageHeading>
      <p className="lead">{t('matching.participants.intro')}</p>
      {canManageParticipants ? (
        <p className="matching-actions">
          <Link variant="primary" href="/participants/new">
            {t('matching.participants.new')}
          </Link>
        </p>
      ) : null}
      <form
        role="search"
        aria-label={t('matching.participants.searchLabel')}
        className="matching-search"
        onSubmit={(e) => {
          e.preventDefault();
          setPage(1);
          setQ(draft);
        }}
      >
        <TextField label={t('matching.participants.search')} description={t('matching.participants.searchHint')} type="search" name="q" value={draft} onChange={setDraft} />
        <Button type="submit" variant="primary">
          {t('matching.participants.searchButton')}
        </Button>
      </form>
      {list.isError ? <Message tone="error">{describeError(list.error, t)}</Message> : null}
      <section aria-labelledby="participants-results" className="section">
        <h2 id="participants-results">{t('matching.participants.results', { count: total })}</h2>
        {list.isPending ? <p role="status">{t('common.loading')}</p> : null}
        {items.length > 0 ? (
          <div className="table-scroll" tabIndex={0} role="region" aria-labelledby="participants-caption">
            <table className="table">
              <caption id="participants-caption" className="visually-hidden">
                {t('matching.participants.caption')}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t('matching.participants.columns.name')}</th>
                  <th scope="col">{t('matching.participants.columns.reference')}</th>
                  <th scope="col">{t('matching.participants.columns.number')}</th>
                  <th scope="col">{t('matching.participants.columns.district')}</th>
                  <th scope="col">{t('matching.participants.columns.sharing')}</th>
                </tr>
              </thead>
              <tbody>
                {items.map((p) => (
                  <tr key={p.id}>
                    <th scope="row">
                      <Link href={`/participants/${p.id}`}>{p.erased ? t('matching.participants.erased') : `${p.familyName ?? ''}, ${p.givenName ?? ''}`}</Link>
                    </th>
                    <td>{p.reference}</td>
                    <td>{p.personalIdentityNumber ?? '–'}</td>
                    <td>{p.districtCode ? t(`matching.districts.${p.districtCode}`, { defaultValue: p.districtCode }) : '–'}</td>
                    <td>{p.sharesProfile ? t('matching.yes') : t('matching.no')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : list.data ? (
          <p>{t('matching.participants.empty')}</p>
        ) : null}
        {pages > 1 ? (
          <Pagination label={t('matching.participants.paging')} page={page} pageSize={PAGE_SIZE} total={total} onPageChange={setPage} />
        ) : null}
      </section>
    </div>
  );
}

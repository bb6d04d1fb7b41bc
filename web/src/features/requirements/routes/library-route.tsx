import { useTranslation } from 'react-i18next';
import { useSearchParams } from 'react-router';
import { REQUIREMENT_LEVELS, REQUIREMENT_TYPES } from '../../../../../src/domain/requirements/requirement-template.js';
import { Badge } from '../../../components/ui/badge';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { SelectField } from '../../../components/ui/select-field';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { useTemplates, type TemplateListQuery } from '../api/requirements-api';

const ALL = 'all';
const SCOPES = ['all', 'own', 'shared'] as const;

/** Kravbibliotek: own templates and other organisations' shared ones, filtered by type and level. */
export function LibraryRoute() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const [params, setParams] = useSearchParams();
  const scopeParam = params.get('scope');
  const query: TemplateListQuery = {
    scope: SCOPES.includes(scopeParam as (typeof SCOPES)[number]) ? (scopeParam as TemplateListQuery['scope']) : 'own',
    type: params.get('type') ?? undefined,
    level: params.get('level') ?? undefined,
  };
  const templates = useTemplates(query);
  const set = (key: string, value: string | null) =>
    setParams(
      (current) => {
        const next = new URLSearchParams(current);
        if (value === null || value === ALL) next.delete(key);
        else next.set(key, value);
        return next;
      },
      { replace: true },
    );

  return (
    <>
      <PageHeading title={t('library.title')}>{t('library.title')}</PageHeading>
      <p className="lead">{t('library.intro')}</p>
      <section className="filters" aria-labelledby="library-filters-heading">
        <h2 id="library-filters-heading" className="filters__heading">
          {t('register.filters.title')}
        </h2>
        <div className="filters__grid" role="search" aria-labelledby="library-filters-heading">
          <SelectField label={t('library.filters.scope')} value={query.scope} onChange={(v) => set('scope', v === 'own' ? null : v)} options={SCOPES.map((s) => ({ id: s, label: t(`library.scopes.${s}`) }))} />
          <SelectField
            label={t('library.filters.type')}
            value={query.type ?? ALL}
            onChange={(v) => set('type', v)}
            options={[{ id: ALL, label: t('library.filters.all') }, ...REQUIREMENT_TYPES.map((type) => ({ id: type, label: t(`library.types.${type}`) }))]}
          />
          <SelectField
            label={t('library.filters.level')}
            value={query.level ?? ALL}
            onChange={(v) => set('level', v)}
            options={[{ id: ALL, label: t('library.filters.all') }, ...REQUIREMENT_LEVELS.map((level) => ({ id: level, label: t(`library.levels.${level}`) }))]}
          />
        </div>
      </section>

      <section aria-labelledby="templates-heading" className="section">
        <h2 id="templates-heading">
          {t('library.templates')} <span className="results-header__count">({t('library.count', { count: templates.data?.total ?? 0 })})</span>
        </h2>
        {templates.isError ? <Message tone="error">{describeError(templates.error, t)}</Message> : null}
        {templates.isPending ? (
          <p role="status">{t('common.loading')}</p>
        ) : templates.data && templates.data.items.length === 0 ? (
          <p>{t('library.empty')}</p>
        ) : templates.data ? (
          <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.tableRegion', { name: t('library.templates') })}>
            <table className="table">
              <caption className="visually-hidden">{t('library.caption')}</caption>
              <thead>
                <tr>
                  <th scope="col">{t('library.columns.title')}</th>
                  <th scope="col">{t('library.columns.type')}</th>
                  <th scope="col">{t('library.columns.level')}</th>
                  <th scope="col">{t('library.columns.organisation')}</th>
                  <th scope="col">{t('library.columns.version')}</th>
                  <th scope="col">{t('library.columns.shared')}</th>
                </tr>
              </thead>
              <tbody>
                {templates.data.items.map((tpl) => (
                  <tr key={tpl.id}>
                    <th scope="row">
                      <Link href={`/library/${tpl.id}`}>{tpl.title[lang]}</Link>
                      <span className="table__sub code">{tpl.key}</span>
                    </th>
                    <td>{t(`library.types.${tpl.type}`)}</td>
                    <td>{t(`library.levels.${tpl.level}`)}</td>
                    <td>{tpl.organisation.name}</td>
                    <td>
                      {tpl.publishedVersion ? <Badge tone="positive">{t('library.publishedVersion', { version: tpl.publishedVersion.version })}</Badge> : null}{' '}
                      {tpl.hasDraft ? <Badge tone="attention">{t('library.draftVersion', { version: tpl.latestVersion.version })}</Badge> : null}
                    </td>
                    <td>{tpl.shared ? t('library.sharedYes') : t('library.sharedNo')}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        ) : null}
      </section>
    </>
  );
}

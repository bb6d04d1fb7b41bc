import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { can } from '../../../../../src/domain/access/can.js';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { isApiError } from '../../../lib/api-client';
import { useAnnounce } from '../../../lib/announcer';
import { formatDateTime } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { actorOf, useSession } from '../../../lib/session';
import { useCopyTemplate, usePublish, useShare, useTemplate, type TemplateDetail } from '../api/requirements-api';
import { TemplateEditor } from '../components/template-editor';
import { TemplatePreview } from '../components/template-preview';

/** One template: its versions, the content of the newest, editing, publishing, sharing, copying. */
export function TemplateRoute() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const template = useTemplate(id);
  if (template.isPending) {
    return (
      <>
        <PageHeading title={t('library.loading')}>{t('library.loading')}</PageHeading>
        <p role="status">{t('common.loading')}</p>
      </>
    );
  }
  if (template.isError) {
    const notFound = isApiError(template.error, 404) || isApiError(template.error, 400);
    const title = notFound ? t('library.notFound') : t('library.loading');
    return (
      <>
        <PageHeading title={title}>{title}</PageHeading>
        <Message tone="error">{describeError(template.error, t)}</Message>
        <p>
          <Link href="/library">{t('library.back')}</Link>
        </p>
      </>
    );
  }
  return <TemplateView template={template.data} />;
}

function TemplateView({ template: tpl }: { template: TemplateDetail }) {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const announce = useAnnounce();
  const navigate = useNavigate();
  const me = useSession();
  const canManage = can(actorOf(me), 'template:manage', { organisationId: me.organisation.id });
  const publish = usePublish(tpl.id);
  const share = useShare(tpl.id);
  const copy = useCopyTemplate(tpl.id);
  const [isEditing, setEditing] = useState(false);
  const [isPublishOpen, setPublishOpen] = useState(false);
  const latest = tpl.versions[tpl.versions.length - 1];
  const draft = latest?.status === 'draft' ? latest : undefined;
  const canEdit = canManage && tpl.isOwn && tpl.canEdit;
  const error = publish.error ?? share.error ?? copy.error;

  return (
    <>
      <p className="breadcrumb">
        <Link href="/library">{t('library.back')}</Link>
      </p>
      <div className="page-header">
        <div>
          <PageHeading title={tpl.title[lang]}>{tpl.title[lang]}</PageHeading>
          <p className="page-header__meta">
            <span className="code">{tpl.key}</span>
            <Badge tone="info">{t(`library.types.${tpl.type}`)}</Badge>
            <Badge tone="neutral">{t(`library.levels.${tpl.level}`)}</Badge>
            <span>{tpl.organisation.name}</span>
            {tpl.shared ? <Badge tone="positive">{t('library.sharedBadge')}</Badge> : null}
          </p>
        </div>
        <div className="page-header__actions">
          {canEdit && !isEditing ? (
            <Button variant="primary" onPress={() => setEditing(true)}>
              {draft ? t('library.actions.editDraft') : t('library.actions.newDraft')}
            </Button>
          ) : null}
          {canEdit && draft && !isEditing ? <Button onPress={() => setPublishOpen(true)}>{t('library.actions.publish')}</Button> : null}
          {canManage && tpl.isOwn && tpl.publishedVersion ? (
            <Button
              onPress={() => share.mutate(!tpl.shared, { onSuccess: (d) => announce(d.shared ? t('library.shared') : t('library.unshared')) })}
              isPending={share.isPending}
            >
              {tpl.shared ? t('library.actions.unshare') : t('library.actions.share')}
            </Button>
          ) : null}
          {canManage && !tpl.isOwn ? (
            <Button
              variant="primary"
              isPending={copy.isPending}
              onPress={() =>
                copy.mutate(undefined, {
                  onSuccess: (created) => {
                    announce(t('library.copied'));
                    void navigate(`/library/${created.id}`);
                  },
                })
              }
            >
              {t('library.actions.copy')}
            </Button>
          ) : null}
        </div>
      </div>
      {error ? <Message tone="error">{describeError(error, t)}</Message> : null}
      {!tpl.isOwn ? (
        <Message tone="info" live={false}>
          {t('library.othersTemplate', { organisation: tpl.organisation.name })}
        </Message>
      ) : null}
      {draft && draft.problems.length > 0 ? (
        <Message tone="warning" title={t('library.problems')} live={false}>
          <ul>
            {draft.problems.map((p) => (
              <li key={`${p.code}-${p.subject ?? ''}`}>{p.message[lang]}</li>
            ))}
          </ul>
        </Message>
      ) : null}

      {isEditing && latest ? (
        <TemplateEditor templateId={tpl.id} initial={latest.content} onDone={() => setEditing(false)} />
      ) : latest ? (
        <>
          <section aria-labelledby="guidance-heading" className="section">
            <h2 id="guidance-heading">{t('library.fields.guidance')}</h2>
            <p className="prewrap">{latest.content.guidance[lang]}</p>
            <h3>{t('library.fields.legalBasis')}</h3>
            <p className="prewrap">{latest.content.legalBasis[lang]}</p>
          </section>
          <TemplatePreview content={latest.content} />
        </>
      ) : null}

      <section aria-labelledby="versions-heading" className="section">
        <h2 id="versions-heading">{t('library.versions')}</h2>
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('common.tableRegion', { name: t('library.versions') })}>
          <table className="table">
            <caption className="visually-hidden">{t('library.versionsCaption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('library.columns.version')}</th>
                <th scope="col">{t('library.columns.status')}</th>
                <th scope="col">{t('library.columns.created')}</th>
                <th scope="col">{t('library.columns.published')}</th>
              </tr>
            </thead>
            <tbody>
              {[...tpl.versions].reverse().map((v) => (
                <tr key={v.id}>
                  <th scope="row">{v.version}</th>
                  <td>
                    <Badge tone={v.status === 'published' ? 'positive' : 'attention'}>{t(`library.versionStatus.${v.status}`)}</Badge>
                  </td>
                  <td>{formatDateTime(v.createdAt, i18n.language)}</td>
                  <td>{formatDateTime(v.publishedAt, i18n.language)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>

      <ConfirmDialog
        isOpen={isPublishOpen}
        onOpenChange={setPublishOpen}
        title={t('library.publishTitle')}
        message={t('library.publishConfirm', { version: draft?.version ?? '' })}
        confirmLabel={t('library.actions.publish')}
        isPending={publish.isPending}
        onConfirm={() =>
          publish.mutate(undefined, {
            onSuccess: () => announce(t('library.published', { version: draft?.version ?? '' })),
            onSettled: () => setPublishOpen(false),
          })
        }
      />
    </>
  );
}

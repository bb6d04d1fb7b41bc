import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { isApiError } from '../../../lib/api-client';
import { useAnnounce } from '../../../lib/announcer';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { useProcurement, useUpdateProcurement } from '../api/procurements-api';
import { formStateOf } from '../components/procurement-form-state';
import { ProcurementForm } from '../components/procurement-form';

const isStale = (error: unknown) => isApiError(error, 409) && error.code === 'stale_version';

export function ProcurementEditRoute() {
  const { id = '' } = useParams();
  const { t } = useTranslation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const procurement = useProcurement(id);
  const update = useUpdateProcurement(id);
  const [isStaleVersion, setStaleVersion] = useState(false);
  // Remounts the form with fresh data after "load the latest version".
  const [formGeneration, setFormGeneration] = useState(0);

  if (procurement.isPending || procurement.isError) {
    const title = t('form.editTitleLoading');
    return (
      <div className="page">
        <PageHeading title={title}>{title}</PageHeading>
        {procurement.isError ? <Message tone="error">{describeError(procurement.error, t)}</Message> : <p role="status">{t('common.loading')}</p>}
      </div>
    );
  }
  const p = procurement.data;
  const title = t('form.editTitle', { title: p.title });

  return (
    <div className="page">
      <p className="breadcrumb">
        <Link href={`/procurements/${p.id}`}>{t('form.backToProcurement')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {!p.canEdit ? (
        <Message tone="info">{t('form.cannotEdit')}</Message>
      ) : (
        <ProcurementForm
          key={`${p.id}-${formGeneration}`}
          initial={formStateOf(p)}
          submitLabel={t('form.save')}
          cancelHref={`/procurements/${p.id}`}
          isHandledError={(error) => {
            if (!isStale(error)) return false;
            setStaleVersion(true);
            announce(t('errors.staleVersion'));
            return true;
          }}
          notice={
            isStaleVersion ? (
              <Message tone="warning" title={t('errors.staleVersionTitle')}>
                <p>{t('errors.staleVersion')}</p>
                <Button
                  onPress={async () => {
                    await procurement.refetch();
                    setStaleVersion(false);
                    setFormGeneration((n) => n + 1);
                  }}
                >
                  {t('errors.loadLatest')}
                </Button>
              </Message>
            ) : null
          }
          onSubmit={async (input) => {
            const saved = await update.mutateAsync({ ...input, version: p.version });
            announce(t('form.saved', { title: saved.title }));
            void navigate(`/procurements/${saved.id}`);
          }}
        />
      )}
    </div>
  );
}

import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Message } from '../../../components/ui/message';
import { useAnnounce } from '../../../lib/announcer';
import { PageHeading } from '../../../lib/page';
import { capabilitiesOf, useSession } from '../../../lib/session';
import { useCreateProcurement } from '../api/procurements-api';
import { emptyFormState } from '../components/procurement-form-state';
import { ProcurementForm } from '../components/procurement-form';

export function ProcurementNewRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const me = useSession();
  const create = useCreateProcurement();
  // A procurer limited to one unit starts with that unit chosen.
  const ownUnits = me.memberships.flatMap((m) => (m.role === 'procurer' && m.unitIds ? m.unitIds : []));
  const [initial] = useState(() => emptyFormState({ unitId: ownUnits.length === 1 ? ownUnits[0] : null }));
  const title = t('form.newTitle');

  return (
    <div className="page">
      <PageHeading title={title}>{title}</PageHeading>
      {capabilitiesOf(me).canCreateProcurement ? (
        <ProcurementForm
          initial={initial}
          submitLabel={t('form.create')}
          cancelHref="/procurements"
          onSubmit={async (input) => {
            const created = await create.mutateAsync(input);
            announce(t('form.created', { title: created.title }));
            void navigate(`/procurements/${created.id}`);
          }}
        />
      ) : (
        <Message tone="info">{t('form.notAllowed')}</Message>
      )}
    </div>
  );
}

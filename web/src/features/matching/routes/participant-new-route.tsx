import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { useAnnounce } from '../../../lib/announcer';
import { PageHeading } from '../../../lib/page';
import { useSession } from '../../../lib/session';
import { matchingCapabilitiesOf, useCreateParticipant } from '../api/matching-api';
import { ParticipantForm } from '../components/participant-form';
import { emptyParticipantState } from '../components/participant-form-state';
import '../matching.css';

/** Registers a participant (labour-market officers): identity and profile in one form. */
export function ParticipantNewRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const me = useSession();
  const create = useCreateParticipant();
  const [initial] = useState(emptyParticipantState);
  const title = t('matching.form.newTitle');
  return (
    <div className="page">
      <p>
        <Link href="/participants">{t('matching.participant.back')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {matchingCapabilitiesOf(me).canManageParticipants ? (
        <ParticipantForm
          initial={initial}
          submitLabel={t('matching.form.create')}
          cancelHref="/participants"
          onSubmit={async (input) => {
            const created = await create.mutateAsync(input);
            announce(t('matching.form.created', { reference: created.reference }));
            void navigate(`/participants/${created.id}`);
          }}
        />
      ) : (
        <Message tone="info" live={false}>
          {t('matching.noAccess')}
        </Message>
      )}
    </div>
  );
}

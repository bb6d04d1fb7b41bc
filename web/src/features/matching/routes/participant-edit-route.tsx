import { useTranslation } from 'react-i18next';
import { useNavigate, useParams } from 'react-router';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { useAnnounce } from '../../../lib/announcer';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { useSession } from '../../../lib/session';
import { matchingCapabilitiesOf, useParticipant, useUpdateParticipant } from '../api/matching-api';
import { ParticipantForm } from '../components/participant-form';
import { participantStateOf } from '../components/participant-form-state';
import '../matching.css';

/** Changes a participant's identity and profile; an erased participant has nothing left to change. */
export function ParticipantEditRoute() {
  const { t } = useTranslation();
  const { id = '' } = useParams();
  const navigate = useNavigate();
  const announce = useAnnounce();
  const me = useSession();
  const { canManageParticipants } = matchingCapabilitiesOf(me);
  const participant = useParticipant(id, canManageParticipants);
  const update = useUpdateParticipant(id);
  const p = participant.data;
  const title = p?.givenName ? t('matching.form.editTitle', { name: `${p.givenName} ${p.familyName}` }) : t('matching.form.editTitleLoading');
  return (
    <div className="page">
      <p>
        <Link href={`/participants/${id}`}>{t('matching.form.backToParticipant')}</Link>
      </p>
      <PageHeading title={title}>{title}</PageHeading>
      {!canManageParticipants ? (
        <Message tone="info" live={false}>
          {t('matching.noAccess')}
        </Message>
      ) : participant.isError ? (
        <Message tone="error">{describeError(participant.error, t)}</Message>
      ) : !p ? (
        <p role="status">{t('common.loading')}</p>
      ) : p.erasedAt ? (
        <Message tone="info" live={false}>
          {t('matching.form.erasedCannotEdit')}
        </Message>
      ) : (
        <ParticipantForm
          key={p.id}
          initial={participantStateOf(p)}
          submitLabel={t('matching.form.save')}
          cancelHref={`/participants/${id}`}
          onSubmit={async (input) => {
            await update.mutateAsync(input);
            announce(t('matching.form.saved'));
            void navigate(`/participants/${id}`);
          }}
        />
      )}
    </div>
  );
}

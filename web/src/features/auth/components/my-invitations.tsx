import { useTranslation } from 'react-i18next';
import { Button } from '../../../components/ui/button';
import { Message } from '../../../components/ui/message';
import { useAnnounce } from '../../../lib/announcer';
import { describeError } from '../../../lib/problems';
import { useAcceptInvitation, useMyInvitations } from '../api/auth-api';

/** Open invitations to my e-mail address, each accepted with one button. */
export function MyInvitations() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const invitations = useMyInvitations();
  const accept = useAcceptInvitation();
  return (
    <section aria-labelledby="my-invitations" className="section">
      <h2 id="my-invitations">{t('account.invitationsTitle')}</h2>
      {accept.isError ? <Message tone="error">{describeError(accept.error, t)}</Message> : null}
      {invitations.data && invitations.data.length === 0 ? <p>{t('account.invitationsNone')}</p> : null}
      <ul className="plain-list">
        {(invitations.data ?? []).map((i) => (
          <li key={i.id} className="button-row">
            <span>{t('account.invitationRow', { organisation: i.organisation.name, role: t(`roles.${i.role}`) })}</span>
            <Button
              variant="primary"
              aria-label={t('account.acceptNamed', { organisation: i.organisation.name })}
              isPending={accept.isPending && accept.variables === i.id}
              onPress={() => accept.mutate(i.id, { onSuccess: () => announce(t('account.accepted', { organisation: i.organisation.name })) })}
            >
              {t('account.accept')}
            </Button>
          </li>
        ))}
      </ul>
    </section>
  );
}

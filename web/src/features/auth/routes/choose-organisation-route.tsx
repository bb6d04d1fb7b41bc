import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Message } from '../../../components/ui/message';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { useChooseOrganisation, type MeAnswer } from '../../../lib/session';
import { MyInvitations } from '../components/my-invitations';

/** After signing in with several memberships (or none chosen): the person chooses; there is no default. */
export function ChooseOrganisationRoute({ me }: { me: MeAnswer }) {
  const { t } = useTranslation();
  const choose = useChooseOrganisation();
  const navigate = useNavigate();
  const [error, setError] = useState<unknown>(null);
  const [pending, setPending] = useState<string | null>(null);
  return (
    <div className="page page--narrow">
      <PageHeading title={t('account.chooseTitle')}>{t('account.chooseTitle')}</PageHeading>
      <p className="lead">{me.organisations.length > 0 ? t('account.chooseIntro') : t('account.chooseNone')}</p>
      {error ? <Message tone="error">{describeError(error, t)}</Message> : null}
      <ul className="plain-list">
        {me.organisations.map((o) => (
          <li key={o.id}>
            <Button
              variant="primary"
              aria-label={t('account.chooseNamed', { name: o.name })}
              isPending={pending === o.slug}
              onPress={() => {
                setPending(o.slug);
                setError(null);
                choose(o.slug)
                  .then(() => navigate('/', { replace: true }))
                  .catch(setError)
                  .finally(() => setPending(null));
              }}
            >
              {o.name}
            </Button>
          </li>
        ))}
      </ul>
      <MyInvitations />
    </div>
  );
}

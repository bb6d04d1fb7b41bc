import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import { Button } from '../../../components/ui/button';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { TextField } from '../../../components/ui/text-field';
import { useAnnounce } from '../../../lib/announcer';
import { PageHeading } from '../../../lib/page';
import { describeError, fieldErrorsOf, type FieldErrors } from '../../../lib/problems';
import { useSession } from '../../../lib/session';
import { useRenameAccount } from '../api/auth-api';
import { MyInvitations } from '../components/my-invitations';

/** My account: my name (mine to change), links to password and tokens, and my invitations. */
export function AccountRoute() {
  const { t } = useTranslation();
  const me = useSession();
  const announce = useAnnounce();
  const rename = useRenameAccount();
  const [name, setName] = useState(me.user.displayName);
  const [errors, setErrors] = useState<FieldErrors>({});
  const [saved, setSaved] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setSaved(false);
    if (name.trim() === '') return setErrors({ displayName: t('errors.fields.required') });
    setErrors({});
    rename.mutate(name.trim(), {
      onSuccess: () => {
        setSaved(true);
        announce(t('account.nameSaved'));
      },
      onError: (error) => setErrors(fieldErrorsOf(error, t)),
    });
  };

  return (
    <div className="page page--narrow">
      <PageHeading title={t('account.title')}>{t('account.title')}</PageHeading>
      <p className="lead">{t('account.intro')}</p>
      {saved ? <Message tone="success">{t('account.nameSaved')}</Message> : null}
      {rename.isError && Object.keys(errors).length === 0 ? <Message tone="error">{describeError(rename.error, t)}</Message> : null}
      <Form onSubmit={submit} className="form" validationBehavior="aria">
        <TextField label={t('account.email')} name="email" value={me.user.email} isReadOnly description={t('account.emailHint')} />
        <TextField label={t('account.name')} name="displayName" autoComplete="name" value={name} onChange={setName} isRequired errorMessage={errors.displayName} />
        <div className="button-row">
          <Button type="submit" variant="primary" isPending={rename.isPending}>
            {t('account.saveName')}
          </Button>
        </div>
      </Form>
      <section aria-labelledby="account-security" className="section">
        <h2 id="account-security">{t('account.security')}</h2>
        <ul className="plain-list">
          <li>
            <Link href="/account/password">{t('account.changePassword')}</Link>
          </li>
          <li>
            <Link href="/account/tokens">{t('account.tokens')}</Link>
          </li>
        </ul>
      </section>
      <MyInvitations />
    </div>
  );
}

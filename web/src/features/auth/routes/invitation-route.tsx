import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import { useNavigate } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Link } from '../../../components/ui/link';
import { Message } from '../../../components/ui/message';
import { TextField } from '../../../components/ui/text-field';
import { PageHeading } from '../../../lib/page';
import { describeError, fieldErrorsOf, type FieldErrors } from '../../../lib/problems';
import { useStoreSession } from '../../../lib/session';
import { acceptInvitationByLink, useInvitationPreview } from '../api/auth-api';

const MIN_LENGTH = 12;

/**
 * The invitation link (/invitation#TOKEN; the token is in the fragment, so it is never sent to a
 * server or a log): a person without an account chooses a name and password and is signed in.
 */
export function InvitationRoute() {
  const { t } = useTranslation();
  const navigate = useNavigate();
  const storeSession = useStoreSession();
  const [token] = useState(() => window.location.hash.replace(/^#/, ''));
  const preview = useInvitationPreview(token);
  const [displayName, setDisplayName] = useState('');
  const [password, setPassword] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [failure, setFailure] = useState<unknown>(null);
  const [isPending, setPending] = useState(false);

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: FieldErrors = {};
    if (displayName.trim() === '') problems.displayName = t('errors.fields.required');
    if (password.length < MIN_LENGTH) problems.password = t('password.tooShort', { min: MIN_LENGTH });
    if (repeat !== password) problems.repeat = t('password.mismatch');
    setErrors(problems);
    setFailure(null);
    if (Object.keys(problems).length > 0) return;
    setPending(true);
    try {
      const me = await acceptInvitationByLink({ token, displayName: displayName.trim(), password });
      storeSession(me);
      void navigate('/', { replace: true });
    } catch (error) {
      const fields = fieldErrorsOf(error, t);
      setErrors(fields);
      if (Object.keys(fields).length === 0) setFailure(error);
    } finally {
      setPending(false);
    }
  };

  const title = t('account.invitation.title');
  if (token === '' || preview.isError) {
    return (
      <div className="page page--narrow">
        <PageHeading title={title}>{title}</PageHeading>
        <Message tone="error">{t('account.invitation.invalid')}</Message>
      </div>
    );
  }
  if (!preview.data) {
    return (
      <div className="page page--narrow">
        <PageHeading title={title}>{title}</PageHeading>
        <p className="loading" role="status">
          {t('common.loading')}
        </p>
      </div>
    );
  }
  const invitation = preview.data;
  if (invitation.signInRequired) {
    return (
      <div className="page page--narrow">
        <PageHeading title={title}>{title}</PageHeading>
        <Message tone="info">{t('account.invitation.signInRequired', { email: invitation.email })}</Message>
        <p>
          <Link href="/login?next=%2Faccount">{t('account.invitation.signIn')}</Link>
        </p>
      </div>
    );
  }
  return (
    <div className="page page--narrow">
      <PageHeading title={title}>{title}</PageHeading>
      <p className="lead">{t('account.invitation.intro', { organisation: invitation.organisation.name, email: invitation.email, role: t(`roles.${invitation.role}`) })}</p>
      {failure ? <Message tone="error">{describeError(failure, t)}</Message> : null}
      <Form onSubmit={(e) => void submit(e)} className="form" validationBehavior="aria">
        <TextField label={t('account.name')} name="displayName" autoComplete="name" value={displayName} onChange={setDisplayName} isRequired errorMessage={errors.displayName} />
        <TextField
          label={t('account.invitation.password')}
          name="password"
          type="password"
          autoComplete="new-password"
          value={password}
          onChange={setPassword}
          isRequired
          errorMessage={errors.password}
          description={t('account.invitation.passwordRule')}
        />
        <TextField label={t('account.invitation.repeat')} name="repeat" type="password" autoComplete="new-password" value={repeat} onChange={setRepeat} isRequired errorMessage={errors.repeat} />
        <div className="button-row">
          <Button type="submit" variant="primary" isPending={isPending}>
            {t('account.invitation.submit')}
          </Button>
        </div>
      </Form>
    </div>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import { Button } from '../../../components/ui/button';
import { Message } from '../../../components/ui/message';
import { TextField } from '../../../components/ui/text-field';
import { useAnnounce } from '../../../lib/announcer';
import { PageHeading } from '../../../lib/page';
import { describeError, fieldErrorsOf, type FieldErrors } from '../../../lib/problems';
import { useChangePassword } from '../api/auth-api';

const MIN_LENGTH = 12;

export function ChangePasswordRoute() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const change = useChangePassword();
  const [currentPassword, setCurrent] = useState('');
  const [newPassword, setNew] = useState('');
  const [repeat, setRepeat] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});
  const [done, setDone] = useState(false);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    setDone(false);
    const problems: FieldErrors = {};
    if (currentPassword === '') problems.currentPassword = t('errors.fields.required');
    if (newPassword.length < MIN_LENGTH) problems.newPassword = t('password.tooShort', { min: MIN_LENGTH });
    if (repeat !== newPassword) problems.repeat = t('password.mismatch');
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    change.mutate(
      { currentPassword, newPassword },
      {
        onSuccess: () => {
          setCurrent('');
          setNew('');
          setRepeat('');
          setDone(true);
          announce(t('password.changed'));
        },
        onError: (error) => setErrors(fieldErrorsOf(error, t)),
      },
    );
  };

  const general = change.isError && Object.keys(fieldErrorsOf(change.error, t)).length === 0 ? describeError(change.error, t) : null;

  return (
    <div className="page page--narrow">
      <PageHeading title={t('password.title')}>{t('password.title')}</PageHeading>
      <p className="lead">{t('password.intro', { min: MIN_LENGTH })}</p>
      {done ? <Message tone="success">{t('password.changed')}</Message> : null}
      {general ? <Message tone="error">{general}</Message> : null}
      <Form onSubmit={submit} className="form" validationBehavior="aria">
        <TextField label={t('password.current')} name="currentPassword" type="password" autoComplete="current-password" value={currentPassword} onChange={setCurrent} isRequired errorMessage={errors.currentPassword} />
        <TextField label={t('password.new')} name="newPassword" type="password" autoComplete="new-password" value={newPassword} onChange={setNew} isRequired errorMessage={errors.newPassword} description={t('password.rule', { min: MIN_LENGTH })} />
        <TextField label={t('password.repeat')} name="repeat" type="password" autoComplete="new-password" value={repeat} onChange={setRepeat} isRequired errorMessage={errors.repeat} />
        <div className="button-row">
          <Button type="submit" variant="primary" isPending={change.isPending}>
            {t('password.submit')}
          </Button>
        </div>
      </Form>
    </div>
  );
}

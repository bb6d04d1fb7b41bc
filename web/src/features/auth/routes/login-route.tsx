import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import { Navigate, useNavigate, useSearchParams } from 'react-router';
import { Button } from '../../../components/ui/button';
import { Message } from '../../../components/ui/message';
import { TextField } from '../../../components/ui/text-field';
import { isApiError } from '../../../lib/api-client';
import { PageHeading } from '../../../lib/page';
import { safeNextPath } from '../../../lib/safe-next-path';
import { useMe, useStoreSession } from '../../../lib/session';
import { logIn } from '../api/auth-api';

export function LoginRoute() {
  const { t } = useTranslation();
  const [params] = useSearchParams();
  const navigate = useNavigate();
  const storeSession = useStoreSession();
  const me = useMe();
  const [email, setEmail] = useState('');
  const [password, setPassword] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [missing, setMissing] = useState<{ email?: string; password?: string }>({});
  const [isPending, setPending] = useState(false);
  const next = safeNextPath(params.get('next'));

  if (me.data) return <Navigate to={next} replace />;

  const submit = async (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems = {
      ...(email.trim() === '' ? { email: t('login.emailRequired') } : {}),
      ...(password === '' ? { password: t('login.passwordRequired') } : {}),
    };
    setMissing(problems);
    if (Object.keys(problems).length > 0) return;
    setPending(true);
    setError(null);
    try {
      const session = await logIn({ email: email.trim(), password });
      storeSession(session);
      void navigate(next, { replace: true });
    } catch (e) {
      setPassword('');
      if (isApiError(e, 401) || isApiError(e, 400)) setError(t('login.failed'));
      else if (isApiError(e, 429)) setError(t('login.rateLimited'));
      else setError(t('errors.codes.unknown'));
    } finally {
      setPending(false);
    }
  };

  return (
    <div className="page page--narrow">
      <PageHeading title={t('login.title')}>{t('login.title')}</PageHeading>
      <p className="lead">{t('login.intro')}</p>
      {error ? <Message tone="error">{error}</Message> : null}
      <Form onSubmit={(e) => void submit(e)} className="form" validationBehavior="aria">
        <TextField
          label={t('login.email')}
          name="email"
          type="email"
          autoComplete="username"
          value={email}
          onChange={setEmail}
          isRequired
          errorMessage={missing.email}
        />
        <TextField
          label={t('login.password')}
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={setPassword}
          isRequired
          errorMessage={missing.password}
        />
        <div className="button-row">
          <Button type="submit" variant="primary" isPending={isPending}>
            {t('login.submit')}
          </Button>
        </div>
      </Form>
    </div>
  );
}

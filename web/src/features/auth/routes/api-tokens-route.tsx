import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Cell, Column, Form, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Message } from '../../../components/ui/message';
import { TextField } from '../../../components/ui/text-field';
import { useAnnounce } from '../../../lib/announcer';
import { formatDateTime } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { describeError, fieldErrorsOf } from '../../../lib/problems';
import { useApiTokens, useCreateApiToken, useRevokeApiToken, type ApiToken } from '../api/auth-api';
import '../auth.css';

export function ApiTokensRoute() {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const tokens = useApiTokens();
  const create = useCreateApiToken();
  const revoke = useRevokeApiToken();
  const [name, setName] = useState('');
  const [nameError, setNameError] = useState<string | undefined>();
  const [created, setCreated] = useState<{ name: string; token: string } | null>(null);
  const [revoking, setRevoking] = useState<ApiToken | null>(null);

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (name.trim() === '') {
      setNameError(t('errors.fields.required'));
      return;
    }
    setNameError(undefined);
    create.mutate(name.trim(), {
      onSuccess: (result) => {
        setCreated({ name: result.name, token: result.token });
        setName('');
        announce(t('tokens.created', { name: result.name }));
      },
      onError: (error) => setNameError(fieldErrorsOf(error, t).name ?? describeError(error, t)),
    });
  };

  return (
    <div className="page">
      <PageHeading title={t('tokens.title')}>{t('tokens.title')}</PageHeading>
      <p className="lead">{t('tokens.intro')}</p>

      {created ? (
        <Message tone="success" title={t('tokens.created', { name: created.name })}>
          <p>{t('tokens.copyNow')}</p>
          <p>
            <code className="secret" aria-label={t('tokens.secretLabel')}>
              {created.token}
            </code>
          </p>
          <div className="button-row">
            <Button
              onPress={() => {
                void navigator.clipboard?.writeText(created.token).then(() => announce(t('tokens.copied')));
              }}
            >
              {t('tokens.copy')}
            </Button>
            <Button variant="quiet" onPress={() => setCreated(null)}>
              {t('tokens.hide')}
            </Button>
          </div>
        </Message>
      ) : null}

      <section aria-labelledby="new-token-heading" className="section">
        <h2 id="new-token-heading">{t('tokens.new')}</h2>
        <Form onSubmit={submit} className="form form--inline" validationBehavior="aria">
          <TextField label={t('tokens.name')} name="name" value={name} onChange={setName} isRequired errorMessage={nameError} description={t('tokens.nameHint')} size="medium" />
          <Button type="submit" variant="primary" isPending={create.isPending}>
            {t('tokens.create')}
          </Button>
        </Form>
      </section>

      <section aria-labelledby="token-list-heading" className="section">
        <h2 id="token-list-heading" tabIndex={-1}>
          {t('tokens.list')}
        </h2>
        {tokens.isError ? <Message tone="error">{describeError(tokens.error, t)}</Message> : null}
        {revoke.isError ? <Message tone="error">{describeError(revoke.error, t)}</Message> : null}
        <Table aria-labelledby="token-list-heading" className="table">
          <TableHeader>
            <Column isRowHeader>{t('tokens.name')}</Column>
            <Column>{t('tokens.prefix')}</Column>
            <Column>{t('tokens.createdAt')}</Column>
            <Column>{t('tokens.lastUsedAt')}</Column>
            <Column>
              <span className="visually-hidden">{t('common.actions')}</span>
            </Column>
          </TableHeader>
          <TableBody items={tokens.data ?? []} dependencies={[i18n.language]} renderEmptyState={() => (tokens.isPending ? t('common.loading') : t('tokens.none'))}>
            {(token) => (
              <Row id={token.id}>
                <Cell>{token.name}</Cell>
                <Cell>
                  <code>{token.prefix}…</code>
                </Cell>
                <Cell>{formatDateTime(token.createdAt, i18n.language)}</Cell>
                <Cell>{token.lastUsedAt ? formatDateTime(token.lastUsedAt, i18n.language) : t('tokens.neverUsed')}</Cell>
                <Cell>
                  <Button variant="danger" onPress={() => setRevoking(token)} aria-label={t('tokens.revokeNamed', { name: token.name })}>
                    {t('tokens.revoke')}
                  </Button>
                </Cell>
              </Row>
            )}
          </TableBody>
        </Table>
      </section>

      <ConfirmDialog
        isOpen={revoking !== null}
        onOpenChange={(open) => !open && setRevoking(null)}
        title={t('tokens.revokeTitle')}
        message={t('tokens.revokeConfirm', { name: revoking?.name ?? '' })}
        confirmLabel={t('tokens.revoke')}
        variant="danger"
        isPending={revoke.isPending}
        onConfirm={() => {
          if (!revoking) return;
          const target = revoking;
          revoke.mutate(target.id, {
            onSuccess: () => {
              announce(t('tokens.revoked', { name: target.name }));
              window.setTimeout(() => document.getElementById('token-list-heading')?.focus(), 0);
            },
            onSettled: () => setRevoking(null),
          });
        }}
      />
    </div>
  );
}

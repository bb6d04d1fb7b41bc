import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { ROLES } from '../../../../../src/domain/access/can.js';
import { Cell, Column, Row, Table, TableBody, TableHeader } from 'react-aria-components';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { Message } from '../../../components/ui/message';
import { useAnnounce } from '../../../lib/announcer';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { useUnits } from '../../../lib/reference-data';
import { useSession } from '../../../lib/session';
import { useInvitations, useRemoveMember, useRevokeInvitation, useUpdateUser, useUsers, type User } from '../api/admin-api';
import { EditRolesDialog, InviteDialog } from '../components/user-dialogs';
import '../../../components/ui/badge.css';

type Pending = { kind: 'suspend' | 'resume' | 'remove'; user: User };

/**
 * The organisation's memberships and invitations. An admin changes roles and units, suspends,
 * resumes or removes a membership, and invites; a person's account (name, e-mail, password) is
 * theirs and is not edited here (docs/decisions/0301).
 */
export function AdminUsersRoute() {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const me = useSession();
  const users = useUsers();
  const invitations = useInvitations();
  const units = useUnits();
  const update = useUpdateUser();
  const remove = useRemoveMember();
  const revoke = useRevokeInvitation();
  const [isInviteOpen, setInviteOpen] = useState(false);
  const [invited, setInvited] = useState<string | null>(null);
  const [editing, setEditing] = useState<User | null>(null);
  const [pending, setPending] = useState<Pending | null>(null);
  const unitName = (id: string | null) => (id === null ? t('admin.users.wholeOrganisation') : (units.data?.find((u) => u.id === id)?.name ?? id));
  const dateOf = (iso: string) => new Date(iso).toLocaleDateString(i18n.language === 'en' ? 'en-GB' : 'sv-SE');

  const confirm = () => {
    if (!pending) return;
    const { kind, user } = pending;
    const done = () => setPending(null);
    if (kind === 'remove') {
      remove.mutate(user.id, { onSuccess: () => announce(t('admin.users.removedDone', { name: user.displayName })), onSettled: done });
    } else {
      update.mutate(
        { id: user.id, suspended: kind === 'suspend' },
        { onSuccess: (saved) => announce(t(saved.suspended ? 'admin.users.suspendedDone' : 'admin.users.resumedDone', { name: saved.displayName })), onSettled: done },
      );
    }
  };

  return (
    <>
      <div className="page-header">
        <PageHeading title={t('admin.users.title')}>{t('admin.users.title')}</PageHeading>
        <div className="page-header__actions">
          <Button variant="primary" onPress={() => setInviteOpen(true)}>
            {t('admin.users.invite')}
          </Button>
        </div>
      </div>
      <p className="lead">{t('admin.users.intro')}</p>

      {invited ? <Message tone="success">{t('admin.users.invited', { email: invited })}</Message> : null}
      {users.isError ? <Message tone="error">{describeError(users.error, t)}</Message> : null}
      {update.isError ? <Message tone="error">{describeError(update.error, t)}</Message> : null}
      {remove.isError ? <Message tone="error">{describeError(remove.error, t)}</Message> : null}

      <Table aria-label={t('admin.users.tableLabel')} className="table">
        <TableHeader>
          <Column isRowHeader>{t('admin.users.name')}</Column>
          <Column>{t('admin.users.email')}</Column>
          <Column>{t('admin.users.roles')}</Column>
          <Column>{t('admin.users.unit')}</Column>
          <Column>{t('admin.users.status')}</Column>
          <Column>
            <span className="visually-hidden">{t('common.actions')}</span>
          </Column>
        </TableHeader>
        <TableBody items={users.data ?? []} dependencies={[units.data, i18n.language, me.user.id]} renderEmptyState={() => (users.isPending ? t('common.loading') : t('admin.users.none'))}>
          {(user) => (
            <Row id={user.id}>
              <Cell>{user.displayName}</Cell>
              <Cell>{user.email}</Cell>
              <Cell>{ROLES.filter((r) => user.memberships.some((m) => m.role === r)).map((r) => t(`roles.${r}`)).join(', ')}</Cell>
              <Cell>{[...new Set(user.memberships.map((m) => unitName(m.unitId)))].join(', ')}</Cell>
              <Cell>
                {user.suspended ? (
                  <span className="badge badge--cancelled">{t('admin.users.suspended')}</span>
                ) : user.disabled ? (
                  <span className="badge badge--cancelled" title={t('admin.users.disabledHint')}>
                    {t('admin.users.disabled')}
                  </span>
                ) : (
                  t('admin.users.active')
                )}
              </Cell>
              <Cell>
                <span className="button-row button-row--tight">
                  <Button variant="quiet" onPress={() => setEditing(user)} aria-label={t('admin.users.editRolesNamed', { name: user.displayName })}>
                    {t('admin.users.editRoles')}
                  </Button>
                  {user.id !== me.user.id ? (
                    <>
                      <Button
                        variant="quiet"
                        onPress={() => setPending({ kind: user.suspended ? 'resume' : 'suspend', user })}
                        aria-label={t(user.suspended ? 'admin.users.resumeNamed' : 'admin.users.suspendNamed', { name: user.displayName })}
                      >
                        {user.suspended ? t('admin.users.resume') : t('admin.users.suspend')}
                      </Button>
                      <Button variant="quiet" onPress={() => setPending({ kind: 'remove', user })} aria-label={t('admin.users.removeNamed', { name: user.displayName })}>
                        {t('admin.users.remove')}
                      </Button>
                    </>
                  ) : null}
                </span>
              </Cell>
            </Row>
          )}
        </TableBody>
      </Table>

      <section aria-labelledby="open-invitations" className="section">
        <h2 id="open-invitations">{t('admin.users.invitationsTitle')}</h2>
        {revoke.isError ? <Message tone="error">{describeError(revoke.error, t)}</Message> : null}
        <Table aria-label={t('admin.users.invitationsLabel')} className="table">
          <TableHeader>
            <Column isRowHeader>{t('admin.users.email')}</Column>
            <Column>{t('admin.users.role')}</Column>
            <Column>{t('admin.users.unit')}</Column>
            <Column>{t('admin.users.expires')}</Column>
            <Column>
              <span className="visually-hidden">{t('common.actions')}</span>
            </Column>
          </TableHeader>
          <TableBody items={invitations.data ?? []} dependencies={[units.data, i18n.language]} renderEmptyState={() => (invitations.isPending ? t('common.loading') : t('admin.users.invitationsNone'))}>
            {(invitation) => (
              <Row id={invitation.id}>
                <Cell>{invitation.email}</Cell>
                <Cell>{t(`roles.${invitation.role}`)}</Cell>
                <Cell>{unitName(invitation.unitId)}</Cell>
                <Cell>{dateOf(invitation.expiresAt)}</Cell>
                <Cell>
                  <Button
                    variant="quiet"
                    aria-label={t('admin.users.revokeNamed', { email: invitation.email })}
                    onPress={() => revoke.mutate(invitation.id, { onSuccess: () => announce(t('admin.users.revoked', { email: invitation.email })) })}
                  >
                    {t('admin.users.revoke')}
                  </Button>
                </Cell>
              </Row>
            )}
          </TableBody>
        </Table>
      </section>

      <InviteDialog
        isOpen={isInviteOpen}
        onClose={() => setInviteOpen(false)}
        onInvited={(invitation) => {
          setInvited(invitation.email);
          announce(t('admin.users.invited', { email: invitation.email }));
        }}
      />
      {editing ? <EditRolesDialog user={editing} onClose={() => setEditing(null)} onSaved={(u) => announce(t('admin.users.saved', { name: u.displayName }))} /> : null}
      <ConfirmDialog
        isOpen={pending !== null}
        onOpenChange={(open) => !open && setPending(null)}
        title={pending ? t(`admin.users.${pending.kind}Title`) : ''}
        message={pending ? t(`admin.users.${pending.kind}Confirm`, { name: pending.user.displayName }) : ''}
        confirmLabel={pending ? t(`admin.users.${pending.kind}`) : ''}
        variant={pending?.kind === 'resume' ? 'primary' : 'danger'}
        isPending={update.isPending || remove.isPending}
        onConfirm={confirm}
      />
    </>
  );
}

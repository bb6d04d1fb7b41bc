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
import { useUpdateUser, useUsers, type User } from '../api/admin-api';
import { AddUserDialog, EditRolesDialog } from '../components/user-dialogs';

export function AdminUsersRoute() {
  const { t, i18n } = useTranslation();
  const announce = useAnnounce();
  const me = useSession();
  const users = useUsers();
  const units = useUnits();
  const update = useUpdateUser();
  const [isAddOpen, setAddOpen] = useState(false);
  const [created, setCreated] = useState<{ user: User; initialPassword: string | null } | null>(null);
  const [editing, setEditing] = useState<User | null>(null);
  const [toggling, setToggling] = useState<User | null>(null);
  const unitName = (id: string | null) => (id === null ? t('admin.users.wholeOrganisation') : (units.data?.find((u) => u.id === id)?.name ?? id));

  return (
    <>
      <div className="page-header">
        <PageHeading title={t('admin.users.title')}>{t('admin.users.title')}</PageHeading>
        <div className="page-header__actions">
          <Button variant="primary" onPress={() => setAddOpen(true)}>
            {t('admin.users.add')}
          </Button>
        </div>
      </div>
      <p className="lead">{t('admin.users.intro')}</p>

      {created ? (
        <Message tone="success" title={t('admin.users.created', { name: created.user.displayName })}>
          {created.initialPassword ? (
            <>
              <p>{t('admin.users.initialPasswordOnce', { email: created.user.email })}</p>
              <p>
                <code className="secret" aria-label={t('admin.users.initialPassword')}>
                  {created.initialPassword}
                </code>
              </p>
            </>
          ) : (
            <p>{t('admin.users.existingAccount')}</p>
          )}
          <Button variant="quiet" onPress={() => setCreated(null)}>
            {t('tokens.hide')}
          </Button>
        </Message>
      ) : null}
      {users.isError ? <Message tone="error">{describeError(users.error, t)}</Message> : null}
      {update.isError ? <Message tone="error">{describeError(update.error, t)}</Message> : null}

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
              <Cell>{user.disabled ? <span className="badge badge--cancelled">{t('admin.users.disabled')}</span> : t('admin.users.active')}</Cell>
              <Cell>
                <span className="button-row button-row--tight">
                  <Button variant="quiet" onPress={() => setEditing(user)} aria-label={t('admin.users.editRolesNamed', { name: user.displayName })}>
                    {t('admin.users.editRoles')}
                  </Button>
                  {user.id !== me.user.id ? (
                    <Button
                      variant="quiet"
                      onPress={() => setToggling(user)}
                      aria-label={t(user.disabled ? 'admin.users.enableNamed' : 'admin.users.disableNamed', { name: user.displayName })}
                    >
                      {user.disabled ? t('admin.users.enable') : t('admin.users.disable')}
                    </Button>
                  ) : null}
                </span>
              </Cell>
            </Row>
          )}
        </TableBody>
      </Table>

      <AddUserDialog
        isOpen={isAddOpen}
        onClose={() => setAddOpen(false)}
        onCreated={(result) => {
          setCreated(result);
          announce(t('admin.users.created', { name: result.user.displayName }));
        }}
      />
      {editing ? <EditRolesDialog user={editing} onClose={() => setEditing(null)} onSaved={(u) => announce(t('admin.users.saved', { name: u.displayName }))} /> : null}
      <ConfirmDialog
        isOpen={toggling !== null}
        onOpenChange={(open) => !open && setToggling(null)}
        title={toggling?.disabled ? t('admin.users.enableTitle') : t('admin.users.disableTitle')}
        message={t(toggling?.disabled ? 'admin.users.enableConfirm' : 'admin.users.disableConfirm', { name: toggling?.displayName ?? '' })}
        confirmLabel={toggling?.disabled ? t('admin.users.enable') : t('admin.users.disable')}
        variant={toggling?.disabled ? 'primary' : 'danger'}
        isPending={update.isPending}
        onConfirm={() => {
          if (!toggling) return;
          const target = toggling;
          update.mutate(
            { id: target.id, disabled: !target.disabled },
            {
              onSuccess: (saved) => announce(t(saved.disabled ? 'admin.users.disabledDone' : 'admin.users.enabledDone', { name: saved.displayName })),
              onSettled: () => setToggling(null),
            },
          );
        }}
      />
    </>
  );
}

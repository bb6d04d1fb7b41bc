import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import { ROLES } from '../../../../../src/domain/access/can.js';
import { Button } from '../../../components/ui/button';
import { CheckboxGroupField } from '../../../components/ui/checkbox-group-field';
import { ModalDialog } from '../../../components/ui/dialog';
import { Message } from '../../../components/ui/message';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { describeError, fieldErrorsOf, type FieldErrors } from '../../../lib/problems';
import { unitTree, useUnits } from '../../../lib/reference-data';
import type { Role } from '../../../lib/session';
import { useInvite, useUpdateUser, type Invitation, type Membership, type User } from '../api/admin-api';

const WHOLE = 'whole';

/** Roles and an optional unit limit, as the memberships the API stores (one per role). */
function RolesFields({ roles, setRoles, unitId, setUnitId, errors }: { roles: string[]; setRoles: (r: string[]) => void; unitId: string; setUnitId: (u: string) => void; errors: FieldErrors }) {
  const { t } = useTranslation();
  const units = useUnits();
  const roleError = errors.memberships ?? Object.entries(errors).find(([k]) => k.startsWith('memberships.') && k.endsWith('.role'))?.[1];
  const unitError = Object.entries(errors).find(([k]) => k.startsWith('memberships.') && k.endsWith('.unitId'))?.[1];
  return (
    <>
      <CheckboxGroupField
        label={t('admin.users.roles')}
        name="roles"
        value={roles}
        onChange={setRoles}
        isRequired
        errorMessage={roleError}
        options={ROLES.map((r) => ({ id: r, label: t(`roles.${r}`), description: t(`roleDescriptions.${r}`) }))}
      />
      <SelectField
        label={t('admin.users.unit')}
        name="unitId"
        description={t('admin.users.unitHint')}
        value={unitId}
        onChange={(v) => setUnitId(v ?? WHOLE)}
        errorMessage={unitError}
        options={[{ id: WHOLE, label: t('admin.users.wholeOrganisation') }, ...unitTree(units.data ?? []).map((u) => ({ id: u.id, label: u.name, depth: u.depth }))]}
      />
    </>
  );
}

const membershipsOf = (roles: string[], unitId: string): Membership[] => roles.map((role) => ({ role: role as Role, unitId: unitId === WHOLE ? null : unitId }));

/** Invites an e-mail address to one role (and optional unit); the person accepts by link or signed in. */
export function InviteDialog({ isOpen, onClose, onInvited }: { isOpen: boolean; onClose: () => void; onInvited: (invitation: Invitation) => void }) {
  const { t } = useTranslation();
  const invite = useInvite();
  const units = useUnits();
  const [email, setEmail] = useState('');
  const [role, setRole] = useState<string>('viewer');
  const [unitId, setUnitId] = useState(WHOLE);
  const [errors, setErrors] = useState<FieldErrors>({});

  const close = () => {
    setEmail('');
    setRole('viewer');
    setUnitId(WHOLE);
    setErrors({});
    invite.reset();
    onClose();
  };

  return (
    <ModalDialog title={t('admin.users.inviteTitle')} isOpen={isOpen} onOpenChange={(open) => !open && close()} size="large">
      <Form
        className="form"
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          const problems: FieldErrors = {};
          if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) problems.email = t('errors.fields.format');
          setErrors(problems);
          if (Object.keys(problems).length > 0) return;
          invite.mutate(
            { email: email.trim(), role: role as Role, unitId: unitId === WHOLE ? null : unitId },
            {
              onSuccess: (invitation) => {
                onInvited(invitation);
                close();
              },
              onError: (error) => setErrors(fieldErrorsOf(error, t)),
            },
          );
        }}
      >
        <p>{t('admin.users.inviteIntro')}</p>
        {invite.isError && Object.keys(errors).length === 0 ? <Message tone="error">{describeError(invite.error, t)}</Message> : null}
        <TextField label={t('admin.users.email')} name="email" type="email" autoComplete="off" value={email} onChange={setEmail} isRequired errorMessage={errors.email} />
        <SelectField
          label={t('admin.users.role')}
          name="role"
          value={role}
          onChange={(v) => setRole(v ?? 'viewer')}
          errorMessage={errors.role}
          options={ROLES.map((r) => ({ id: r, label: `${t(`roles.${r}`)} – ${t(`roleDescriptions.${r}`)}` }))}
        />
        <SelectField
          label={t('admin.users.unit')}
          name="unitId"
          description={t('admin.users.unitHint')}
          value={unitId}
          onChange={(v) => setUnitId(v ?? WHOLE)}
          errorMessage={errors.unitId}
          options={[{ id: WHOLE, label: t('admin.users.wholeOrganisation') }, ...unitTree(units.data ?? []).map((u) => ({ id: u.id, label: u.name, depth: u.depth }))]}
        />
        <div className="button-row">
          <Button type="submit" variant="primary" isPending={invite.isPending}>
            {t('admin.users.inviteSubmit')}
          </Button>
          <Button onPress={close}>{t('common.cancel')}</Button>
        </div>
      </Form>
    </ModalDialog>
  );
}

export function EditRolesDialog({ user, onClose, onSaved }: { user: User; onClose: () => void; onSaved: (user: User) => void }) {
  const { t } = useTranslation();
  const update = useUpdateUser();
  const [roles, setRoles] = useState<string[]>([...new Set(user.memberships.map((m) => m.role))]);
  const [unitId, setUnitId] = useState(user.memberships.find((m) => m.unitId !== null)?.unitId ?? WHOLE);
  const [errors, setErrors] = useState<FieldErrors>({});
  return (
    <ModalDialog title={t('admin.users.editRolesTitle', { name: user.displayName })} isOpen onOpenChange={(open) => !open && onClose()} size="large">
      <Form
        className="form"
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          if (roles.length === 0) return setErrors({ memberships: t('admin.users.chooseRole') });
          update.mutate(
            { id: user.id, memberships: membershipsOf(roles, unitId) },
            {
              onSuccess: (saved) => {
                onSaved(saved);
                onClose();
              },
              onError: (error) => setErrors(fieldErrorsOf(error, t)),
            },
          );
        }}
      >
        {update.isError && Object.keys(errors).length === 0 ? <Message tone="error">{describeError(update.error, t)}</Message> : null}
        <RolesFields roles={roles} setRoles={setRoles} unitId={unitId} setUnitId={setUnitId} errors={errors} />
        <div className="button-row">
          <Button type="submit" variant="primary" isPending={update.isPending}>
            {t('common.save')}
          </Button>
          <Button onPress={onClose}>{t('common.cancel')}</Button>
        </div>
      </Form>
    </ModalDialog>
  );
}

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
import { useCreateUser, useUpdateUser, type Membership, type User } from '../api/admin-api';

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

export function AddUserDialog({ isOpen, onClose, onCreated }: { isOpen: boolean; onClose: () => void; onCreated: (result: { user: User; initialPassword: string | null }) => void }) {
  const { t } = useTranslation();
  const create = useCreateUser();
  const [email, setEmail] = useState('');
  const [displayName, setDisplayName] = useState('');
  const [roles, setRoles] = useState<string[]>(['viewer']);
  const [unitId, setUnitId] = useState(WHOLE);
  const [errors, setErrors] = useState<FieldErrors>({});

  const close = () => {
    setEmail('');
    setDisplayName('');
    setRoles(['viewer']);
    setUnitId(WHOLE);
    setErrors({});
    create.reset();
    onClose();
  };

  return (
    <ModalDialog title={t('admin.users.add')} isOpen={isOpen} onOpenChange={(open) => !open && close()} size="large">
      <Form
        className="form"
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          const problems: FieldErrors = {};
          if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(email.trim())) problems.email = t('errors.fields.format');
          if (displayName.trim() === '') problems.displayName = t('errors.fields.required');
          if (roles.length === 0) problems.memberships = t('admin.users.chooseRole');
          setErrors(problems);
          if (Object.keys(problems).length > 0) return;
          create.mutate(
            { email: email.trim(), displayName: displayName.trim(), memberships: membershipsOf(roles, unitId) },
            {
              onSuccess: (result) => {
                onCreated(result);
                close();
              },
              onError: (error) => setErrors(fieldErrorsOf(error, t)),
            },
          );
        }}
      >
        {create.isError && Object.keys(errors).length === 0 ? <Message tone="error">{describeError(create.error, t)}</Message> : null}
        <TextField label={t('admin.users.email')} name="email" type="email" autoComplete="off" value={email} onChange={setEmail} isRequired errorMessage={errors.email} />
        <TextField label={t('admin.users.name')} name="displayName" autoComplete="off" value={displayName} onChange={setDisplayName} isRequired errorMessage={errors.displayName} />
        <RolesFields roles={roles} setRoles={setRoles} unitId={unitId} setUnitId={setUnitId} errors={errors} />
        <div className="button-row">
          <Button type="submit" variant="primary" isPending={create.isPending}>
            {t('admin.users.addSubmit')}
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

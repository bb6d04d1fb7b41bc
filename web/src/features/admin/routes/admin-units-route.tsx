import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import { Button } from '../../../components/ui/button';
import { ConfirmDialog } from '../../../components/ui/confirm-dialog';
import { ModalDialog } from '../../../components/ui/dialog';
import { Message } from '../../../components/ui/message';
import { SelectField } from '../../../components/ui/select-field';
import { TextField } from '../../../components/ui/text-field';
import { isApiError } from '../../../lib/api-client';
import { useAnnounce } from '../../../lib/announcer';
import { PageHeading } from '../../../lib/page';
import { describeError, fieldErrorsOf, type FieldErrors } from '../../../lib/problems';
import { unitTree, useUnits, type Unit } from '../../../lib/reference-data';
import { useCreateUnit, useDeleteUnit, useUpdateUnit } from '../api/admin-api';
import { UnitTree } from '../components/unit-tree';
import '../admin.css';

const TOP = 'top';

/** The unit and everything below it: a unit cannot move below itself. */
function withDescendants(units: readonly Unit[], id: string): Set<string> {
  const out = new Set([id]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const u of units) {
      if (u.parentId && out.has(u.parentId) && !out.has(u.id)) {
        out.add(u.id);
        grew = true;
      }
    }
  }
  return out;
}

function AddUnitForm({ units }: { units: readonly Unit[] }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const create = useCreateUnit();
  const [code, setCode] = useState('');
  const [name, setName] = useState('');
  const [parentId, setParentId] = useState<string>(TOP);
  const [organisationNumber, setOrganisationNumber] = useState('');
  const [errors, setErrors] = useState<FieldErrors>({});

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const problems: FieldErrors = {};
    if (code.trim() === '') problems.code = t('errors.fields.required');
    else if (!/^[A-Za-z0-9_-]+$/.test(code.trim())) problems.code = t('admin.units.codeRule');
    if (name.trim() === '') problems.name = t('errors.fields.required');
    setErrors(problems);
    if (Object.keys(problems).length > 0) return;
    create.mutate(
      { code: code.trim(), name: name.trim(), parentId: parentId === TOP ? null : parentId, organisationNumber: organisationNumber.trim() || null },
      {
        onSuccess: (unit) => {
          announce(t('admin.units.created', { name: unit.name }));
          setCode('');
          setName('');
          setOrganisationNumber('');
        },
        onError: (error) => setErrors(fieldErrorsOf(error, t)),
      },
    );
  };

  return (
    <section aria-labelledby="add-unit-heading" className="section card">
      <h2 id="add-unit-heading">{t('admin.units.add')}</h2>
      {create.isError && Object.keys(errors).length === 0 ? <Message tone="error">{describeError(create.error, t)}</Message> : null}
      {create.isSuccess ? <Message tone="success">{t('admin.units.created', { name: create.data.name })}</Message> : null}
      <Form onSubmit={submit} className="form form--grid" validationBehavior="aria">
        <TextField label={t('admin.units.code')} name="code" value={code} onChange={setCode} isRequired errorMessage={errors.code} description={t('admin.units.codeRule')} size="medium" />
        <TextField label={t('admin.units.name')} name="name" value={name} onChange={setName} isRequired errorMessage={errors.name} />
        <SelectField
          label={t('admin.units.parent')}
          name="parentId"
          value={parentId}
          onChange={(v) => setParentId(v ?? TOP)}
          errorMessage={errors.parentId}
          options={[{ id: TOP, label: t('admin.units.topLevel') }, ...unitTree(units).map((u) => ({ id: u.id, label: u.name, depth: u.depth }))]}
        />
        <TextField label={t('admin.units.organisationNumber')} name="organisationNumber" value={organisationNumber} onChange={setOrganisationNumber} errorMessage={errors.organisationNumber} description={t('admin.units.organisationNumberHint')} size="medium" />
        <div className="button-row">
          <Button type="submit" variant="primary" isPending={create.isPending}>
            {t('admin.units.addSubmit')}
          </Button>
        </div>
      </Form>
    </section>
  );
}

function RenameDialog({ unit, onClose }: { unit: Unit; onClose: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const update = useUpdateUnit();
  const [name, setName] = useState(unit.name);
  const [error, setError] = useState<string | undefined>();
  return (
    <ModalDialog title={t('admin.units.renameTitle', { name: unit.name })} isOpen onOpenChange={(open) => !open && onClose()}>
      <Form
        className="form"
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim() === '') return setError(t('errors.fields.required'));
          update.mutate(
            { id: unit.id, name: name.trim() },
            {
              onSuccess: (saved) => {
                announce(t('admin.units.renamed', { name: saved.name }));
                onClose();
              },
              onError: (e) => setError(fieldErrorsOf(e, t).name ?? describeError(e, t)),
            },
          );
        }}
      >
        <TextField label={t('admin.units.name')} name="name" value={name} onChange={setName} isRequired errorMessage={error} autoFocus />
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

function MoveDialog({ unit, units, onClose }: { unit: Unit; units: readonly Unit[]; onClose: () => void }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const update = useUpdateUnit();
  const [parentId, setParentId] = useState(unit.parentId ?? TOP);
  const [error, setError] = useState<string | undefined>();
  const excluded = withDescendants(units, unit.id);
  return (
    <ModalDialog title={t('admin.units.moveTitle', { name: unit.name })} isOpen onOpenChange={(open) => !open && onClose()}>
      <Form
        className="form"
        validationBehavior="aria"
        onSubmit={(event) => {
          event.preventDefault();
          update.mutate(
            { id: unit.id, parentId: parentId === TOP ? null : parentId },
            {
              onSuccess: (saved) => {
                announce(t('admin.units.moved', { name: saved.name }));
                onClose();
              },
              onError: (e) => setError(fieldErrorsOf(e, t).parentId ?? describeError(e, t)),
            },
          );
        }}
      >
        <SelectField
          label={t('admin.units.newParent')}
          name="parentId"
          value={parentId}
          onChange={(v) => setParentId(v ?? TOP)}
          errorMessage={error}
          options={[
            { id: TOP, label: t('admin.units.topLevel') },
            ...unitTree(units)
              .filter((u) => !excluded.has(u.id))
              .map((u) => ({ id: u.id, label: u.name, depth: u.depth })),
          ]}
        />
        <div className="button-row">
          <Button type="submit" variant="primary" isPending={update.isPending}>
            {t('admin.units.moveSubmit')}
          </Button>
          <Button onPress={onClose}>{t('common.cancel')}</Button>
        </div>
      </Form>
    </ModalDialog>
  );
}

export function AdminUnitsRoute() {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const units = useUnits();
  const remove = useDeleteUnit();
  const [renaming, setRenaming] = useState<Unit | null>(null);
  const [moving, setMoving] = useState<Unit | null>(null);
  const [deleting, setDeleting] = useState<Unit | null>(null);
  const list = units.data ?? [];

  return (
    <>
      <PageHeading title={t('admin.units.title')}>{t('admin.units.title')}</PageHeading>
      <p className="lead">{t('admin.units.intro')}</p>
      <AddUnitForm units={list} />
      <section aria-labelledby="unit-tree-heading" className="section">
        <h2 id="unit-tree-heading">{t('admin.units.tree')}</h2>
        {units.isError ? <Message tone="error">{describeError(units.error, t)}</Message> : null}
        {remove.isError ? <Message tone="error">{isApiError(remove.error, 409) ? t('admin.units.notEmpty') : describeError(remove.error, t)}</Message> : null}
        {units.isPending ? <p>{t('common.loading')}</p> : list.length === 0 ? <p>{t('admin.units.none')}</p> : <UnitTree units={list} onRename={setRenaming} onMove={setMoving} onDelete={setDeleting} />}
      </section>
      {renaming ? <RenameDialog unit={renaming} onClose={() => setRenaming(null)} /> : null}
      {moving ? <MoveDialog unit={moving} units={list} onClose={() => setMoving(null)} /> : null}
      <ConfirmDialog
        isOpen={deleting !== null}
        onOpenChange={(open) => !open && setDeleting(null)}
        title={t('admin.units.deleteTitle')}
        message={t('admin.units.deleteConfirm', { name: deleting?.name ?? '' })}
        confirmLabel={t('admin.units.delete')}
        variant="danger"
        isPending={remove.isPending}
        onConfirm={() => {
          if (!deleting) return;
          const target = deleting;
          remove.mutate(target.id, {
            onSuccess: () => announce(t('admin.units.deleted', { name: target.name })),
            onSettled: () => setDeleting(null),
          });
        }}
      />
    </>
  );
}

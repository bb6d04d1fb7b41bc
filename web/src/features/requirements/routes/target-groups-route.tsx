import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form } from 'react-aria-components';
import { can } from '../../../../../src/domain/access/can.js';
import { Badge } from '../../../components/ui/badge';
import { Button } from '../../../components/ui/button';
import { ModalDialog } from '../../../components/ui/dialog';
import { Message } from '../../../components/ui/message';
import { TextField } from '../../../components/ui/text-field';
import { useAnnounce } from '../../../lib/announcer';
import { PageHeading } from '../../../lib/page';
import { describeError } from '../../../lib/problems';
import { actorOf, useSession } from '../../../lib/session';
import { useSaveTargetGroups, useTargetGroups, type TargetGroup } from '../api/requirements-api';

const CODE = /^[a-z][a-z0-9_]*$/;

function TargetGroupDialog({ group, existing, isOpen, onOpenChange, onSave, isPending, serverError }: {
  group: TargetGroup | null;
  existing: TargetGroup[];
  isOpen: boolean;
  onOpenChange: (open: boolean) => void;
  onSave: (group: TargetGroup) => void;
  isPending: boolean;
  serverError: string | null;
}) {
  const { t } = useTranslation();
  const [code, setCode] = useState(group?.code ?? '');
  const [sv, setSv] = useState(group?.label.sv ?? '');
  const [en, setEn] = useState(group?.label.en ?? '');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const next: Record<string, string> = {};
    if (!group) {
      if (!CODE.test(code)) next.code = t('targetGroups.codeInvalid');
      else if (existing.some((g) => g.code === code)) next.code = t('errors.fields.duplicate');
    }
    if (!sv.trim()) next.sv = t('errors.fields.required');
    if (!en.trim()) next.en = t('errors.fields.required');
    setErrors(next);
    if (Object.keys(next).length > 0) return;
    onSave({ code: group?.code ?? code, label: { sv: sv.trim(), en: en.trim() }, active: group?.active ?? true });
  };
  return (
    <ModalDialog title={group ? t('targetGroups.renameTitle') : t('targetGroups.addTitle')} isOpen={isOpen} onOpenChange={onOpenChange}>
      {(close) => (
        <Form onSubmit={submit} className="form" validationBehavior="aria">
          {serverError ? <Message tone="error">{serverError}</Message> : null}
          {group ? null : <TextField label={t('targetGroups.code')} description={t('targetGroups.codeHint')} name="code" value={code} onChange={setCode} isRequired errorMessage={errors.code} size="medium" />}
          <TextField label={t('targetGroups.labelSv')} name="sv" value={sv} onChange={setSv} isRequired errorMessage={errors.sv} />
          <TextField label={t('targetGroups.labelEn')} name="en" value={en} onChange={setEn} isRequired errorMessage={errors.en} />
          <div className="button-row">
            <Button type="submit" variant="primary" isPending={isPending}>
              {t('common.save')}
            </Button>
            <Button onPress={close}>{t('common.cancel')}</Button>
          </div>
        </Form>
      )}
    </ModalDialog>
  );
}

/** Målgrupper: the organisation's target groups; codes are never deleted, only deactivated. */
export function TargetGroupsRoute() {
  const { t, i18n } = useTranslation();
  const lang = i18n.language === 'en' ? 'en' : 'sv';
  const announce = useAnnounce();
  const me = useSession();
  const canManage = can(actorOf(me), 'target_group:manage', { organisationId: me.organisation.id });
  const groups = useTargetGroups();
  const save = useSaveTargetGroups();
  const [dialog, setDialog] = useState<{ group: TargetGroup | null } | null>(null);

  const persist = (items: TargetGroup[], message: string, after?: () => void) =>
    save.mutate(items, {
      onSuccess: () => {
        announce(message);
        after?.();
      },
    });

  const list = groups.data ?? [];
  return (
    <>
      <div className="page-header">
        <PageHeading title={t('targetGroups.title')}>{t('targetGroups.title')}</PageHeading>
        {canManage ? (
          <div className="page-header__actions">
            <Button variant="primary" onPress={() => setDialog({ group: null })}>
              {t('targetGroups.add')}
            </Button>
          </div>
        ) : null}
      </div>
      <p className="lead">{t('targetGroups.intro')}</p>
      {groups.isError ? <Message tone="error">{describeError(groups.error, t)}</Message> : null}
      {save.isError && !dialog ? <Message tone="error">{describeError(save.error, t)}</Message> : null}
      {groups.isPending ? (
        <p role="status">{t('common.loading')}</p>
      ) : (
        <div className="table-scroll" tabIndex={0} role="region" aria-label={t('targetGroups.caption')}>
          <table className="table">
            <caption className="visually-hidden">{t('targetGroups.caption')}</caption>
            <thead>
              <tr>
                <th scope="col">{t('targetGroups.label')}</th>
                <th scope="col">{t('targetGroups.code')}</th>
                <th scope="col">{t('targetGroups.state')}</th>
                {canManage ? <th scope="col">{t('common.actions')}</th> : null}
              </tr>
            </thead>
            <tbody>
              {list.map((g) => (
                <tr key={g.code}>
                  <th scope="row">
                    {g.label[lang]}
                    <span className="table__sub" lang={lang === 'sv' ? 'en' : 'sv'}>
                      {g.label[lang === 'sv' ? 'en' : 'sv']}
                    </span>
                  </th>
                  <td className="code">{g.code}</td>
                  <td>
                    <Badge tone={g.active ? 'positive' : 'neutral'}>{g.active ? t('targetGroups.active') : t('targetGroups.inactive')}</Badge>
                  </td>
                  {canManage ? (
                    <td>
                      <div className="button-row button-row--tight">
                        <Button variant="quiet" onPress={() => setDialog({ group: g })} aria-label={t('targetGroups.renameNamed', { name: g.label[lang] })}>
                          {t('targetGroups.rename')}
                        </Button>
                        <Button
                          variant="quiet"
                          aria-label={t(g.active ? 'targetGroups.deactivateNamed' : 'targetGroups.activateNamed', { name: g.label[lang] })}
                          onPress={() =>
                            persist(
                              list.map((x) => (x.code === g.code ? { ...x, active: !x.active } : x)),
                              t(g.active ? 'targetGroups.deactivated' : 'targetGroups.activated', { name: g.label[lang] }),
                            )
                          }
                        >
                          {g.active ? t('targetGroups.deactivate') : t('targetGroups.activate')}
                        </Button>
                      </div>
                    </td>
                  ) : null}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog ? (
        <TargetGroupDialog
          key={dialog.group?.code ?? 'new'}
          group={dialog.group}
          existing={list}
          isOpen
          onOpenChange={(open) => {
            if (!open) {
              setDialog(null);
              save.reset();
            }
          }}
          isPending={save.isPending}
          serverError={save.isError ? describeError(save.error, t) : null}
          onSave={(group) => {
            const items = dialog.group ? list.map((x) => (x.code === group.code ? group : x)) : [...list, group];
            persist(items, t('targetGroups.saved', { name: group.label[lang] }), () => setDialog(null));
          }}
        />
      ) : null}
    </>
  );
}

import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { Form, Switch } from 'react-aria-components';
import { Button } from '../../../components/ui/button';
import { Message } from '../../../components/ui/message';
import { TextField } from '../../../components/ui/text-field';
import { useAnnounce } from '../../../lib/announcer';
import { parseInteger } from '../../../lib/format';
import { PageHeading } from '../../../lib/page';
import { describeError, fieldErrorsOf } from '../../../lib/problems';
import { useOrganisationSettings, useUpdateOrganisation, type OrganisationSettings } from '../api/admin-api';
import '../admin.css';

/** The organisation's goal for social considerations and open-data (OCDS) publication. */
export function AdminOrganisationRoute() {
  const { t } = useTranslation();
  const organisation = useOrganisationSettings();
  return (
    <>
      <PageHeading title={t('admin.organisation.title')}>{t('admin.organisation.title')}</PageHeading>
      {organisation.isError ? <Message tone="error">{describeError(organisation.error, t)}</Message> : null}
      {organisation.isPending ? <p role="status">{t('common.loading')}</p> : null}
      {organisation.data ? <Settings organisation={organisation.data} key={organisation.data.id} /> : null}
    </>
  );
}

function Settings({ organisation }: { organisation: OrganisationSettings }) {
  const { t } = useTranslation();
  const announce = useAnnounce();
  const update = useUpdateOrganisation();
  const openData = useUpdateOrganisation();
  const [goal, setGoal] = useState(String(organisation.socialGoalPercent));
  const [goalError, setGoalError] = useState<string | undefined>();
  const packageUrl = `/api/ocds/release-package?org=${encodeURIComponent(organisation.slug)}`;

  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const value = parseInteger(goal);
    if (value === null || Number.isNaN(value) || value > 100) {
      setGoalError(t('admin.organisation.goalInvalid'));
      return;
    }
    setGoalError(undefined);
    update.mutate(
      { socialGoalPercent: value },
      {
        onSuccess: () => announce(t('admin.organisation.goalSaved', { percent: value })),
        onError: (error) => setGoalError(fieldErrorsOf(error, t).socialGoalPercent),
      },
    );
  };

  return (
    <>
      <section aria-labelledby="goal-heading" className="section">
        <h2 id="goal-heading">{t('admin.organisation.goalTitle')}</h2>
        <p>{t('admin.organisation.goalIntro')}</p>
        {update.isError && !goalError ? <Message tone="error">{describeError(update.error, t)}</Message> : null}
        <Form onSubmit={submit} className="form form--start" validationBehavior="aria">
          <TextField label={t('admin.organisation.goal')} description={t('admin.organisation.goalHint')} name="socialGoalPercent" value={goal} onChange={setGoal} inputMode="numeric" size="short" errorMessage={goalError} isRequired />
          <Button type="submit" variant="primary" isPending={update.isPending}>
            {t('admin.organisation.saveGoal')}
          </Button>
        </Form>
      </section>
      <section aria-labelledby="open-data-heading" className="section">
        <h2 id="open-data-heading">{t('admin.organisation.openDataTitle')}</h2>
        <p>{t('admin.organisation.openDataIntro')}</p>
        {openData.isError ? <Message tone="error">{describeError(openData.error, t)}</Message> : null}
        <Switch
          className="switch"
          isSelected={organisation.openDataPublished}
          isDisabled={openData.isPending}
          onChange={(isSelected) =>
            openData.mutate(
              { openDataPublished: isSelected },
              { onSuccess: () => announce(isSelected ? t('admin.organisation.openDataOn') : t('admin.organisation.openDataOff')) },
            )
          }
        >
          <span className="switch__track" aria-hidden="true">
            <span className="switch__thumb" />
          </span>
          {t('admin.organisation.openDataSwitch')}
        </Switch>
        <p>
          {organisation.openDataPublished ? (
            <>
              {t('admin.organisation.openDataLinkIntro')}{' '}
              <a className="link" href={packageUrl}>
                {t('admin.organisation.openDataLink')}
              </a>{' '}
              <span className="code">{packageUrl}</span>
            </>
          ) : (
            <span className="muted">{t('admin.organisation.openDataOffHint')}</span>
          )}
        </p>
      </section>
    </>
  );
}

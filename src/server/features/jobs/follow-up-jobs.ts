import { Type } from '@sinclair/typebox';
import { Value } from '@sinclair/typebox/value';
import type { App, AppDeps } from '../../deps.js';
import { runDailyFollowUpCheck } from '../contracts/follow-up-service.js';
import { notify } from '../notifications/notification-service.js';
import { supplierReminderRecipients } from '../supplier-portal/supplier-portal-service.js';
import { listOrganisationIds } from './job-repository.js';
import { enqueue } from './job-service.js';

/** Daily at 06:00 Swedish time: the coordinators have their reminders when the day starts. */
export const FOLLOW_UP_DAILY_AT = '06:00';

/** Reminders that ask something of the supplier; deviations found stay the buyer's business. */
const SUPPLIER_REMINDERS = new Set(['report_due_soon', 'report_overdue', 'correction_deadline_near']);

const CheckPayload = Type.Object({ organisationId: Type.String({ pattern: '^[0-9a-f-]{36}$' }), asOf: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) });
const DailyPayload = Type.Object({ runDate: Type.String({ pattern: '^\\d{4}-\\d{2}-\\d{2}$' }) });

/**
 * The follow-up reminders (issue 12): once a day, the daily follow-up check of the contracts
 * feature runs for every organisation, and every reminder it returns (report due in 7 days,
 * overdue, deviation found, correction deadline near) becomes an in-app notification and an
 * e-mail to its recipients.
 *  - `followup.daily_check` (daily) fans out one `followup.check_organisation` run per
 *    organisation, keyed by date and organisation, so a failure is retried for that
 *    organisation alone and shows in its admin's failed jobs.
 *  - `followup.check_organisation` is transactional: the deviations the check stores and the
 *    notifications and e-mails made from them commit together, so a crash or a failure never
 *    stores a deviation whose reminder was not sent. Each notification carries the reminder's
 *    key as its dedupe key, so a reminder reaches each user once whatever runs again.
 */
export function followUpJobs(_app: App, { jobs, config }: AppDeps): void {
  jobs.defineJob('followup.daily_check', async ({ db, now, job }) => {
    const { runDate } = Value.Parse(DailyPayload, job.payload);
    for (const organisationId of await listOrganisationIds(db)) {
      await enqueue(db, 'followup.check_organisation', { organisationId, asOf: runDate }, now(), {
        singletonKey: `${runDate}:${organisationId}`,
        organisationId,
      });
    }
  });
  jobs.scheduleDaily('followup.daily_check', FOLLOW_UP_DAILY_AT, 'Europe/Stockholm');

  jobs.defineJob(
    'followup.check_organisation',
    async ({ db, now, job }) => {
      const { organisationId, asOf } = Value.Parse(CheckPayload, job.payload);
      const at = now();
      const result = await runDailyFollowUpCheck(db, asOf, at, { organisationId });
      for (const reminder of result.remindersDue) {
        await notify(
          db,
          {
            organisationId,
            userIds: reminder.recipients.userIds,
            roles: reminder.recipients.roles,
            kind: `followup.${reminder.kind}`,
            title: reminder.subject,
            body: reminder.text,
            link: `/contracts/${reminder.contractId}`,
            email: true,
            dedupeKey: reminder.key,
            publicUrl: config.publicUrl,
          },
          at,
        );
        // The supplier's own people hear about what they must do: a report due or overdue, a correction deadline.
        if (SUPPLIER_REMINDERS.has(reminder.kind)) {
          const supplier = await supplierReminderRecipients(db, organisationId, reminder.contractId);
          if (supplier && supplier.userIds.length > 0) {
            await notify(
              db,
              {
                organisationId: supplier.organisationId,
                userIds: supplier.userIds,
                kind: `supplier.${reminder.kind}`,
                title: reminder.subject,
                body: reminder.text,
                link: `/supplier/contracts/${reminder.contractId}`,
                email: true,
                dedupeKey: `${reminder.key}:supplier`,
                publicUrl: config.publicUrl,
              },
              at,
            );
          }
        }
      }
    },
    { transactional: true, leaseMs: 10 * 60_000 },
  );
}

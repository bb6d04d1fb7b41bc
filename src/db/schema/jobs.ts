import { sql } from 'drizzle-orm';
import { index, integer, jsonb, pgTable, text, timestamp, uniqueIndex, uuid } from 'drizzle-orm/pg-core';
import { organisations, users } from './identity.js';

/**
 * E-mail waiting to be sent, and the record of what was sent. Written in the caller's
 * transaction (a rolled-back change sends nothing); delivered by the `mail.deliver` job when
 * SMTP is configured, otherwise kept here for an admin to read. `organisation_id` null marks
 * an operator-level message (read with the CLI, never through an organisation's admin).
 */
export const mailOutbox = pgTable(
  'mail_outbox',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    toAddress: text('to_address').notNull(),
    subject: text('subject').notNull(),
    textBody: text('text_body').notNull(),
    htmlBody: text('html_body'),
    language: text('language', { enum: ['sv', 'en'] }).notNull().default('sv'),
    /** pending → sending (claimed by one process) → sent; failed after the last attempt. */
    status: text('status', { enum: ['pending', 'sending', 'sent', 'failed'] }).notNull().default('pending'),
    attempts: integer('attempts').notNull().default(0),
    nextAttemptAt: timestamp('next_attempt_at', { withTimezone: true }).notNull(),
    /** While `sending`: when the claim lapses if the claiming process died. */
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    smtpMessageId: text('smtp_message_id'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    sentAt: timestamp('sent_at', { withTimezone: true }),
  },
  (t) => [
    index('mail_outbox_due_idx').on(t.nextAttemptAt).where(sql`${t.status} in ('pending', 'sending')`),
    index('mail_outbox_org_idx').on(t.organisationId, t.createdAt),
  ],
);

/**
 * The durable job queue (decision 0411). One row per run; workers in any process claim due
 * rows with `FOR UPDATE SKIP LOCKED`, so each run is done by one process. `singleton_key`
 * makes a run unique per job name (a daily job uses its run date), so several processes
 * scheduling the same day create one row.
 */
export const jobs = pgTable(
  'jobs',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    name: text('name').notNull(),
    payload: jsonb('payload').notNull().default({}),
    /** The organisation a run concerns, so its admin sees its failures; null for system runs. */
    organisationId: uuid('organisation_id').references(() => organisations.id, { onDelete: 'cascade' }),
    singletonKey: text('singleton_key'),
    /** queued → running → succeeded; back to queued for a retry; failed (dead letter) after the last attempt. */
    status: text('status', { enum: ['queued', 'running', 'succeeded', 'failed'] }).notNull().default('queued'),
    runAt: timestamp('run_at', { withTimezone: true }).notNull(),
    attempts: integer('attempts').notNull().default(0),
    maxAttempts: integer('max_attempts').notNull().default(5),
    lockedBy: text('locked_by'),
    lockedUntil: timestamp('locked_until', { withTimezone: true }),
    lastError: text('last_error'),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
    startedAt: timestamp('started_at', { withTimezone: true }),
    finishedAt: timestamp('finished_at', { withTimezone: true }),
  },
  (t) => [
    uniqueIndex('jobs_singleton_key').on(t.name, t.singletonKey).where(sql`${t.singletonKey} is not null`),
    index('jobs_due_idx').on(t.runAt).where(sql`${t.status} in ('queued', 'running')`),
    index('jobs_failed_idx').on(t.organisationId, t.finishedAt).where(sql`${t.status} = 'failed'`),
  ],
);

/**
 * A user's in-app notification, in both languages (the reader's language is chosen when shown).
 * `dedupe_key` makes a reminder idempotent: the same key for the same user is stored once.
 */
export const notifications = pgTable(
  'notifications',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    userId: uuid('user_id').notNull().references(() => users.id, { onDelete: 'cascade' }),
    kind: text('kind').notNull(),
    titleSv: text('title_sv').notNull(),
    titleEn: text('title_en').notNull(),
    bodySv: text('body_sv').notNull(),
    bodyEn: text('body_en').notNull(),
    link: text('link'),
    dedupeKey: text('dedupe_key'),
    readAt: timestamp('read_at', { withTimezone: true }),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull(),
  },
  (t) => [
    index('notifications_user_idx').on(t.organisationId, t.userId, t.createdAt),
    uniqueIndex('notifications_dedupe_key').on(t.organisationId, t.userId, t.dedupeKey).where(sql`${t.dedupeKey} is not null`),
  ],
);

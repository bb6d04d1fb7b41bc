import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { DatabaseHandle } from '../../../db/client.js';
import { createOrganisation } from '../../../../tests/support/factories.js';
import { createTestDatabase } from '../../../../tests/support/test-database.js';
import { AppError } from '../../errors.js';
import { findOutboxMessage } from './mail-repository.js';
import { queueMail } from './mail-service.js';

let database: DatabaseHandle;
let orgId: string;
const now = new Date('2026-03-02T08:00:00Z');

beforeAll(async () => {
  database = await createTestDatabase();
  orgId = (await createOrganisation(database.db)).id;
});
afterAll(() => database.close());

const message = (overrides: Partial<Parameters<typeof queueMail>[1]> = {}) => ({
  to: 'anna@kommun.example',
  subject: 'Rapport förfaller om 7 dagar',
  text: 'Hej! Rapporten för perioden ska lämnas senast 9 mars.',
  kind: 'followup.report_due',
  organisationId: orgId,
  ...overrides,
});

describe('queueMail', () => {
  it('stores the message as pending in the outbox, due at once, Swedish by default', async () => {
    const { id } = await queueMail(database.db, message(), now);
    const stored = await findOutboxMessage(database.db, orgId, id);
    expect(stored).toMatchObject({
      to: 'anna@kommun.example',
      subject: 'Rapport förfaller om 7 dagar',
      status: 'pending',
      attempts: 0,
      language: 'sv',
      html: null,
      kind: 'followup.report_due',
    });
    expect(stored!.nextAttemptAt.toISOString()).toBe(now.toISOString());
    expect(stored!.createdAt.toISOString()).toBe(now.toISOString());
  });

  it('keeps nothing when the caller’s transaction rolls back, and the message when it commits', async () => {
    let rolledBackId = '';
    await expect(
      database.db.transaction(async (tx) => {
        rolledBackId = (await queueMail(tx, message({ subject: 'rolled back' }), now)).id;
        throw new Error('the change failed');
      }),
    ).rejects.toThrow('the change failed');
    expect(rolledBackId).not.toBe('');
    expect(await findOutboxMessage(database.db, orgId, rolledBackId)).toBeNull();

    const committed = await database.db.transaction((tx) => queueMail(tx, message({ subject: 'committed' }), now));
    expect((await findOutboxMessage(database.db, orgId, committed.id))?.subject).toBe('committed');
  });

  it('keeps operator-level messages apart from every organisation', async () => {
    const { id } = await queueMail(database.db, message({ organisationId: null, language: 'en' }), now);
    expect(await findOutboxMessage(database.db, orgId, id)).toBeNull();
    expect((await findOutboxMessage(database.db, null, id))?.language).toBe('en');
  });

  it.each([
    ['two addresses', { to: 'a@x.example, b@x.example' }, '/to'],
    ['no domain', { to: 'anna@' }, '/to'],
    ['a line break in the subject (header injection)', { subject: 'Hej\r\nBcc: evil@x.example' }, '/subject'],
    ['an empty subject', { subject: '  ' }, '/subject'],
  ])('refuses %s, naming the field', async (_label, overrides, path) => {
    const error = await queueMail(database.db, message(overrides), now).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(AppError);
    expect(((error as AppError).details.errors as Array<{ path: string }>).map((e) => e.path)).toEqual([path]);
  });
});

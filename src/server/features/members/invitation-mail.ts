import type { Database } from '../../../db/client.js';
import type { Role } from '../../../domain/access/can.js';

/**
 * Sends the invitation link. Placeholder until the mail outbox is merged (see invitation-mail
 * history): nothing is sent.
 */
export async function sendInvitation(
  _db: Database,
  _invitation: { email: string; organisationId: string; organisationName: string; role: Role; link: string },
): Promise<void> {}

import type { Database } from '../../../db/client.js';
import type { Role } from '../../../domain/access/can.js';
import { queueMail } from '../mail/mail-service.js';

const ROLE_SV: Record<Role, string> = {
  admin: 'administratör',
  coordinator: 'samordnare (stödfunktion)',
  procurer: 'upphandlare',
  labour_market: 'arbetsmarknadshandläggare',
  supplier: 'leverantör',
  viewer: 'läsare',
};

/**
 * Queues the invitation e-mail in the caller's transaction. The message is operator-level
 * (`organisationId: null`): the outbox is readable by the organisation's admins, and an admin who
 * could read the link could create the invited person's account with a password of their own.
 */
export async function sendInvitation(
  db: Database,
  invitation: { email: string; organisationId: string; organisationName: string; role: Role; link: string },
  now: Date,
): Promise<void> {
  await queueMail(
    db,
    {
      to: invitation.email,
      subject: `Inbjudan till Hänsyn – ${invitation.organisationName}`.slice(0, 500),
      text:
        `Hej!\n\n${invitation.organisationName} bjuder in dig till Hänsyn som ${ROLE_SV[invitation.role]}.\n` +
        `Öppna länken för att tacka ja. Har du redan ett konto loggar du in och tackar ja under Mitt konto.\n\n${invitation.link}\n\n` +
        `Länken kan användas en gång och slutar gälla efter en tid. Om du inte väntade dig inbjudan kan du bortse från den.\n\n` +
        `— In English: ${invitation.organisationName} invites you to Hänsyn (${invitation.role}). Open the link above to accept; if you already have an account, sign in and accept under My account.\n`,
      kind: 'invitation',
      organisationId: null,
      language: 'sv',
    },
    now,
  );
}

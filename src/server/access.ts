import { can, type Action, type Actor, type Resource } from '../domain/access/can.js';
import { forbidden } from './errors.js';
import { authOf } from './plugins/authenticate.js';

/**
 * Who does something, as every service takes it: the domain's `Actor` (user, organisation,
 * memberships — what `can()` reads) and the label the audit trail shows for them.
 */
export interface Who {
  actor: Actor;
  label: string;
}

/** A named process acting for an organisation without a signed-in user (the CLI, an import, the seed). */
export interface SystemActor {
  system: string;
  organisationId: string;
}

/** Who an audit event is written for: a signed-in actor or a system process. */
export type AuditActor = Who | SystemActor;

/** The signed-in actor of a request, labelled with their e-mail address for the audit trail. */
export const whoOf = (request: Parameters<typeof authOf>[0]): Who => {
  const auth = authOf(request);
  return { actor: auth.actor, label: auth.user.email };
};

/**
 * Refuses with 403 `forbidden` unless `can(actor, action, resource)` allows it. The decision is
 * the domain's pure policy; this is only its translation into the one error type.
 */
export function assertCan(actor: Actor, action: Action, resource: Resource): void {
  if (!can(actor, action, resource)) throw forbidden();
}

/**
 * The audit feature's public surface for other features: append events inside the caller's
 * transaction (the caller owns it, so a change and its event commit together). Reading the
 * trail is the audit routes' job.
 */
export { recordAudit, recordAudits, type AuditEntry } from './audit-repository.js';
export type { AuditActor } from '../../access.js';

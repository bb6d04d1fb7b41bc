import type { ProcurementStatus } from './procurement.js';

/**
 * Allowed status transitions of a procurement. The register follows the life of a tender:
 * planned → in preparation → published → evaluation → awarded; any non-final state may be
 * cancelled. Awarded and cancelled are final.
 */
const TRANSITIONS: Readonly<Record<ProcurementStatus, readonly ProcurementStatus[]>> = {
  planned: ['in_preparation', 'cancelled'],
  in_preparation: ['published', 'cancelled'],
  published: ['evaluation', 'cancelled'],
  evaluation: ['awarded', 'cancelled'],
  awarded: [],
  cancelled: [],
};

/** The statuses a procurement in `from` may move to next. */
export function nextStatuses(from: ProcurementStatus): readonly ProcurementStatus[] {
  return TRANSITIONS[from];
}

/** Whether a procurement may move from `from` to `to`. */
export function canTransition(from: ProcurementStatus, to: ProcurementStatus): boolean {
  return TRANSITIONS[from].includes(to);
}

/** Awarded and cancelled procurements never change status again. */
export function isFinalStatus(status: ProcurementStatus): boolean {
  return TRANSITIONS[status].length === 0;
}

/** A procurement may be deleted only while it is still only a plan. */
export function isDeletable(status: ProcurementStatus): boolean {
  return status === 'planned';
}

/**
 * Whether the procurement has been made public (or gone further). Social-requirement
 * decisions can be revised only before this point.
 */
export function isPublishedOrLater(status: ProcurementStatus): boolean {
  return status === 'published' || status === 'evaluation' || status === 'awarded';
}

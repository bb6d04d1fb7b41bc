import type { Contract, Deviation, Fulfilment, Period, Placement, SanctionStep } from '../api/contracts-api';

/** One dated thing on a contract's timeline. `text` is a catalogue key with its values. */
export interface TimelineEvent {
  key: string;
  date: string;
  kind: 'contract' | 'deadline' | 'placement' | 'period' | 'deviation' | 'sanction' | 'amendment';
  text: { key: string; values?: Record<string, string | number> };
}

export interface TimelineSources {
  contract: Contract;
  fulfilment?: Fulfilment | undefined;
  /** Only for those who may see placements; each shown by its participant code. */
  placements?: readonly Placement[];
  periods?: readonly Period[] | undefined;
  deviations?: readonly Deviation[] | undefined;
  sanctions?: readonly SanctionStep[] | undefined;
  commitmentLabel: (id: string | null) => string;
}

/**
 * Deadlines, placements, periods, deviations, amendments and sanction steps of one contract in
 * date order (same-day events keep the order they were added in).
 */
export function timelineOf({ contract, fulfilment, placements = [], periods = [], deviations = [], sanctions = [], commitmentLabel }: TimelineSources): TimelineEvent[] {
  const events: TimelineEvent[] = [
    { key: 'signed', date: contract.signedOn, kind: 'contract', text: { key: 'contracts.timeline.signed' } },
    { key: 'starts', date: contract.startsOn, kind: 'contract', text: { key: 'contracts.timeline.starts' } },
    { key: 'ends', date: contract.endsOn, kind: 'contract', text: { key: 'contracts.timeline.ends' } },
  ];
  for (const a of contract.amendments) events.push({ key: `amendment-${a.version}`, date: a.signedOn, kind: 'amendment', text: { key: 'contracts.timeline.amended', values: { version: a.version, reason: a.reason } } });
  for (const c of fulfilment?.commitments ?? []) {
    if (c.firstHireDeadline) {
      events.push({ key: `first-hire-${c.commitmentId}`, date: c.firstHireDeadline, kind: 'deadline', text: { key: c.firstHireMet ? 'contracts.timeline.firstHireMet' : 'contracts.timeline.firstHireDue', values: { commitment: commitmentLabel(c.commitmentId) } } });
    }
  }
  for (const p of periods) {
    events.push({ key: `period-${p.sequence}`, date: p.dueOn, kind: 'period', text: { key: p.report ? 'contracts.timeline.periodReported' : 'contracts.timeline.periodDue', values: { number: p.sequence } } });
  }
  for (const p of placements) {
    const values = { who: p.participantRef, commitment: commitmentLabel(p.commitmentId) };
    events.push({ key: `start-${p.id}`, date: p.startedOn, kind: 'placement', text: { key: 'contracts.timeline.placementStarted', values } });
    if (p.endedOn) events.push({ key: `end-${p.id}`, date: p.endedOn, kind: 'placement', text: { key: 'contracts.timeline.placementEnded', values } });
  }
  for (const d of deviations) {
    events.push({ key: `deviation-${d.id}`, date: d.detectedOn, kind: 'deviation', text: { key: `contracts.deviations.kinds.${d.kind}` } });
  }
  for (const s of sanctions) {
    events.push({ key: `sanction-${s.id}`, date: s.takenOn, kind: 'sanction', text: { key: `contracts.sanctions.kinds.${s.kind}` } });
    if (s.deadline) events.push({ key: `sanction-deadline-${s.id}`, date: s.deadline, kind: 'deadline', text: { key: s.correctedOn ? 'contracts.timeline.correctionMet' : 'contracts.timeline.correctionDue' } });
  }
  return events
    .map((e, index) => ({ e, index }))
    .sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.index - b.index))
    .map(({ e }) => e);
}

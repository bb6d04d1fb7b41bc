import type { Contract, Fulfilment, Placement } from '../api/contracts-api';

/** One dated thing on a contract's timeline. `text` is a catalogue key with its values. */
export interface TimelineEvent {
  key: string;
  date: string;
  kind: 'contract' | 'deadline' | 'placement' | 'period' | 'deviation' | 'sanction' | 'amendment';
  text: { key: string; values?: Record<string, string | number> };
}

/**
 * Deadlines, placements, periods, deviations and sanction steps of one contract in date order
 * (same-day events keep the order they were added in: contract dates, then deadlines …).
 */
export function timelineOf(contract: Contract, fulfilment: Fulfilment | undefined, placements: readonly Placement[], labelOfCommitment: (id: string) => string, showParticipant: boolean): TimelineEvent[] {
  const events: TimelineEvent[] = [
    { key: 'signed', date: contract.signedOn, kind: 'contract', text: { key: 'contracts.timeline.signed' } },
    { key: 'starts', date: contract.startsOn, kind: 'contract', text: { key: 'contracts.timeline.starts' } },
    { key: 'ends', date: contract.endsOn, kind: 'contract', text: { key: 'contracts.timeline.ends' } },
  ];
  for (const c of fulfilment?.commitments ?? []) {
    if (c.firstHireDeadline) {
      events.push({ key: `first-hire-${c.commitmentId}`, date: c.firstHireDeadline, kind: 'deadline', text: { key: c.firstHireMet ? 'contracts.timeline.firstHireMet' : 'contracts.timeline.firstHireDue', values: { commitment: labelOfCommitment(c.commitmentId) } } });
    }
  }
  for (const p of placements) {
    const who = showParticipant && p.participantRef ? p.participantRef : '';
    const values = { who, commitment: labelOfCommitment(p.commitmentId) };
    events.push({ key: `start-${p.id}`, date: p.startedOn, kind: 'placement', text: { key: who ? 'contracts.timeline.placementStarted' : 'contracts.timeline.placementStartedAnonymous', values } });
    if (p.endedOn) events.push({ key: `end-${p.id}`, date: p.endedOn, kind: 'placement', text: { key: who ? 'contracts.timeline.placementEnded' : 'contracts.timeline.placementEndedAnonymous', values } });
  }
  return events.map((e, index) => ({ e, index })).sort((a, b) => (a.e.date < b.e.date ? -1 : a.e.date > b.e.date ? 1 : a.index - b.index)).map(({ e }) => e);
}

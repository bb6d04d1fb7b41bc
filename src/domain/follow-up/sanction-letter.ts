import { formatOreAsSek } from '../shared/format.js';
import type { Language, LocalizedText } from '../shared/localized-text.js';
import type { SanctionStepKind } from './sanction-ladder.js';

export interface SanctionLetterInput {
  lang: Language;
  organisationName: string;
  contract: { referenceNumber: string; procurementTitle: string; startsOn: string; endsOn: string };
  supplier: { name: string; nationalId: string };
  commitmentTitle: LocalizedText;
  step: { kind: Exclude<SanctionStepKind, 'resolved'> | 'resolved'; takenOn: string; deadline: string | null; amountOre: number | null; reason: string; evidence: string };
  numbers: { positionsRequired: number; positionsFulfilled: number; openPositions: number; penaltyPerHireOre: number; correctionDays: number };
  signedBy: string;
  fileName: string;
}

export interface SanctionLetter {
  title: string;
  facts: Array<{ label: string; value: string }>;
  paragraphs: string[];
}

const TITLES: Record<SanctionStepKind, LocalizedText> = {
  dialogue_note: { sv: 'Anteckning från dialog om sysselsättningsvillkoret', en: 'Note of a dialogue on the employment condition' },
  correction_notice: { sv: 'Begäran om rättelse', en: 'Notice to correct' },
  penalty_decision: { sv: 'Beslut om vite', en: 'Decision on a contractual penalty' },
  exclusion: { sv: 'Besked om uteslutning från fortsatta avrop', en: 'Notice of exclusion from further call-offs' },
  termination_recommendation: { sv: 'Rekommendation om hävning av avtalet', en: 'Recommendation to terminate the contract' },
  resolved: { sv: 'Besked om avslutat ärende', en: 'Notice that the matter is closed' },
};

/**
 * The letter to the supplier for a step of the sanction ladder, in Swedish or English, as
 * plain structured text (the DOCX renderer lays it out). It states the commitment, the numbers
 * behind the step and what follows: the correction deadline, the penalty amount (open positions
 * × penalty per missing hire), or the consequence.
 */
export function buildSanctionLetter(input: SanctionLetterInput): SanctionLetter {
  const { lang, step, numbers: n } = input;
  const sv = lang === 'sv';
  const facts = [
    { label: sv ? 'Avtal' : 'Contract', value: `${input.contract.referenceNumber} – ${input.contract.procurementTitle}` },
    { label: sv ? 'Leverantör' : 'Supplier', value: `${input.supplier.name} (${input.supplier.nationalId})` },
    { label: sv ? 'Avtalstid' : 'Contract period', value: `${input.contract.startsOn} – ${input.contract.endsOn}` },
    { label: sv ? 'Åtagande' : 'Commitment', value: input.commitmentTitle[lang] },
    { label: sv ? 'Datum' : 'Date', value: step.takenOn },
  ];
  const status = sv
    ? `Enligt avtalet ska ${n.positionsRequired} anställningar genomföras. Hittills har ${n.positionsFulfilled} fullgjorts och ${n.openPositions} saknas.`
    : `Under the contract, ${n.positionsRequired} hires are to be made. So far ${n.positionsFulfilled} have been completed and ${n.openPositions} are missing.`;
  const paragraphs: string[] = [];
  switch (step.kind) {
    case 'dialogue_note':
      paragraphs.push(
        status,
        sv ? 'Vi har haft en dialog om hur villkoret ska kunna uppfyllas. Stödfunktionen hjälper gärna till med kandidater.' : 'We have discussed how the condition can be met. The coordinator is glad to help with candidates.',
      );
      break;
    case 'correction_notice':
      paragraphs.push(
        status,
        sv
          ? `Vi begär att ni rättar bristen senast ${step.deadline} (${n.correctionDays} dagar). Är bristen inte rättad då kan vite tas ut med ${formatOreAsSek(n.penaltyPerHireOre, 'sv')} för varje anställning som saknas.`
          : `We ask you to correct the shortfall no later than ${step.deadline} (${n.correctionDays} days). If it is not corrected by then, a penalty of ${formatOreAsSek(n.penaltyPerHireOre, 'en')} per missing hire may be charged.`,
      );
      break;
    case 'penalty_decision':
      paragraphs.push(
        status,
        sv
          ? `Bristen rättades inte inom fristen. Enligt avtalet ska ni därför betala vite med ${formatOreAsSek(step.amountOre ?? 0, 'sv')} (${n.openPositions} × ${formatOreAsSek(n.penaltyPerHireOre, 'sv')}). Beslutet är godkänt av stödfunktionen. Faktura skickas separat.`
          : `The shortfall was not corrected within the deadline. Under the contract you shall therefore pay a penalty of ${formatOreAsSek(step.amountOre ?? 0, 'en')} (${n.openPositions} × ${formatOreAsSek(n.penaltyPerHireOre, 'en')}). The decision is approved by the coordinator. An invoice follows separately.`,
      );
      break;
    case 'exclusion':
      paragraphs.push(
        status,
        sv ? 'Eftersom villkoret fortfarande inte är uppfyllt görs inga fler avrop från er förrän bristen är rättad.' : 'As the condition is still not met, no further call-offs will be placed with you until the shortfall is corrected.',
      );
      break;
    case 'termination_recommendation':
      paragraphs.push(
        status,
        sv
          ? 'Bristen är väsentlig och har inte rättats trots påminnelser, begäran om rättelse och vite. Stödfunktionen rekommenderar därför att avtalet hävs. Beslutet fattas av den upphandlande myndigheten.'
          : 'The shortfall is material and has not been corrected despite reminders, a notice to correct and a penalty. The coordinator therefore recommends that the contract be terminated. The contracting authority takes the decision.',
      );
      break;
    case 'resolved':
      paragraphs.push(sv ? 'Ärendet är avslutat.' : 'The matter is closed.');
  }
  if (step.reason.trim()) paragraphs.push(`${sv ? 'Skäl' : 'Reason'}: ${step.reason.trim()}`);
  if (step.evidence.trim()) paragraphs.push(`${sv ? 'Underlag' : 'Evidence'}: ${step.evidence.trim()}`);
  paragraphs.push(`${input.organisationName}, ${input.signedBy}`);
  return { title: TITLES[step.kind][lang], facts, paragraphs };
}

/**
 * The part of an OCDS 1.1 release that Hänsyn writes, with the fields the lots, sustainability,
 * otherRequirements and contractTerms extensions add. These types describe our output only; the
 * authority is the OCDS JSON Schema, which every package is validated against
 * (`src/interop/ocds/validate-release-package.ts`), so the two cannot drift apart unnoticed.
 * Field names are OCDS's own (camelCase as in the standard).
 */

/** releaseTag codelist (closed). */
export type ReleaseTag = 'planning' | 'tender' | 'tenderCancellation' | 'award' | 'awardUpdate' | 'contract' | 'contractUpdate';
/** tenderStatus codelist (closed). */
export type TenderStatus = 'planning' | 'planned' | 'active' | 'cancelled' | 'unsuccessful' | 'complete' | 'withdrawn';
/** method codelist (closed). */
export type ProcurementMethod = 'open' | 'selective' | 'limited' | 'direct';
/** procurementCategory codelist (closed). */
export type ProcurementCategory = 'goods' | 'services' | 'works';

export interface OcdsValue {
  /** Major units (kronor for SEK), as OCDS asks. */
  amount: number;
  currency: string;
}

/** Dates are ISO 8601 date-times with an offset (JSON Schema `format: date-time`). */
export interface OcdsPeriod {
  startDate?: string;
  endDate?: string;
  maxExtentDate?: string;
  durationInDays?: number;
}

export interface OcdsIdentifier {
  /** An org-id.guide list code, e.g. `SE-BLV`. */
  scheme: string;
  id: string;
  legalName?: string;
}

export interface OcdsOrganization {
  id: string;
  name?: string;
  identifier?: OcdsIdentifier;
  roles: Array<'buyer' | 'supplier' | 'procuringEntity' | 'tenderer'>;
}

export interface OcdsOrganizationReference {
  id: string;
  name?: string;
}

export interface OcdsClassification {
  scheme: 'CPV';
  id: string;
  description?: string;
}

export interface OcdsItem {
  id: string;
  classification: OcdsClassification;
  additionalClassifications?: OcdsClassification[];
  /** Lots extension. */
  relatedLot?: string;
}

/** Sustainability extension. */
export interface OcdsSustainability {
  goal?: string;
  strategies?: string[];
  description?: string;
}

/** otherRequirements extension. */
export interface OcdsOtherRequirements {
  reservedParticipation?: string[];
}

/** contractTerms extension. */
export interface OcdsContractTerms {
  reservedExecution?: boolean;
  performanceTerms?: string;
}

/** The social and sustainability fields that may sit on a tender or on a lot. */
export interface OcdsSocialFields {
  hasSustainability?: boolean;
  sustainability?: OcdsSustainability[];
  otherRequirements?: OcdsOtherRequirements;
  contractTerms?: OcdsContractTerms;
}

export interface OcdsLot extends OcdsSocialFields {
  id: string;
  title?: string;
  description?: string;
  status?: TenderStatus;
  value?: OcdsValue;
  contractPeriod?: OcdsPeriod;
  mainProcurementCategory?: ProcurementCategory;
}

export interface OcdsTender extends OcdsSocialFields {
  id: string;
  title?: string;
  description?: string;
  status?: TenderStatus;
  procurementMethod?: ProcurementMethod;
  procurementMethodDetails?: string;
  mainProcurementCategory?: ProcurementCategory;
  items?: OcdsItem[];
  value?: OcdsValue;
  contractPeriod?: OcdsPeriod;
  lots?: OcdsLot[];
}

export interface OcdsAward {
  id: string;
  status: 'active';
  value?: OcdsValue;
  suppliers?: OcdsOrganizationReference[];
  /** Lots extension. */
  relatedLots?: string[];
}

/** Metrics extension: an observation of a target or a result. */
export interface OcdsObservation {
  id: string;
  period?: OcdsPeriod;
  measure?: number | string;
  unit?: { name: string };
  dimensions?: Record<string, string>;
  notes?: string;
}

/** Metrics extension: a metric with its observations. */
export interface OcdsMetric {
  id: string;
  title?: string;
  description?: string;
  observations?: OcdsObservation[];
}

export interface OcdsContract {
  id: string;
  awardID: string;
  status?: 'pending' | 'active' | 'terminated';
  title?: string;
  period?: OcdsPeriod;
  value?: OcdsValue;
  dateSigned?: string;
  /** Metrics extension: the commitments as agreed. */
  agreedMetrics?: OcdsMetric[];
  implementation?: { metrics?: OcdsMetric[] };
}

export interface OcdsRelease {
  ocid: string;
  id: string;
  date: string;
  tag: ReleaseTag[];
  initiationType: 'tender';
  language?: string;
  parties: OcdsOrganization[];
  buyer?: OcdsOrganizationReference;
  tender: OcdsTender;
  awards?: OcdsAward[];
  contracts?: OcdsContract[];
}

export interface OcdsPublisher {
  name: string;
  scheme?: string;
  uid?: string;
  uri?: string;
}

export interface OcdsReleasePackage {
  uri: string;
  version: '1.1';
  extensions: string[];
  publishedDate: string;
  publisher: OcdsPublisher;
  license?: string;
  publicationPolicy?: string;
  releases: OcdsRelease[];
}

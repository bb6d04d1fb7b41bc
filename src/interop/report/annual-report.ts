/** What the annual report shows: built by the results service, rendered as PDF and .xlsx. */
export interface AnnualReportCount {
  label: string;
  /** Null: suppressed (1–4 people, or hidden to protect one). */
  count: number | null;
  fullTimeMonths: number | null;
}

export interface AnnualReport {
  organisationName: string;
  year: number;
  asOf: string;
  goalTrend: Array<{ year: number; goalPercent: number; sharePercent: number | null; serviceProcurements: number; withSocialConsiderations: number; isGoalMet: boolean | null; peopleEmployed: number | null; fullTimeMonths: number | null }>;
  peopleTotal: number | null;
  placements: { started: number | null; ended: number | null; completed: number | null };
  byTargetGroup: AnnualReportCount[];
  byUnit: AnnualReportCount[];
  bySupplier: AnnualReportCount[];
  byCpvDivision: AnnualReportCount[];
  /**
   * Still employed after the placement ended, where known (organisation-wide, as on the public
   * page); null is suppressed, as the counts above. `sharePercent` is 'none' when nobody is known.
   */
  stillEmployedAfterEnd: { known: number | null; stillEmployed: number | null; employedBySupplier: number | null; sharePercent: number | null | 'none' };
  value: { actors: Array<{ label: string; ore: number }>; totalOre: number; parameterYear: number; assumptions: string };
  contracts: Array<{ referenceNumber: string; procurementTitle: string; supplier: string; unit: string; startsOn: string; endsOn: string; status: string }>;
}

export const SUPPRESSED_TEXT = 'prickad';

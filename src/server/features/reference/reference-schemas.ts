import { Type } from '@sinclair/typebox';

/** A coded value with its Swedish and English labels (a CPV code, an eForms codelist entry). */
export const Coded = Type.Object({ code: Type.String(), sv: Type.String(), en: Type.String() });

/** `GET /api/reference/cpv`: the CPV codes that match the search. */
export const CpvSearchAnswer = Type.Object({ items: Type.Array(Coded) });

/** `GET /api/reference/codelists`: the eForms codelists the register uses. */
export const Codelists = Type.Object({
  contractNature: Type.Array(Coded),
  procedureType: Type.Array(Coded),
  /** BT-06, BT-775 and BT-71: named on the procurement page instead of their raw codes. */
  strategicProcurement: Type.Array(Coded),
  socialObjective: Type.Array(Coded),
  reservedProcurement: Type.Array(Coded),
});

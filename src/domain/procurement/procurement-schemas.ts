import { Type, type Static } from '@sinclair/typebox';
import type { ContractNature, CpvCode, ProcurementStatus } from './procurement.js';

/** TypeBox schema for {@link ContractNature} (eForms BT-23 `contract-nature`). */
export const ContractNatureSchema = Type.Union([
  Type.Literal('services'),
  Type.Literal('supplies'),
  Type.Literal('works'),
]);

/** An 8-digit CPV code without check digit, e.g. `90910000`. */
export const CpvCodeSchema = Type.String({ pattern: '^[0-9]{8}$' });

/** TypeBox schema for {@link ProcurementStatus}. */
export const ProcurementStatusSchema = Type.Union([
  Type.Literal('planned'),
  Type.Literal('in_preparation'),
  Type.Literal('published'),
  Type.Literal('evaluation'),
  Type.Literal('awarded'),
  Type.Literal('cancelled'),
]);

// The schemas must describe exactly the hand-written types in procurement.ts; these
// assignments stop compiling if either side changes without the other.
type Same<A, B> = [A] extends [B] ? ([B] extends [A] ? true : false) : false;
const natureMatches: Same<Static<typeof ContractNatureSchema>, ContractNature> = true;
const cpvMatches: Same<Static<typeof CpvCodeSchema>, CpvCode> = true;
const statusMatches: Same<Static<typeof ProcurementStatusSchema>, ProcurementStatus> = true;
void natureMatches;
void cpvMatches;
void statusMatches;

import { Type, type Static } from '@sinclair/typebox';

/**
 * An amount in major units (decimal, as a notice writes it: BT-27 with its `@currencyID`) with its
 * ISO 4217 currency. Amounts in the own register are integer öre instead (`Ore`), because they
 * are summed and compared; notices are shown and grouped by currency, never converted.
 */
export const MoneySchema = Type.Object(
  {
    amount: Type.Number(),
    currency: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);
export type Money = Static<typeof MoneySchema>;

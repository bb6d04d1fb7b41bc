import { Type, type Static } from '@sinclair/typebox';

/**
 * Every user-facing text in Hänsyn exists in Swedish and English. Swedish is the working
 * language of Swedish public procurement; English serves non-Swedish suppliers and readers.
 */
export const LanguageSchema = Type.Union([Type.Literal('sv'), Type.Literal('en')]);
export type Language = Static<typeof LanguageSchema>;

export const LocalizedTextSchema = Type.Object(
  {
    sv: Type.String({ minLength: 1 }),
    en: Type.String({ minLength: 1 }),
  },
  { additionalProperties: false },
);
export type LocalizedText = Static<typeof LocalizedTextSchema>;

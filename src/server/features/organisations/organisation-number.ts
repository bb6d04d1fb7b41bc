import organisationsnummerModule from 'organisationsnummer';

interface OrganisationsnummerApi {
  valid(value: string): boolean;
  parse(value: string): { format(separator?: boolean): string };
}
// The package ships CommonJS with an ES-style default in its types; Node hands us the class
// itself, TypeScript expects it under `.default`. Accept both.
const Organisationsnummer = ((organisationsnummerModule as unknown as { default?: OrganisationsnummerApi }).default ??
  organisationsnummerModule) as unknown as OrganisationsnummerApi;

/**
 * Validates a Swedish organisation number (with the `organisationsnummer` package) and
 * returns it in the separated form `NNNNNN-NNNN`, or null when it is not valid.
 */
export function normaliseOrganisationNumber(value: string): string | null {
  try {
    if (!Organisationsnummer.valid(value)) return null;
    return Organisationsnummer.parse(value).format(true);
  } catch {
    return null;
  }
}

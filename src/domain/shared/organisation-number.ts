/**
 * Swedish organisation numbers (organisationsnummer), in one place. An organisation number is ten
 * digits `NNNNNN-NNNN`; the last is a Luhn check digit (Skatteverket SKV 709). Buyers and
 * registers write the same number in several forms, which all mean one organisation:
 * `2120001355`, `212000-1355`, with the century prefix `16` that Skatteverket uses for legal
 * persons (`16212000-1355`, `162120001355`), or as the VAT number `SE212000135501`
 * (eForms BT-501 often carries that). Pure: the server's organisations feature, the notice import,
 * the market view and the OCDS export can all call it.
 */

/**
 * The ten digits of an organisation number written in any of the usual forms, or null when the
 * text is not one of them (the check digit is not tested here; see `hasValidCheckDigit`).
 * Spaces, dashes and other separators are ignored.
 */
export function organisationNumberDigits(written: string): string | null {
  let id = written.replace(/[^\p{L}\p{N}]/gu, '').toUpperCase();
  if (id.startsWith('SE')) id = id.slice(2);
  if (!/^\d+$/.test(id)) return null;
  // SE + number + 01 is the VAT number; 16 + number is the century form; 16 + number + 01 both.
  if (id.length === 12 && id.endsWith('01') && !id.startsWith('16')) return id.slice(0, 10);
  if (id.length === 12 && id.startsWith('16')) return id.slice(2);
  if (id.length === 14 && id.startsWith('16') && id.endsWith('01')) return id.slice(2, 12);
  return id.length === 10 ? id : null;
}

/** Whether ten digits end in their Luhn check digit (the last digit of every organisation number). */
export function hasValidCheckDigit(digits: string): boolean {
  if (!/^\d{10}$/.test(digits)) return false;
  let sum = 0;
  for (let i = 0; i < 10; i++) {
    const doubled = Number(digits[i]) * (i % 2 === 0 ? 2 : 1);
    sum += doubled > 9 ? doubled - 9 : doubled;
  }
  return sum % 10 === 0;
}

/** Ten digits in the separated form registers print: `2120001355` → `212000-1355`. */
export function formatOrganisationNumber(digits: string): string {
  return `${digits.slice(0, 6)}-${digits.slice(6)}`;
}

/**
 * The one form of an e-mail address used to find an account, key the sign-in limit and address an
 * invitation: surrounding white space removed (spaces, tabs, line breaks), Unicode NFC (so a
 * decomposed "å" and a precomposed one are the same address) and lower case. Lower-casing the
 * local part is stricter than RFC 5321 allows, but no mail provider our users meet distinguishes
 * case, and two accounts differing only in case would be a trap (issue 8, item 3).
 */
export function normaliseEmail(raw: string): string {
  return raw.trim().normalize('NFC').toLowerCase();
}

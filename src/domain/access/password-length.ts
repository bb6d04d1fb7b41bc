/**
 * The length bounds of a password (NIST SP 800-63B §5.1.1.2, docs/decisions/0302-password-policy.md):
 * at least 12 characters, counted as Unicode code points after NFC, and at most 1,024. Shared by
 * the password policy (auth) and every request schema that takes a password (auth, members).
 */
export const MIN_PASSWORD_LENGTH = 12;
export const MAX_PASSWORD_LENGTH = 1024;

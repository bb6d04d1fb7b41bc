import { ZxcvbnFactory } from '@zxcvbn-ts/core';
import { adjacencyGraphs, dictionary } from '@zxcvbn-ts/language-common';
import type { FieldError } from '../../errors.js';
import { normaliseEmail } from '../../../domain/access/normalise-email.js';
import { MAX_PASSWORD_LENGTH, MIN_PASSWORD_LENGTH } from '../../../domain/access/password-length.js';
import { verifyPassword } from './auth-crypto.js';

/**
 * The password policy of NIST SP 800-63B §5.1.1.2 (docs/decisions/0302-password-policy.md):
 *  - at least 12 characters (counted as Unicode code points, after NFC) and at most 1,024;
 *  - not a common or breached password: zxcvbn-ts with its common-password list (the top
 *    passwords of public breach corpora) and its detection of repeats, sequences and keyboard
 *    walks ("aaaaaaaaaaaa", "123456789012", "qwertyuiopas"); a guess estimate below 10^8 is refused;
 *  - not the e-mail address, its local part or the person's name, alone or barely changed
 *    (they are given to zxcvbn as user inputs, and compared exactly);
 *  - on a change, not the current password;
 *  - no composition rules (no "one digit, one capital"), which 800-63B forbids.
 */
/** zxcvbn guesses (log10) below which a password counts as common. */
const MIN_GUESSES_LOG10 = 8;

const zxcvbn = new ZxcvbnFactory({ dictionary: { ...dictionary }, graphs: adjacencyGraphs });

export interface PasswordContext {
  email: string;
  displayName: string;
  /** The hash of the current password, on a change. */
  currentHash?: string | null;
}

/** Field errors for `password` (empty when it is acceptable); `path` names the field. */
export async function checkPassword(password: string, context: PasswordContext, path: string): Promise<FieldError[]> {
  const normalised = password.normalize('NFC');
  const length = [...normalised].length;
  if (length < MIN_PASSWORD_LENGTH) return [{ path, code: 'too_short', message: `Use at least ${MIN_PASSWORD_LENGTH} characters.` }];
  if (length > MAX_PASSWORD_LENGTH) return [{ path, code: 'too_long', message: `Use at most ${MAX_PASSWORD_LENGTH} characters.` }];
  const email = normaliseEmail(context.email);
  const localPart = email.split('@')[0] ?? email;
  const name = context.displayName.trim().normalize('NFC').toLowerCase();
  const lowered = normalised.toLowerCase();
  const squeezed = (s: string) => s.replace(/[\s._-]+/g, '');
  if ([email, localPart, name].some((v) => v.length > 0 && (lowered === v || squeezed(lowered) === squeezed(v)))) {
    return [{ path, code: 'matches_account', message: 'Do not use your e-mail address or name as the password.' }];
  }
  const result = await zxcvbn.check(normalised, [email, localPart, name, ...name.split(/\s+/)].filter((v) => v.length >= 3));
  if (result.guessesLog10 < MIN_GUESSES_LOG10) {
    return [{ path, code: 'too_common', message: 'That password is common or easy to guess (it appears in lists of breached passwords or is a simple pattern). Choose another, e.g. several unrelated words.' }];
  }
  if (context.currentHash && (await verifyPassword(context.currentHash, password))) {
    return [{ path, code: 'same_as_current', message: 'Choose a password other than the current one.' }];
  }
  return [];
}

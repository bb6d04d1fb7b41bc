import { describe, expect, it } from 'vitest';
import { hashPassword } from './auth-crypto.js';
import { checkPassword } from './password-policy.js';

const account = { email: 'Anna.Berg@goteborg.example', displayName: 'Anna Berg' };
const codeOf = async (password: string, context: { email: string; displayName: string; currentHash?: string } = account) => (await checkPassword(password, context, '/body/password'))[0]?.code ?? null;

describe('password policy (NIST SP 800-63B)', () => {
  it.each([
    ['11 characters is too short', 'kort-lösen1', 'too_short'],
    ['11 code points with a decomposed å is still too short', 'kortlo\u0308sen12'.slice(0, 11), 'too_short'],
    ['password1234 is a breached password', 'password1234', 'too_common'],
    ['123456789012 is a sequence', '123456789012', 'too_common'],
    ['aaaaaaaaaaaa is a repeat', 'aaaaaaaaaaaa', 'too_common'],
    ['qwertyuiopas is a keyboard walk', 'qwertyuiopas', 'too_common'],
    ['iloveyou1234 is a breached password', 'iloveyou1234', 'too_common'],
    ['the e-mail address is refused', 'anna.berg@goteborg.example', 'matches_account'],
    ['the e-mail address in other case is refused', 'ANNA.BERG@GOTEBORG.EXAMPLE', 'matches_account'],
    ['the name without its space is refused', 'annaberg', 'too_short'],
    ['the e-mail local part repeated is refused', 'anna.berganna.berg', 'too_common'],
    ['a passphrase of unrelated words is accepted', 'fjällräven kör gul bil', null],
    ['no composition rule: lower-case letters only are accepted', 'kanelbullar smakar gott', null],
  ])('%s', async (_name, password, expected) => {
    expect(await codeOf(password)).toBe(expected);
  });

  it('refuses the name as password when it is long enough to pass the length rule', async () => {
    expect(await codeOf('Annabella Bergström', { email: 'x@test.example', displayName: 'Annabella Bergström' })).toBe('matches_account');
  });

  it('refuses the current password on a change, accepts another', async () => {
    const currentHash = await hashPassword('gamla lösenordet är bra');
    expect(await codeOf('gamla lösenordet är bra', { ...account, currentHash })).toBe('same_as_current');
    expect(await codeOf('ett helt nytt lösenord', { ...account, currentHash })).toBe(null);
  });
});

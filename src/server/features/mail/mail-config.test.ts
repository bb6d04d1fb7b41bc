import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig } from '../../config.js';

describe('mail configuration', () => {
  it('keeps mail in the outbox when HANSYN_SMTP_URL is not set', () => {
    expect(loadConfig({}).mail).toEqual({ smtpUrl: null, from: 'Hänsyn <noreply@localhost>' });
  });

  it('takes an SMTP URL with its sender', () => {
    const config = loadConfig({ HANSYN_SMTP_URL: 'smtps://user:pass@smtp.kommun.example:465', HANSYN_MAIL_FROM: 'Hänsyn <noreply@kommun.example>' });
    expect(config.mail).toEqual({ smtpUrl: 'smtps://user:pass@smtp.kommun.example:465', from: 'Hänsyn <noreply@kommun.example>' });
  });

  it.each([
    ['an SMTP URL without a sender', { HANSYN_SMTP_URL: 'smtp://localhost:25' }, 'HANSYN_MAIL_FROM'],
    ['a URL that is not SMTP', { HANSYN_SMTP_URL: 'http://mail.example', HANSYN_MAIL_FROM: 'a@b.example' }, 'HANSYN_SMTP_URL'],
    ['a sender without an address', { HANSYN_MAIL_FROM: 'Hänsyn' }, 'HANSYN_MAIL_FROM'],
    ['a sender with a line break (header injection)', { HANSYN_MAIL_FROM: 'a@b.example\r\nBcc: c@d.example' }, 'HANSYN_MAIL_FROM'],
  ])('refuses %s, naming the variable', (_label, env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).problems.join('\n')).toContain(variable);
  });
});

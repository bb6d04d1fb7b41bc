import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, logIn, newPage } from './support/browser.js';
import { chooseOption, descriptionOf, waitForSettled } from './support/ui.js';

/*
 * The labour-market officer's writes through the web (issue 14): a new participant, consents,
 * a recruitment need, a proposal and its outcome (hired → the placement on the contract), and
 * erasure on request. Identity numbers are Skatteverket's test numbers
 * (../shared/data/se/skatteverket-testpersonnummer.csv); 19930422-2392 is not in the demo caseload,
 * 19800102-2386 is (the first of skatteverket-testpersonnummer-demo.csv).
 */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const NEW_NUMBER = '19930422-2392';
const DEMO_NUMBER = '19800102-2386';
/** Welders (SSYK 7212): an occupation nobody in the demo caseload has, so the new participant ranks first. */
const WELDERS = '7212';
const today = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

async function switchLanguage(page: Page, language: 'Svenska' | 'English'): Promise<void> {
  await page.getByRole('radio', { name: language, exact: true }).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language === 'English' ? 'en' : 'sv');
}

/** Presses Tab until the focused element's accessible name matches (keyboard only). */
async function tabTo(page: Page, name: RegExp, maxPresses = 60): Promise<void> {
  for (let i = 0; i < maxPresses; i += 1) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element) return '';
      const labelledBy = element.getAttribute('aria-labelledby');
      const fromIds = labelledBy ? labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : '';
      const labels = 'labels' in element ? [...((element as HTMLInputElement).labels ?? [])].map((l) => l.textContent ?? '').join(' ') : '';
      return `${element.getAttribute('aria-label') ?? ''} ${fromIds} ${labels} ${element.textContent ?? ''}`.trim();
    });
    if (name.test(label)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

describe('participant and matching forms (labour-market officer)', () => {
  it('registers a participant, records consents, a need, a proposal and a hire, then erases the participant', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'labour-market@goteborg.example');

    // --- New participant: every problem at once, the identity number checked as the server does.
    await page.getByRole('navigation', { name: /huvud|main/i }).getByRole('link', { name: 'Deltagare' }).click();
    await page.getByRole('link', { name: 'Ny deltagare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ny deltagare' }).waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'new participant (sv)');
    await page.getByRole('textbox', { name: 'Person- eller samordningsnummer' }).fill('19930422-2393');
    await page.getByRole('button', { name: 'Registrera deltagaren' }).click();
    const summary = page.getByRole('group', { name: /Formuläret har \d+ fel/ });
    await summary.waitFor();
    await expect(summary.getByRole('link').allTextContents()).resolves.toEqual([
      'Förnamn: Fyll i fältet.',
      'Efternamn: Fyll i fältet.',
      'Person- eller samordningsnummer: Kontrollsiffran stämmer inte. Kontrollera numret.',
      'Åldersgrupp: Välj ett alternativ.',
    ]);
    await expect(descriptionOf(page.getByRole('textbox', { name: 'Person- eller samordningsnummer' }))).resolves.toContain('Kontrollsiffran stämmer inte');
    await expectNoAxeViolations(page, 'new participant with errors (sv)');

    await page.getByRole('textbox', { name: 'Förnamn' }).fill('Svetsa');
    await page.getByRole('textbox', { name: 'Efternamn' }).fill('Provsdotter (test)');
    await page.getByRole('textbox', { name: 'Person- eller samordningsnummer' }).fill(DEMO_NUMBER);
    await page.getByRole('textbox', { name: 'Telefon' }).fill('031-123 45 67');
    await page.getByRole('checkbox', { name: 'nyanlända' }).check({ force: true });
    await chooseOption(page, 'Underlag för bedömningen', 'uppehållstillstånd');
    await page.getByRole('textbox', { name: 'Bedömd den' }).fill('2026-01-15');
    await page.getByRole('textbox', { name: 'Arbetslös sedan' }).fill('2025-06-01');
    await page.getByRole('radiogroup', { name: 'Nyanländ' }).getByRole('radio', { name: 'Ja' }).check({ force: true });
    await chooseOption(page, 'Åldersgrupp', '30-49 år');
    await chooseOption(page, 'Stadsdel där personen bor', 'Angered');
    await page.getByRole('combobox', { name: 'Lägg till yrke' }).fill(WELDERS);
    await page.getByRole('option', { name: new RegExp(`^SSYK ${WELDERS} `) }).click();
    const occupation = page.getByRole('radiogroup', { name: new RegExp(`^SSYK ${WELDERS} `) });
    await occupation.getByRole('radio', { name: 'Har arbetat i yrket' }).check({ force: true });
    await page.getByRole('textbox', { name: 'Kompetenser' }).fill('MIG-svetsning, ritningsläsning');
    await page.getByRole('checkbox', { name: 'B', exact: true }).check({ force: true });
    await page.getByRole('textbox', { name: 'Tillgänglig från' }).fill('2026-11-01');
    await page.getByRole('button', { name: 'Lägg till utbildning' }).click();
    await page.getByRole('textbox', { name: 'Utbildning 1: Utbildning' }).fill('Svetsutbildning');
    await page.getByRole('button', { name: 'Registrera deltagaren' }).click();
    // The server's answer (problem+json, 409 duplicate with a field error) lands on the field.
    await summary.getByRole('link', { name: 'Person- eller samordningsnummer: En deltagare med det här numret är redan registrerad.' }).waitFor();
    await expect(descriptionOf(page.getByRole('textbox', { name: 'Person- eller samordningsnummer' }))).resolves.toContain('redan registrerad');
    await page.getByRole('textbox', { name: 'Person- eller samordningsnummer' }).fill(NEW_NUMBER);
    await page.getByRole('button', { name: 'Registrera deltagaren' }).click();

    await page.getByRole('heading', { level: 1, name: 'Svetsa Provsdotter (test)' }).waitFor();
    await waitForSettled(page);
    await expect(page.getByText(NEW_NUMBER, { exact: true }).count()).resolves.toBe(1);
    const reference = (await page.locator('dt', { hasText: 'Referens (pseudonym)' }).locator('xpath=following-sibling::dd[1]').textContent())!.trim();
    expect(reference).toMatch(/^P-[2-9A-Z]{10}$/);
    await expectNoAxeViolations(page, 'participant with manage actions (sv)');

    // --- Editing the profile: the form comes back filled in, occupations named.
    await page.getByRole('link', { name: 'Ändra uppgifter och profil' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ändra Svetsa Provsdotter (test)' }).waitFor();
    await page.getByRole('radiogroup', { name: `SSYK ${WELDERS} – Svetsare och gasskärare` }).waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'edit participant (sv)');
    await expect(page.getByRole('textbox', { name: 'Person- eller samordningsnummer' }).inputValue()).resolves.toBe(NEW_NUMBER);
    await page.getByRole('textbox', { name: 'Önskad omfattning (procent av heltid)' }).fill('80');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByRole('heading', { level: 1, name: 'Svetsa Provsdotter (test)' }).waitFor();
    await page.getByText('80 %', { exact: true }).waitFor();

    // --- Consents by keyboard only: open the dialog, choose, submit.
    await page.getByRole('button', { name: 'Registrera samtycke' }).focus();
    await page.keyboard.press('Enter');
    const consentDialog = page.getByRole('dialog', { name: 'Registrera samtycke' });
    await consentDialog.waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'consent dialog (sv)');
    await tabTo(page, /Dela profil/);
    await page.keyboard.press('Space');
    await tabTo(page, /^Registrera samtycket$/);
    await page.keyboard.press('Enter');
    await consentDialog.waitFor({ state: 'detached' });
    await page.getByText(/^Dela profil – leverantörer som enheten föreslår, från /).waitFor();

    await page.getByRole('button', { name: 'Registrera samtycke' }).click();
    await consentDialog.getByRole('radio', { name: /^Intervju/ }).check({ force: true });
    await consentDialog.getByRole('button', { name: 'Registrera samtycket' }).click();
    await consentDialog.waitFor({ state: 'detached' });
    await page.getByRole('button', { name: /^Återkalla samtycket: Intervju/ }).click();
    const revokeDialog = page.getByRole('dialog', { name: 'Återkalla samtycke' });
    await revokeDialog.getByRole('textbox', { name: 'Samtycket återkallades den' }).fill('2020-01-01');
    await revokeDialog.getByRole('button', { name: 'Återkalla samtycket' }).click();
    await revokeDialog.getByText('Ett samtycke kan inte återkallas före det datum det lämnades.').first().waitFor();
    await expectNoAxeViolations(page, 'revoke consent dialog with an error (sv)');
    await revokeDialog.getByRole('textbox', { name: 'Samtycket återkallades den' }).fill(today());
    await revokeDialog.getByRole('button', { name: 'Återkalla samtycket' }).click();
    await revokeDialog.waitFor({ state: 'detached' });
    await page.getByText(/^Intervju – .*, återkallat /).waitFor();

    // --- A recruitment need under a running contract, for welders with licence B.
    await page.getByRole('navigation', { name: /huvud|main/i }).getByRole('link', { name: 'Matchning' }).click();
    await page.getByRole('link', { name: 'Registrera rekryteringsbehov' }).click();
    await page.getByRole('heading', { level: 1, name: 'Registrera rekryteringsbehov' }).waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'new need (sv)');
    await page.getByRole('button', { name: 'Registrera behovet' }).click();
    await expect(page.getByRole('group', { name: /Formuläret har \d+ fel/ }).getByRole('link').allTextContents()).resolves.toEqual([
      'Avtal: Välj ett alternativ.',
      'Rubrik: Fyll i fältet.',
      'Yrke: Välj ett yrke i listan.',
      'Start: Fyll i fältet.',
    ]);
    await page.getByRole('button', { name: /Avtal$/ }).click();
    await page.getByRole('option').first().click();
    await page.getByRole('button', { name: /Åtagande$/ }).click();
    await page.getByRole('option').nth(1).click();
    await page.getByRole('textbox', { name: 'Rubrik' }).fill('Svetsare till verkstaden (test)');
    await page.getByRole('combobox', { name: 'Yrke' }).fill(WELDERS);
    await page.getByRole('option', { name: new RegExp(`^SSYK ${WELDERS} `) }).click();
    await page.getByRole('textbox', { name: 'Start' }).fill('2027-01-11');
    await chooseOption(page, 'Arbetsplatsens stadsdel', 'Angered');
    await page.getByRole('checkbox', { name: 'B', exact: true }).check({ force: true });
    await page.getByRole('button', { name: 'Registrera behovet' }).click();

    // --- Propose the new participant (ranked first: the only welder) and record the hire.
    await page.getByRole('heading', { level: 1, name: 'Svetsare till verkstaden (test)' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Rangordnade kandidater' }).waitFor();
    await waitForSettled(page);
    await expect(page.getByRole('heading', { level: 3 }).first().textContent()).resolves.toMatch(new RegExp(`^${reference} – \\d+ poäng$`));
    await page.getByRole('button', { name: `Föreslå ${reference}` }).click();
    await page.getByRole('row', { name: new RegExp(`^${reference} `) }).waitFor();
    await page.getByRole('button', { name: `Registrera utfall för ${reference}` }).click();
    const outcome = page.getByRole('dialog', { name: `Utfall för ${reference}` });
    await outcome.waitFor();
    await outcome.getByRole('radio', { name: 'Anställd', exact: true }).check({ force: true });
    await outcome.getByRole('button', { name: 'Registrera utfallet' }).click();
    await expect(outcome.getByRole('group', { name: /Formuläret har \d+ fel/ }).getByRole('link').allTextContents()).resolves.toEqual([
      'Målgrupp som anställningen räknas för: Välj ett alternativ.',
      'Anställningen började: Fyll i fältet.',
    ]);
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'outcome dialog with errors (sv)');
    await chooseOption(page, 'Målgrupp som anställningen räknas för', 'nyanlända', outcome);
    await outcome.getByRole('textbox', { name: 'Anställningen började' }).fill(today());
    await outcome.getByRole('button', { name: 'Registrera utfallet' }).click();
    await outcome.waitFor({ state: 'detached' });
    await page.getByRole('row', { name: new RegExp(`^${reference} .*anställd`) }).waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'need with a hire (sv)');
    await page.getByRole('link', { name: /^Visa anställningen i avtalet / }).click();
    await page.getByRole('heading', { level: 2, name: 'Anställningar' }).waitFor();
    await page.getByRole('rowheader', { name: reference }).waitFor();

    // --- Erasure on request, with a confirmation that the person asked for it.
    await page.getByRole('navigation', { name: /huvud|main/i }).getByRole('link', { name: 'Deltagare' }).click();
    await page.getByRole('searchbox', { name: /Namn, referens eller personnummer/ }).fill(NEW_NUMBER);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: '1 deltagare' }).waitFor();
    await page.getByRole('link', { name: 'Provsdotter (test), Svetsa' }).click();
    await page.getByRole('heading', { level: 1, name: 'Svetsa Provsdotter (test)' }).waitFor();
    await page.getByRole('button', { name: /^Radera personuppgifterna/ }).click();
    const erase = page.getByRole('alertdialog', { name: 'Radera personuppgifterna om Svetsa Provsdotter (test)?' });
    await erase.waitFor();
    await erase.getByRole('button', { name: 'Radera för gott' }).click();
    await erase.getByText('Bekräfta att personen har begärt radering.').first().waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'erase dialog (sv)');
    await erase.getByRole('checkbox', { name: 'Jag har kontrollerat att Svetsa Provsdotter (test) har begärt radering' }).check({ force: true });
    await erase.getByRole('button', { name: 'Radera för gott' }).click();
    await erase.waitFor({ state: 'detached' });
    await page.getByRole('heading', { level: 1, name: reference }).waitFor();
    await page.getByText(/^Identitet och profil raderades /).waitFor();
    await expect(page.getByText(NEW_NUMBER).count()).resolves.toBe(0);
    await expect(page.getByRole('button', { name: 'Registrera samtycke' }).count()).resolves.toBe(0);
    await expect(page.getByRole('link', { name: 'Ladda ned registerutdrag (PDF)' }).isVisible()).resolves.toBe(true);
    await context.close();
    // One journey through six pages and four dialogs: longer than the default on a busy machine.
  }, 360_000);

  it('shows the new-participant and need forms in English, errors included, with no axe violations', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'labour-market@goteborg.example');
    await switchLanguage(page, 'English');
    await page.goto('/participants/new');
    await page.getByRole('heading', { level: 1, name: 'New participant' }).waitFor();
    await page.getByRole('textbox', { name: 'Personal identity or coordination number' }).fill('19771307-2391');
    await page.getByRole('button', { name: 'Register the participant' }).click();
    await page.getByRole('link', { name: 'Personal identity or coordination number: The number does not contain a real date of birth.' }).waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'new participant with errors (en)');
    await page.goto('/matching/needs/new');
    await page.getByRole('heading', { level: 1, name: 'Record a recruitment need' }).waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'new need (en)');
    await context.close();
  });

  it('offers no forms to a coordinator beyond recording a need', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.goto('/participants/new');
    await page.getByText('Den här sidan är för arbetsmarknadsenheten.').waitFor();
    await page.goto('/matching');
    await page.getByRole('link', { name: 'Registrera rekryteringsbehov' }).waitFor();
    await context.close();
  });
});

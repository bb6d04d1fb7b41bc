import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, expectNoAxeViolations, launchBrowser, logIn, newPage } from './support/browser.js';
import { waitForSettled } from './support/ui.js';
import { participantBody } from '../support/participants.js';

/*
 * Recruitment needs on the supplier's contract page (demo data): Lokalvård Väst posts a need at
 * phone width, searching the occupation by name ("städare"), by keyboard, and sees it listed; axe in Swedish and English. Then Göteborg's
 * labour-market officer proposes a candidate for a need on the Göteborg contract and the supplier
 * answers "Anställd" with the short hire form (decision 0604). Last, a hire of a participant whose
 * target group is only self-declared waits on the contract page until a coordinator confirms it
 * in its dialog, by keyboard.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Today in Sweden, as the server counts days. */
const swedishToday = () => new Date().toLocaleDateString('sv-SE', { timeZone: 'Europe/Stockholm' });

/** POSTs JSON as the signed-in person of `page`, with the CSRF token from /api/me. */
async function postAs(page: Page, url: string, data: unknown): Promise<Record<string, unknown>> {
  const csrfToken = ((await (await page.request.get('/api/me')).json()) as { csrfToken: string }).csrfToken;
  const response = await page.request.post(url, { headers: { 'x-csrf-token': csrfToken }, data });
  expect(response.status(), `${url}: ${await response.text()}`).toBeLessThan(300);
  return (await response.json()) as Record<string, unknown>;
}

async function signInAsSupplier(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-postadress', { exact: true }).fill('supplier@lokalvard-vast.example');
  await page.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel('Lösenord', { exact: true }).press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Mina avtal' }).waitFor();
}

describe('supplier recruitment needs', () => {
  it('posts a need from the contract page and sees it listed, at 375 px, without axe violations', async () => {
    const { context, page } = await newPage(browser);
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/login');
    await page.getByLabel('E-postadress', { exact: true }).fill('supplier@lokalvard-vast.example');
    await page.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByLabel('Lösenord', { exact: true }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Mina avtal' }).waitFor();
    await page.getByRole('link', { name: /.+/ }).filter({ has: page.locator('xpath=ancestor::h2') }).first().click();
    await page.getByRole('heading', { level: 2, name: 'Rekryteringsbehov' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Lägg in ett behov' }).waitFor();
    await expectNoAxeViolations(page, 'supplier contract with needs (sv)');
    await page.getByLabel('Tjänst').fill('Lokalvårdare kväll (e2e)');
    // A small firm searches the occupation by name instead of knowing its SSYK code.
    const occupation = page.getByRole('combobox', { name: 'Yrke' });
    await occupation.fill('städare');
    await page.getByRole('option', { name: /SSYK 9111/ }).first().click();
    expect(await occupation.inputValue()).toMatch(/SSYK 9111/);
    await page.getByLabel('Antal personer').fill('2');
    await page.getByLabel('Omfattning i procent').fill('75');
    await page.getByLabel('Startdatum').fill('2030-09-01');
    await page.getByLabel('Körkort som krävs').fill('B');
    await page.getByLabel('Språk som krävs').fill('sv');
    await page.getByRole('button', { name: 'Lägg in behovet' }).focus();
    await page.keyboard.press('Enter');
    await page.getByText('Behovet är inlagt.').waitFor();
    await page.getByRole('heading', { level: 3, name: 'Lokalvårdare kväll (e2e)' }).waitFor();
    const width = await page.evaluate(() => document.documentElement.scrollWidth);
    expect(width).toBeLessThanOrEqual(375);
    await expectNoAxeViolations(page, 'need posted (sv)');
    await page.getByRole('radio', { name: 'English', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Recruitment needs' }).waitFor();
    await expectNoAxeViolations(page, 'supplier contract with needs (en)');
    await context.close();
  });

  it('answers “Anställd” on a proposed candidate with the short hire form, without axe violations', async () => {
    const supplierSide = await newPage(browser);
    const page = supplierSide.page;
    await page.setViewportSize({ width: 375, height: 800 });
    await page.goto('/login');
    await page.getByLabel('E-postadress', { exact: true }).fill('supplier@lokalvard-vast.example');
    await page.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByLabel('Lösenord', { exact: true }).press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Mina avtal' }).waitFor();
    await page.getByRole('listitem').filter({ hasText: /Göteborg/ }).first().getByRole('heading', { level: 2 }).getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Rekryteringsbehov' }).waitFor();
    const contractUrl = page.url();
    await page.getByLabel('Tjänst').fill('Lokalvårdare dag (e2e)');
    await page.getByRole('combobox', { name: 'Yrke' }).fill('9111');
    await page.getByRole('option', { name: /^SSYK 9111/ }).click();
    await page.getByLabel('Antal personer').fill('1');
    await page.getByLabel('Omfattning i procent').fill('100');
    await page.getByLabel('Startdatum').fill('2030-09-01');
    await page.getByRole('button', { name: 'Lägg in behovet' }).click();
    await page.getByText('Behovet är inlagt.').waitFor();

    const officerSide = await newPage(browser);
    await logIn(officerSide.page, 'labour-market@goteborg.example');
    await officerSide.page.getByRole('navigation', { name: /huvud|main/i }).getByRole('link', { name: 'Matchning' }).click();
    await officerSide.page.getByRole('table', { name: 'Öppna rekryteringsbehov' }).getByRole('link', { name: 'Lokalvårdare dag (e2e)' }).click();
    await officerSide.page.getByRole('heading', { level: 2, name: 'Rangordnade kandidater' }).waitFor();
    await officerSide.page.getByRole('button', { name: /^Föreslå / }).first().click();
    await officerSide.page.getByText('Kandidaten är föreslagen.').waitFor();
    await officerSide.context.close();

    await page.goto(contractUrl);
    const hire = page.getByRole('button', { name: / är anställd$/ }).first();
    await hire.focus();
    await page.keyboard.press('Enter');
    const form = page.getByRole('form', { name: /^Anställning av / });
    await form.waitFor();
    await expectNoAxeViolations(page, 'hire form (sv)');
    await form.getByLabel('Startdatum').fill('2030-09-01');
    await form.getByLabel('Anställningsform').selectOption('las_employment');
    await form.getByLabel('Planerat slutdatum (om det finns)').fill('2031-02-28');
    await form.getByRole('button', { name: 'Spara anställningen' }).click();
    await form.waitFor({ state: 'detached' });
    await page.getByText(/^Kandidat .+: anställd/).first().waitFor();
    await page.getByRole('radio', { name: 'English', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Recruitment needs' }).waitFor();
    await expectNoAxeViolations(page, 'after the hire (en)');
    await supplierSide.context.close();
  });
  it('a coordinator confirms, by keyboard, the target group of a supplier’s hire that waits for it, with axe on the open dialog', async () => {
    // The supplier posts a need on its Göteborg contract (through the API: the form is tested above).
    const supplierSide = await newPage(browser);
    await signInAsSupplier(supplierSide.page);
    await supplierSide.page.getByRole('listitem').filter({ hasText: /Göteborg/ }).first().getByRole('heading', { level: 2 }).getByRole('link').click();
    await supplierSide.page.getByRole('heading', { level: 2, name: 'Rekryteringsbehov' }).waitFor();
    const contractId = new URL(supplierSide.page.url()).pathname.split('/').pop()!;
    const today = swedishToday();
    const need = await postAs(supplierSide.page, `/api/supplier/contracts/${contractId}/recruitment-needs`, { title: 'Lokalvårdare helg (e2e)', ssykCode: '9111', positions: 1, extentPercent: 100, startsOn: '2030-09-01' });

    // The labour-market officer proposes a participant whose target group is only self-declared.
    const officerSide = await newPage(browser);
    await logIn(officerSide.page, 'labour-market@goteborg.example');
    const participant = await postAs(
      officerSide.page,
      '/api/participants',
      participantBody('198002242389', {
        identity: { familyName: 'Helgsdotter', phone: null },
        profile: { targetGroups: [{ code: 'newly_arrived', basis: 'self_declared', assessedOn: today }], incomeSupport: false, languages: ['sv'], drivingLicences: [], availableFrom: today, training: [] },
      }),
    );
    await postAs(officerSide.page, `/api/participants/${String(participant.id)}/consents`, { scope: 'share_profile', supplierId: null, givenOn: today });
    const proposal = await postAs(officerSide.page, `/api/recruitment-needs/${String(need.id)}/proposals`, { participantId: participant.id });
    await officerSide.context.close();

    // The supplier answers "Anställd": the placement waits for the unit's judgment (decision 0604).
    await postAs(supplierSide.page, `/api/supplier/contracts/${contractId}/recruitment-needs/${String(need.id)}/proposals/${String(proposal.id)}/answer`, {
      outcome: 'hired',
      on: today,
      placement: { startedOn: today, employmentForm: 'las_employment', extentPercent: 100 },
    });
    await supplierSide.context.close();

    const ref = String(participant.reference);
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.goto(`/contracts/${contractId}`);
    const table = page.getByRole('table', { name: 'Anställningar i avtalet' });
    const row = table.getByRole('row').filter({ has: page.getByRole('rowheader', { name: ref }) });
    await row.getByText('Målgruppen väntar på bekräftelse').waitFor();
    await waitForSettled(page);
    const confirmButton = row.getByRole('button', { name: `Bekräfta målgruppen för ${ref}` });
    await confirmButton.focus();
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: `Bekräfta målgruppen för ${ref}` });
    await dialog.waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'confirm target group dialog');

    // Sent without a choice: the error summary names the field and takes focus.
    await dialog.getByRole('button', { name: 'Bekräfta', exact: true }).focus();
    await page.keyboard.press('Enter');
    const summary = dialog.getByRole('group', { name: 'Formuläret har 1 fel' });
    await summary.waitFor();
    expect(await summary.getByRole('link').allTextContents()).toEqual([expect.stringContaining('Målgrupp')]);
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'confirm target group dialog with an error');

    // Choose a target group with the keyboard and confirm.
    await dialog.getByRole('button', { name: /Målgrupp$/ }).focus();
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor({ state: 'detached' });
    await dialog.getByRole('button', { name: 'Bekräfta', exact: true }).focus();
    await page.keyboard.press('Enter');
    await page.getByTestId('announcer').filter({ hasText: `Målgruppen för ${ref} är bekräftad. Anställningen räknas nu.` }).waitFor();
    await dialog.waitFor({ state: 'detached' });
    await row.getByText('Målgruppen väntar på bekräftelse').waitFor({ state: 'detached' });
    expect(await row.getByRole('button', { name: `Bekräfta målgruppen för ${ref}` }).count()).toBe(0);
    await context.close();
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, logIn, newPage } from './support/browser.js';
import { waitForSettled } from './support/ui.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Waits until the page has its heading and no loading indicators. */
async function settle(page: Page, heading: string | RegExp): Promise<void> {
  await page.getByRole('heading', { level: 1, name: heading }).waitFor();
  await waitForSettled(page);
}

describe('axe-core finds no WCAG 2.1 A/AA violations', () => {
  it('on the login page, with and without an error', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/login');
    await settle(page, 'Logga in');
    await expectNoAxeViolations(page, 'login');
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByText('Ange din e-postadress.').waitFor();
    await expectNoAxeViolations(page, 'login with errors');
    await context.close();
  });

  it('on the pages of a coordinator', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await settle(page, 'Översikt');
    await expectNoAxeViolations(page, 'overview');

    await page.goto('/procurements');
    await settle(page, 'Upphandlingar');
    await page.getByRole('grid', { name: 'Upphandlingsregister' }).getByRole('rowheader').first().waitFor();
    await expectNoAxeViolations(page, 'register');

    await page.getByRole('button', { name: 'Importera från kalkylblad' }).click();
    await page.getByRole('dialog', { name: 'Importera upphandlingar' }).waitFor();
    await expectNoAxeViolations(page, 'import dialog');
    await page.keyboard.press('Escape');

    await page.getByRole('grid', { name: 'Upphandlingsregister' }).getByRole('rowheader').first().getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Uppgifter', exact: true }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Historik' }).waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'details');

    const edit = page.getByRole('link', { name: 'Ändra uppgifter' });
    if ((await edit.count()) === 0) {
      await page.goto('/procurements?status=planned');
      await page.getByRole('grid', { name: 'Upphandlingsregister' }).getByRole('rowheader').first().getByRole('link').click();
    }
    await page.getByRole('link', { name: 'Ändra uppgifter' }).click();
    await settle(page, /^Ändra/);
    await expectNoAxeViolations(page, 'edit form');

    await page.goto('/procurements/new');
    await settle(page, 'Ny upphandling');
    await expectNoAxeViolations(page, 'new form');
    await page.getByRole('button', { name: 'Registrera upphandlingen' }).click();
    await page.getByRole('heading', { level: 2, name: /Formuläret har/ }).waitFor();
    await expectNoAxeViolations(page, 'new form with errors');

    await page.goto('/account/password');
    await settle(page, 'Byt lösenord');
    await expectNoAxeViolations(page, 'change password');

    await page.goto('/account/tokens');
    await settle(page, 'API-nycklar');
    await expectNoAxeViolations(page, 'API tokens');

    await page.goto('/no/such/page');
    await settle(page, 'Sidan finns inte');
    await expectNoAxeViolations(page, '404');

    await page.getByRole('radio', { name: 'English' }).click();
    await page.goto('/procurements');
    await settle(page, 'Procurements');
    await expectNoAxeViolations(page, 'register in English');
    await context.close();
  });

  it('on the administration pages', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'admin@goteborg.example');
    await page.goto('/admin/units');
    await settle(page, 'Enheter');
    await expectNoAxeViolations(page, 'admin units');

    await page.goto('/admin/users');
    await settle(page, 'Användare');
    await page.getByRole('grid', { name: 'Användare i organisationen' }).getByRole('rowheader').first().waitFor();
    await expectNoAxeViolations(page, 'admin users');

    await page.getByRole('button', { name: 'Lägg till användare' }).click();
    await page.getByRole('dialog', { name: 'Lägg till användare' }).waitFor();
    await expectNoAxeViolations(page, 'add user dialog');
    await context.close();
  });

  it('on the social-considerations pages in English', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.getByRole('radio', { name: 'English' }).click();
    await page.goto('/work-queue');
    await settle(page, "Coordinator's work queue");
    await page.getByRole('grid', { name: 'Work queue' }).getByRole('rowheader').first().getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Social considerations' }).waitFor();
    await page.getByRole('heading', { level: 3, name: 'Record the decision' }).waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'procurement with social considerations in English');

    await page.goto('/library');
    await settle(page, 'Requirement library');
    await expectNoAxeViolations(page, 'library in English');
    await page.goto('/library/screening-policy');
    await settle(page, 'Screening policy');
    await expectNoAxeViolations(page, 'screening policy in English');
    await page.goto('/market');
    await settle(page, 'Market view');
    await expectNoAxeViolations(page, 'market view in English');
    await context.close();
  });
});

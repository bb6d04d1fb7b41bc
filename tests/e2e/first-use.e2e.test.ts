import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, logIn, newPage } from './support/browser.js';
import { chooseOption, descriptionOf, waitForSettled } from './support/ui.js';

/** What a new user met on a fresh install (issue 11), checked in the browser on the seeded demo. */

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** The first awarded procurement of the register, opened. */
async function openAwarded(page: Page): Promise<void> {
  await page.goto('/procurements?status=awarded&sort=referenceNumber');
  const table = page.getByRole('grid', { name: 'Upphandlingsregister' });
  await table.getByRole('rowheader').first().getByRole('link').click();
  await page.getByRole('heading', { level: 2, name: 'Historik' }).waitFor();
  await waitForSettled(page);
}

describe('first use of the demo (issue 11)', () => {
  it('shows the history in words with before → after on a seeded procurement (item 4)', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await openAwarded(page);
    const history = page.getByRole('region', { name: 'Historik', exact: true });
    await history.getByText('Status: Utvärdering → Tilldelad').waitFor();
    await history.getByText('Status: Planerad → Under förberedelse').waitFor();
    expect(await history.getByText('Registrerad', { exact: true }).count()).toBe(1);
    const text = (await history.textContent()) ?? '';
    expect(text).not.toMatch(/procurement\.|decision\.|status_changed/);
    await expectNoAxeViolations(page, 'procurement with history');
    await context.close();
  });

  it('fits the register into 1280 px with start date, value and last change visible (item 5)', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.goto('/procurements');
    const table = page.getByRole('grid', { name: 'Upphandlingsregister' });
    await table.getByRole('rowheader').first().waitFor();
    await waitForSettled(page);
    const viewport = page.viewportSize()!;
    for (const name of ['Planerad avtalsstart', 'Uppskattat värde', 'Senast ändrad']) {
      const box = await table.getByRole('columnheader', { name: new RegExp(name) }).boundingBox();
      expect(box, name).not.toBeNull();
      expect(box!.x + box!.width, `${name} ends inside the window`).toBeLessThanOrEqual(viewport.width);
    }
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    await context.close();
  });

  it('says a name is hidden for the viewer, and shows a page without the right as one message (item 6)', async () => {
    const viewer = await newPage(browser);
    await logIn(viewer.page, 'viewer@goteborg.example');
    await openAwardedAsViewer(viewer.page);
    await viewer.page.getByText('Dold för din roll').first().waitFor();
    await viewer.context.close();

    const supplier = await newPage(browser);
    await logIn(supplier.page, 'supplier@goteborg.example');
    await supplier.page.goto('/procurements');
    await supplier.page.getByRole('heading', { level: 1, name: 'Upphandlingar' }).waitFor();
    await supplier.page.getByText('Din roll ger inte tillgång till upphandlingsregistret.').waitFor();
    await waitForSettled(supplier.page);
    expect(await supplier.page.getByRole('link', { name: /Exportera|\.xlsx|\.csv/ }).count()).toBe(0);
    expect(await supplier.page.getByRole('searchbox').count()).toBe(0);
    expect(await supplier.page.locator('.message').count()).toBe(1);
    await expectNoAxeViolations(supplier.page, 'register without the right');
    await supplier.page.goto('/market');
    await supplier.page.getByText('Din roll ger inte tillgång till marknadsbilden.').waitFor();
    expect(await supplier.page.locator('.message').count()).toBe(1);
    await supplier.context.close();
  });

  it('names the eForms codes and shows the awarded status as such (items 5 and 7)', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.goto('/procurements?status=awarded&screening=recommended&sort=referenceNumber');
    const table = page.getByRole('grid', { name: 'Upphandlingsregister' });
    // An awarded procurement whose decision applies requirements has the eForms fields.
    const rows = table.getByRole('row').filter({ hasText: 'Krav ställs' });
    await rows.first().waitFor();
    await rows.first().getByRole('rowheader').getByRole('link').click();
    const eforms = page.getByRole('table', { name: 'eForms-fält per delområde' });
    await eforms.waitFor();
    const text = (await eforms.textContent()) ?? '';
    expect(text).toMatch(/Sociala mål|social/i);
    expect(text).toContain('(soc-obj)');
    expect(await page.getByText('Upphandlingen är publicerad.').count()).toBe(0);
    await page.getByText('Upphandlingen har status Tilldelad. Beslutet är låst och kan inte ändras.').waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'awarded procurement with eForms fields');
    await context.close();
  });

  it('starts the market view with the seeded notices and counts them in words (items 7 and 9)', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.goto('/market');
    const groups = page.getByRole('table', { name: 'Annonser med sociala hänsyn per grupp' });
    await groups.getByRole('rowheader').first().waitFor();
    await waitForSettled(page);
    expect(await page.getByText(/Totalt \d+ annonser, varav/).count()).toBe(1);
    await expectNoAxeViolations(page, 'market view with seeded notices');
    await context.close();
  });

  it('reports every problem of the decision form in one round: 0 positions and a penalty that is not an amount (item 3)', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.goto('/work-queue?screening=recommended');
    const queue = page.getByRole('grid', { name: /arbetskö/i });
    await queue.getByRole('rowheader').nth(1).getByRole('link').click();
    const social = page.getByRole('region', { name: 'Social hänsyn' });
    await social.getByRole('radio', { name: 'Ställ sociala krav' }).check({ force: true });
    await chooseOption(page, 'Typ av krav', 'Sysselsättningsvillkor', social);
    await chooseOption(page, 'Kravmall', /^Sysselsättningsvillkor \(/, social);
    await social.getByRole('button', { name: 'Lägg till kravet' }).click();
    const positions = social.getByRole('textbox', { name: 'Antal anställningar' });
    const penalty = social.getByRole('textbox', { name: /^Vite per anställning som saknas/ });
    await positions.fill('0');
    await penalty.fill('abc');
    await social.getByRole('button', { name: 'Spara beslutet' }).click();
    await page.getByRole('heading', { level: 2, name: 'Formuläret har 2 fel' }).waitFor();
    expect(await descriptionOf(positions)).toMatch(/utanför/);
    expect(await descriptionOf(penalty)).toMatch(/belopp/i);
    await context.close();
  });

  it('writes the contract start as ÅÅÅÅ-MM-DD also in an English Chromium (item 11)', async () => {
    const { context, page } = await newPage(browser, { locale: 'en-US' });
    await logIn(page, 'coordinator@goteborg.example');
    await page.goto('/procurements/new');
    const field = page.getByRole('textbox', { name: 'Planerad avtalsstart' });
    await field.waitFor();
    expect(await field.getAttribute('type')).not.toBe('date');
    await field.fill('2027-02-30');
    await page.getByRole('button', { name: 'Registrera upphandlingen' }).click();
    await page.getByText('Ange ett riktigt datum').first().waitFor();
    await context.close();
  });
});

/** The viewer opens an awarded procurement whose responsible person is hidden from the role. */
async function openAwardedAsViewer(page: Page): Promise<void> {
  await page.goto('/procurements?status=awarded&sort=referenceNumber');
  await page.getByRole('grid', { name: 'Upphandlingsregister' }).getByRole('rowheader').first().getByRole('link').click();
  await page.getByRole('heading', { level: 2, name: 'Uppgifter' }).waitFor();
}

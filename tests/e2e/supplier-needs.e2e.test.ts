import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, expectNoAxeViolations, launchBrowser, logIn, newPage } from './support/browser.js';

/*
 * Recruitment needs on the supplier's contract page (demo data): Lokalvård Väst posts a need at
 * phone width, by keyboard, and sees it listed; axe in Swedish and English. Then Göteborg's
 * labour-market officer proposes a candidate for a need on the Göteborg contract and the supplier
 * answers "Anställd" with the short hire form (decision 0604).
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

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
    await page.getByLabel('Yrke (SSYK 2012, fyra siffror)').fill('9111');
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
    await page.getByLabel('Yrke (SSYK 2012, fyra siffror)').fill('9111');
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
});

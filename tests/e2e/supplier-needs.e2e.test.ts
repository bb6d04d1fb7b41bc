import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, expectNoAxeViolations, launchBrowser, newPage } from './support/browser.js';

/*
 * Recruitment needs on the supplier's contract page (demo data): Lokalvård Väst posts a need at
 * phone width, by keyboard, and sees it listed; axe in Swedish and English.
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
});

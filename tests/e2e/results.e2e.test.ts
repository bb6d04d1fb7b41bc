import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, logIn, newPage } from './support/browser.js';
import { waitForSettled } from './support/ui.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function switchLanguage(page: Page, language: 'Svenska' | 'English'): Promise<void> {
  await page.getByRole('radio', { name: language, exact: true }).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language === 'English' ? 'en' : 'sv');
}

const announced = (page: Page, text: string | RegExp) => page.getByTestId('announcer').filter({ hasText: text }).waitFor();

describe('results', () => {
  it('shows a viewer the dashboard with charts, summaries and tables, in both languages', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'viewer@goteborg.example');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Resultat' }).click();
    await page.getByRole('heading', { level: 1, name: 'Resultat' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Måluppfyllelse' }).waitFor();
    await waitForSettled(page);
    expect(await page.getByRole('figure', { name: /Andel tjänsteupphandlingar med social hänsyn/ }).count()).toBe(1);
    await page.getByRole('table', { name: /Värde per aktör – tabell/ }).waitFor();
    expect(await page.getByRole('row', { name: /Kommunen/ }).count()).toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'results dashboard (sv)');
    await switchLanguage(page, 'English');
    await page.getByRole('heading', { level: 1, name: 'Results' }).waitFor();
    await page.getByRole('table', { name: /Value by actor – table/ }).waitFor();
    await page.getByRole('table', { name: 'Still employed after the placement ended, where known' }).waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'results dashboard (en)');
    await switchLanguage(page, 'Svenska');
    await context.close();
  });

  it('shows the public page without sign-in once the organisation publishes open data', async () => {
    const admin = await newPage(browser);
    await logIn(admin.page, 'admin@goteborg.example');
    await admin.page.goto('/admin/organisation');
    await admin.page.getByRole('heading', { level: 1, name: 'Organisation' }).waitFor();
    await admin.page.getByText('Publicera upphandlingar som öppna data', { exact: true }).click();
    await announced(admin.page, 'Upphandlingarna publiceras nu som öppna data.');
    try {
      const visitor = await newPage(browser);
      await visitor.page.goto('/oppna-resultat/goteborg');
      await visitor.page.getByRole('heading', { level: 1, name: /Öppna resultat/ }).waitFor();
      await visitor.page.getByRole('heading', { level: 2, name: 'Avtal med sysselsättningskrav' }).waitFor();
      await visitor.page.getByRole('table', { name: 'Fortfarande anställda efter anställningens slut, där det är känt' }).waitFor();
      await waitForSettled(visitor.page);
      expect(await visitor.page.getByRole('link', { name: 'DCAT-AP-SE-katalog (RDF/XML)' }).getAttribute('href')).toMatch(/\/api\/public\/organisations\/goteborg\/catalog\.rdf$/);
      await expectNoAxeViolations(visitor.page, 'public results (sv)');
      await switchLanguage(visitor.page, 'English');
      await visitor.page.getByRole('heading', { level: 1, name: /Open results/ }).waitFor();
      await waitForSettled(visitor.page);
      await expectNoAxeViolations(visitor.page, 'public results (en)');
      await switchLanguage(visitor.page, 'Svenska');
      await visitor.context.close();
    } finally {
      await admin.page.getByText('Publicera upphandlingar som öppna data', { exact: true }).click();
      await announced(admin.page, 'Upphandlingarna publiceras inte längre som öppna data.');
      await admin.context.close();
    }
  });
});

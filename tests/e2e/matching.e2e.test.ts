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

describe('participants and matching pages (labour-market officer)', () => {
  it('lists and searches participants, shows one with its export, in Swedish and English, with no axe violations', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'labour-market@goteborg.example');
    await page.getByRole('navigation', { name: /huvud|main/i }).getByRole('link', { name: 'Deltagare' }).click();
    await page.getByRole('heading', { level: 1, name: 'Deltagare' }).waitFor();
    await waitForSettled(page);
    await expect(page.getByRole('heading', { level: 2, name: /\d+ deltagare/ }).textContent()).resolves.toMatch(/^[1-9]\d{2} deltagare$/);
    await expectNoAxeViolations(page, 'participant list (sv)');
    // Keyboard only: type a search and submit with Enter.
    const search = page.getByRole('searchbox', { name: /Namn, referens eller personnummer/ });
    await search.focus();
    await page.keyboard.type('DEMO-0001');
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 2, name: '1 deltagare' }).waitFor();
    await page.getByRole('row').nth(1).getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Identitet' }).waitFor();
    await waitForSettled(page);
    await expect(page.getByText('DEMO-0001', { exact: true }).count()).resolves.toBeGreaterThan(0);
    await expect(page.getByRole('link', { name: 'Ladda ned registerutdrag (PDF)' }).isVisible()).resolves.toBe(true);
    await expectNoAxeViolations(page, 'participant page (sv)');
    await switchLanguage(page, 'English');
    await page.getByRole('heading', { level: 2, name: 'Identity' }).waitFor();
    await expectNoAxeViolations(page, 'participant page (en)');
    await page.getByRole('link', { name: 'Back to the participant list' }).click();
    await page.getByRole('heading', { level: 1, name: 'Participants' }).waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'participant list (en)');
    await context.close();
  });

  it('shows open needs and bottlenecks, ranks candidates with reasons and proposes one, with no axe violations', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'labour-market@goteborg.example');
    await page.getByRole('navigation', { name: /huvud|main/i }).getByRole('link', { name: 'Matchning' }).click();
    await page.getByRole('heading', { level: 1, name: 'Matchning' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Flaskhalsar' }).waitFor();
    await waitForSettled(page);
    await expect(page.getByText(/SSYK 7212/).count()).resolves.toBeGreaterThan(0);
    await expectNoAxeViolations(page, 'needs and bottlenecks (sv)');
    await page.getByRole('table', { name: 'Öppna rekryteringsbehov' }).getByRole('link').nth(1).click();
    await page.getByRole('heading', { level: 2, name: 'Rangordnade kandidater' }).waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'need with candidates (sv)');
    const propose = page.getByRole('button', { name: /^Föreslå / }).first();
    await propose.focus();
    await page.keyboard.press('Enter');
    await page.getByText('Kandidaten är föreslagen.').waitFor();
    await expect(page.getByText('Redan föreslagen.').count()).resolves.toBeGreaterThan(0);
    await switchLanguage(page, 'English');
    await page.getByRole('heading', { level: 2, name: 'Ranked candidates' }).waitFor();
    await expectNoAxeViolations(page, 'need with candidates (en)');
    await context.close();
  });

  it('does not offer participants to a viewer', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'viewer@goteborg.example');
    await expect(page.getByRole('navigation', { name: /huvud|main/i }).getByRole('link', { name: 'Deltagare' }).count()).resolves.toBe(0);
    await page.goto('/participants');
    await page.getByText('Den här sidan är för arbetsmarknadsenheten.').waitFor();
    await expectNoAxeViolations(page, 'participants, no access');
    await context.close();
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, expectNoAxeViolations, launchBrowser, logIn, newPage } from './support/browser.js';

/*
 * The supplier portal in the browser (demo data): Lokalvård Väst's account at phone width,
 * in Swedish and English, by role and accessible name; axe on every supplier page; the steps
 * of a "nothing has changed" report counted; the coordinator approving a report.
 */
const SUPPLIER = 'supplier@lokalvard-vast.example';
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => ![...document.querySelectorAll('[role=status]')].some((e) => /Laddar|Loading/.test(e.textContent ?? '')));
  await page.waitForTimeout(300);
}

async function phonePage() {
  const { context, page } = await newPage(browser);
  await page.setViewportSize({ width: 375, height: 800 });
  return { context, page };
}

async function fitsPhoneWidth(page: Page, name: string): Promise<void> {
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width, `${name} scrolls sideways at 375 px`).toBeLessThanOrEqual(375);
}

/** Signs in by keyboard, as a site manager on a phone might; the supplier lands on their contracts. */
async function signInAsSupplier(page: Page): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-postadress', { exact: true }).fill(SUPPLIER);
  await page.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByLabel('Lösenord', { exact: true }).press('Enter');
  await page.getByRole('heading', { level: 1, name: 'Mina avtal' }).waitFor();
}

describe('supplier portal', () => {
  it('"nothing has changed" takes two actions after signing in, by keyboard, at 375 px, without axe violations', async () => {
    const { context, page } = await phonePage();
    await signInAsSupplier(page);
    await settle(page);
    await fitsPhoneWidth(page, 'my contracts');
    await expectNoAxeViolations(page, 'supplier home (sv)');
    expect(await page.getByRole('heading', { level: 2 }).count()).toBeGreaterThanOrEqual(2);
    await page.getByText(/^Beställare: Göteborg/).first().waitFor();
    await page.getByText(/^Beställare: Borås/).first().waitFor();
    let actions = 0;
    // Action 1: the report link of the Göteborg contract (keyboard: focus and Enter).
    const link = page.getByRole('link', { name: /^Rapportera period \d+ för .*\(Göteborg[^)]*\)$/ }).first();
    await link.focus();
    await page.keyboard.press('Enter');
    actions += 1;
    await page.getByRole('heading', { level: 1, name: /^Rapport för period \d+/ }).waitFor();
    await settle(page);
    await fitsPhoneWidth(page, 'report form');
    await expectNoAxeViolations(page, 'report form (sv)');
    await expect(page.getByLabel('Ditt namn').inputValue()).resolves.toMatch(/Lokalvård Väst/);
    // Action 2: "nothing has changed".
    await page.getByRole('button', { name: 'Inget har ändrats – skicka rapporten' }).focus();
    await page.keyboard.press('Enter');
    actions += 1;
    await page.getByText(/^Tack! Rapporten är skickad till Göteborg/).waitFor();
    expect(actions).toBeLessThanOrEqual(2);
    await page.getByRole('heading', { level: 2, name: 'Skickad rapport' }).waitFor();
    await expectNoAxeViolations(page, 'report sent (sv)');
    await context.close();
  });

  it('every supplier page works in English too, at 375 px, without axe violations', async () => {
    const { context, page } = await phonePage();
    await signInAsSupplier(page);
    await page.getByRole('radio', { name: 'English', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'My contracts' }).waitFor();
    await settle(page);
    await expectNoAxeViolations(page, 'supplier home (en)');
    await page.getByRole('link', { name: /.+/ }).filter({ has: page.locator('xpath=ancestor::h2') }).first().click();
    await page.getByRole('heading', { level: 2, name: 'What you promised' }).waitFor();
    await settle(page);
    await fitsPhoneWidth(page, 'contract page');
    await expectNoAxeViolations(page, 'supplier contract (en)');
    await page.getByRole('radio', { name: 'Svenska', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Det här har ni lovat' }).waitFor();
    await expectNoAxeViolations(page, 'supplier contract (sv)');
    await context.close();
  });

  it('the coordinator approves a supplier’s report from the contract page', async () => {
    const supplier = await phonePage();
    await signInAsSupplier(supplier.page);
    const list = (await (await supplier.page.request.get('/api/supplier/contracts')).json()) as { items: Array<{ id: string; buyer: { slug: string } }> };
    const contract = list.items.find((c) => c.buyer.slug === 'goteborg')!;
    await supplier.context.close();
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.goto(`/contracts/${contract.id}`);
    await page.getByRole('heading', { level: 2, name: 'Leverantörens rapporter' }).waitFor();
    await settle(page);
    await expectNoAxeViolations(page, 'contract page with supplier reports');
    const approve = page.getByRole('button', { name: /^Godkänn rapporten för period \d+$/ }).first();
    await approve.click();
    await page.getByText('Godkänd av beställaren').first().waitFor();
    await context.close();
  });
});

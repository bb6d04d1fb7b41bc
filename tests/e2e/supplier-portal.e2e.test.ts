import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, expectNoAxeViolations, launchBrowser, logIn, newPage } from './support/browser.js';
import { waitForSettled } from './support/ui.js';

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

async function phonePage() {
  const { context, page } = await newPage(browser, { acceptDownloads: true });
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
    await waitForSettled(page);
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
    await waitForSettled(page);
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
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'supplier home (en)');
    await page.getByRole('link', { name: /.+/ }).filter({ has: page.locator('xpath=ancestor::h2') }).first().click();
    await page.getByRole('heading', { level: 2, name: 'What you promised' }).waitFor();
    await waitForSettled(page);
    await fitsPhoneWidth(page, 'contract page');
    await expectNoAxeViolations(page, 'supplier contract (en)');
    await page.getByRole('radio', { name: 'Svenska', exact: true }).click();
    await page.getByRole('heading', { level: 2, name: 'Det här har ni lovat' }).waitFor();
    await expectNoAxeViolations(page, 'supplier contract (sv)');
    await context.close();
  });

  it('after a question, the supplier in English attaches evidence, reports again from the .xlsx template (download → upload → preview → send) and answers in the thread, axe on each state', async () => {
    const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'hansyn-xlsx-'));
    const supplier = await phonePage();
    await signInAsSupplier(supplier.page);
    const list = (await (await supplier.page.request.get('/api/supplier/contracts')).json()) as { items: Array<{ id: string; buyer: { slug: string } }> };
    const contractId = list.items.find((c) => c.buyer.slug === 'goteborg')!.id;
    const detail = (await (await supplier.page.request.get(`/api/supplier/contracts/${contractId}`)).json()) as { periods: Array<{ sequence: number; status: string }> };
    const sequence = detail.periods.find((p) => p.status === 'submitted')!.sequence;

    // The coordinator asks a question about the report the first test sent.
    const buyer = await newPage(browser);
    await logIn(buyer.page, 'coordinator@goteborg.example');
    await buyer.page.goto(`/contracts/${contractId}`);
    await buyer.page.getByRole('heading', { level: 2, name: 'Leverantörens rapporter' }).waitFor();
    await waitForSettled(buyer.page);
    const card = buyer.page.getByRole('listitem').filter({ has: buyer.page.getByRole('heading', { level: 3, name: `Rapport för period ${sequence}` }) });
    await card.getByLabel('Fråga till leverantören').fill('Har ni anställt någon under perioden?');
    await card.getByRole('button', { name: 'Ställ frågan' }).click();
    await card.getByText('Beställaren har en fråga – svara nedan').waitFor();
    await buyer.context.close();

    const { page } = supplier;
    await page.getByRole('radio', { name: 'English', exact: true }).click();
    await page.getByRole('heading', { level: 1, name: 'My contracts' }).waitFor();
    await page.goto(`/supplier/contracts/${contractId}/periods/${sequence}`);
    await page.getByRole('heading', { level: 1, name: new RegExp(`^Report for period ${sequence}`) }).waitFor();
    await waitForSettled(page);
    await page.getByText('Har ni anställt någon under perioden?').waitFor();
    await fitsPhoneWidth(page, 'report form (en)');
    await expectNoAxeViolations(page, 'report form with a question (en)');

    // Evidence.
    const pdf = path.join(tmp, 'employment-contract.pdf');
    fs.writeFileSync(pdf, '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    await page.getByLabel('Attach the employment contract').setInputFiles(pdf);
    await page.getByRole('button', { name: 'Upload', exact: true }).click();
    await page.getByText('The file is uploaded.').waitFor();
    await page.getByRole('link', { name: 'employment-contract.pdf' }).waitFor();
    await expectNoAxeViolations(page, 'evidence uploaded (en)');

    // The .xlsx: download the template, add a hire, upload, preview, send.
    const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: `Download the template for period ${sequence} (.xlsx)` }).click()]);
    const templatePath = path.join(tmp, download.suggestedFilename());
    await download.saveAs(templatePath);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.readFile(templatePath);
    const periodText = String(workbook.getWorksheet('Instruktioner')!.getCell('C2').value);
    const periodStart = periodText.slice(0, 10);
    const sheet = workbook.getWorksheet('Rapport')!;
    const hireRow = sheet.rowCount + 1;
    sheet.addRow(['', 'DEMO-XLSX-1', '', periodStart, 100, 'Lärlingsanställning', '9111']);
    const filled = path.join(tmp, 'filled.xlsx');
    await workbook.xlsx.writeFile(filled);
    await page.getByLabel('The filled-in template').setInputFiles(filled);
    await page.getByRole('button', { name: 'Check the file' }).click();
    await page.getByRole('heading', { level: 3, name: 'This will be sent from the file' }).waitFor();
    await page.getByText(new RegExp(`^New: DEMO-XLSX-1 .*\\(row ${hireRow}\\)$`)).waitFor();
    await fitsPhoneWidth(page, 'xlsx preview (en)');
    await expectNoAxeViolations(page, 'xlsx preview (en)');
    await page.getByRole('button', { name: 'Send the report from the file' }).click();
    await page.getByText(/^Thank you! The report has been sent to Göteborg/).waitFor();
    await page.getByText('Sent – waiting for the buyer').waitFor();
    await expectNoAxeViolations(page, 'report sent from the file (en)');
    // The answer in the thread (a pending report takes comments too).
    await page.getByLabel('Your answer').fill('Ja, en lärling från april. Se filen.');
    await page.getByRole('button', { name: 'Send the answer' }).click();
    await page.getByText('Ja, en lärling från april. Se filen.').waitFor();
    await expectNoAxeViolations(page, 'comment answered (en)');

    const form = (await (await page.request.get(`/api/supplier/contracts/${contractId}/periods/${sequence}`)).json()) as { report: { status: string; hires: Array<{ participantRef: string }> } };
    expect(form.report).toMatchObject({ status: 'pending', hires: [{ participantRef: 'DEMO-XLSX-1' }] });
    await supplier.context.close();
    fs.rmSync(tmp, { recursive: true, force: true });
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
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'contract page with supplier reports');
    const approve = page.getByRole('button', { name: /^Godkänn rapporten för period \d+$/ }).first();
    await approve.click();
    await page.getByText('Godkänd av beställaren').first().waitFor();
    await context.close();
  });
});

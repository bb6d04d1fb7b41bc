/**
 * Screenshots of the supplier portal for docs/supplier-portal.md, at phone width (375 px) and on
 * a desktop (1280 px), from a running server with fresh demo data:
 *
 *     HANSYN_DATA_DIR=$(mktemp -d) HANSYN_DEMO=true node bin/hansyn.js serve &
 *     npx tsx scripts/take-supplier-screenshots.ts   # BASE_URL=http://127.0.0.1:3000, CHROMIUM_PATH
 *
 * Signs in as Lokalvård Väst's demo account and walks the flow: its contracts, one contract, the
 * period's report form, the preview of an uploaded .xlsx report, and — after sending it — the
 * report with evidence and a comment. It reports the Göteborg period, so run it on fresh data.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { chromium, type Browser, type Page } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'docs', 'screenshots');
const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'hansyn-demo-2026';
const WIDTHS = { phone: 375, desktop: 1280 } as const;
type Width = keyof typeof WIDTHS;

async function shoot(page: Page, name: string, width: Width): Promise<void> {
  await page.waitForFunction(() => ![...document.querySelectorAll('[role=status]')].some((e) => /Laddar/.test(e.textContent ?? '')));
  await page.waitForTimeout(500);
  const file = path.join(OUT, `${name}${width === 'desktop' ? '-desktop' : ''}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`${path.relative(ROOT, file)} (${Math.round(fs.statSync(file).size / 1024)} kB)`);
}

async function signedIn(browser: Browser, width: Width): Promise<Page> {
  const context = await browser.newContext({ baseURL: BASE_URL, locale: 'sv-SE', acceptDownloads: true, viewport: { width: WIDTHS[width], height: 812 } });
  context.setDefaultTimeout(30_000);
  const page = await context.newPage();
  await page.goto('/login');
  await page.getByLabel('E-postadress', { exact: true }).fill('supplier@lokalvard-vast.example');
  await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Mina avtal' }).waitFor();
  return page;
}

/** The period's template with one new hire added, as a supplier would fill it in. */
async function filledTemplate(page: Page, dir: string, width: Width): Promise<string> {
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('link', { name: /^Ladda ned mallen för period \d+/ }).click()]);
  const template = path.join(dir, download.suggestedFilename());
  await download.saveAs(template);
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(template);
  const periodStart = String(workbook.getWorksheet('Instruktioner')!.getCell('C2').value).slice(0, 10);
  workbook.getWorksheet('Rapport')!.addRow(['', 'AME-2041', '', periodStart, 100, 'Lärlingsanställning', '9111']);
  // One file per page: the browser reads a chosen file again on sending, and refuses a changed one.
  const filled = path.join(dir, width, 'rapport-ifylld.xlsx');
  fs.mkdirSync(path.dirname(filled), { recursive: true });
  await workbook.xlsx.writeFile(filled);
  return filled;
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'hansyn-shots-'));
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const pages = { phone: await signedIn(browser, 'phone'), desktop: await signedIn(browser, 'desktop') };
    let reportUrl = '';
    let contractUrl = '';
    for (const width of ['phone', 'desktop'] as const) {
      const page = pages[width];
      await shoot(page, 'supplier-home', width);
      const link = page.getByRole('link', { name: /^Rapportera period \d+ för .*\(Göteborg[^)]*\)$/ }).first();
      reportUrl = (await link.getAttribute('href'))!;
      contractUrl = reportUrl.replace(/\/periods\/\d+$/, '');
      await page.goto(contractUrl);
      await page.getByRole('heading', { level: 2, name: 'Det här har ni lovat' }).waitFor();
      await shoot(page, 'supplier-contract', width);
      await page.goto(reportUrl);
      await page.getByRole('heading', { level: 1, name: /^Rapport för period/ }).waitFor();
      await shoot(page, 'supplier-report', width);
      // The preview stores nothing, so both widths can show it.
      await page.getByLabel('Den ifyllda mallen').setInputFiles(await filledTemplate(page, dir, width));
      await page.getByRole('button', { name: 'Granska filen' }).click();
      await page.getByRole('heading', { level: 3, name: 'Det här skickas från filen' }).waitFor();
      await page.getByRole('heading', { level: 2, name: 'Rapportera med Excel' }).scrollIntoViewIfNeeded();
      await shoot(page, 'supplier-xlsx-preview', width);
    }
    // Send from the phone, then attach evidence and write in the thread.
    const phone = pages.phone;
    await phone.getByRole('button', { name: 'Skicka rapporten från filen' }).click();
    await phone.getByText(/^Tack! Rapporten är skickad/).waitFor();
    const pdf = path.join(dir, 'anstallningsavtal-AME-2041.pdf');
    fs.writeFileSync(pdf, '%PDF-1.4\n1 0 obj<</Type/Catalog>>endobj\ntrailer<</Root 1 0 R>>\n%%EOF\n');
    await phone.getByLabel('Bifoga anställningsavtal').setInputFiles(pdf);
    await phone.getByRole('button', { name: 'Ladda upp', exact: true }).click();
    await phone.getByText('Filen är uppladdad.').waitFor();
    await phone.getByLabel('Ditt svar').fill('Avtalet för AME-2041 är bifogat. Hör av er om ni behöver något mer.');
    await phone.getByRole('button', { name: 'Skicka svaret' }).click();
    await phone.getByText('Avtalet för AME-2041 är bifogat.', { exact: false }).waitFor();
    for (const width of ['phone', 'desktop'] as const) {
      const page = pages[width];
      await page.goto(reportUrl);
      await page.getByRole('heading', { level: 2, name: 'Skickad rapport' }).waitFor();
      await shoot(page, 'supplier-evidence-comments', width);
    }
  } finally {
    await browser.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

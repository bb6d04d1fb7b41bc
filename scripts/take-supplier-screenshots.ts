/**
 * Screenshots of the supplier portal for docs/supplier-portal.md, at phone width (375 px), from a
 * running server with demo data:
 *
 *     node bin/hansyn.js serve &
 *     npx tsx scripts/take-supplier-screenshots.ts   # BASE_URL=http://127.0.0.1:3000, CHROMIUM_PATH
 *
 * Signs in as Lokalvård Väst's demo account and takes its contracts and a period's report form.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'docs', 'screenshots');
const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'hansyn-demo-2026';

async function shoot(page: Page, name: string): Promise<void> {
  await page.waitForFunction(() => ![...document.querySelectorAll('[role=status]')].some((e) => /Laddar/.test(e.textContent ?? '')));
  await page.waitForTimeout(500);
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file, fullPage: true });
  console.log(`${path.relative(ROOT, file)} (${Math.round(fs.statSync(file).size / 1024)} kB)`);
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext({ baseURL: BASE_URL, locale: 'sv-SE', viewport: { width: 375, height: 812 } });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('E-postadress', { exact: true }).fill('supplier@lokalvard-vast.example');
    await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Mina avtal' }).waitFor();
    await shoot(page, 'supplier-home');
    await page.getByRole('link', { name: /^Rapportera period \d+ för/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /^Rapport för period/ }).waitFor();
    await shoot(page, 'supplier-report');
    await context.close();
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { fileServerUrl } from './file-server.js';

export const DEMO_PASSWORD = 'hansyn-demo-2026';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function baseUrl(): string {
  return fileServerUrl();
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS, headless: true });
}

/** A fresh context (no cookies, Swedish unless `locale` says otherwise, no stored language) and page. */
export async function newPage(browser: Browser, options: { acceptDownloads?: boolean; locale?: string } = {}): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ baseURL: baseUrl(), locale: options.locale ?? 'sv-SE', acceptDownloads: options.acceptDownloads ?? false, viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  return { context, page };
}

/** Signs in through the login form, as a person would. */
export async function logIn(page: Page, email: string, password = DEMO_PASSWORD): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-postadress', { exact: true }).fill(email);
  await page.getByLabel('Lösenord', { exact: true }).fill(password);
  await page.getByRole('button', { name: 'Logga in' }).click();
  await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
}

/** Runs axe-core with the WCAG 2.1 A and AA rules and the best practices, and fails on any violation. */
export async function expectNoAxeViolations(page: Page, name: string): Promise<void> {
  // WCAG 2.1 A/AA and axe's best practices (landmark-unique, region, heading-order …); every
  // violation fails, whatever its impact (issue 11 item 10).
  const results = await new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']).analyze();
  const violations = results.violations.map((v) => ({
    id: v.id,
    impact: v.impact,
    help: v.help,
    nodes: v.nodes.map((n) => ({ target: n.target.join(' '), summary: n.failureSummary })),
  }));
  if (violations.length > 0) console.error(`axe violations on ${name}:\n${JSON.stringify(violations, null, 2)}`);
  expect(violations, `axe violations on ${name}`).toEqual([]);
}

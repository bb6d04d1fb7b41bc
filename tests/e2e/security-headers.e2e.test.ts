import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, newPage } from './support/browser.js';
import { waitForSettled } from './support/ui.js';

/**
 * The app really works under its Content-Security-Policy (issue 8 item 6): the main pages and
 * Swagger UI load, and the browser reports no policy violation on any of them.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** Records every CSP violation the page reports, from the DOM event and from the console. */
async function recordViolations(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on('console', (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text())) violations.push(`console: ${message.text()}`);
  });
  await page.exposeFunction('__reportCspViolation', (text: string) => violations.push(text));
  await page.addInitScript(() => {
    document.addEventListener('securitypolicyviolation', (event) => {
      (window as unknown as { __reportCspViolation(t: string): void }).__reportCspViolation(
        `${event.violatedDirective} blocked ${event.blockedURI || 'inline'} at ${event.sourceFile}:${event.lineNumber}`,
      );
    });
  });
  return violations;
}

describe('Content-Security-Policy in the browser', () => {
  it('the main pages load without a single violation', async () => {
    const { context, page } = await newPage(browser);
    const violations = await recordViolations(page);
    const response = await page.goto('/login');
    expect(response?.headers()['content-security-policy']).toContain("script-src 'self'");
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await logIn(page, 'coordinator@goteborg.example');
    await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
    for (const [url, heading] of [
      ['/procurements', 'Upphandlingar'],
      ['/procurements/new', /upphandling/i],
      ['/library', /./],
      ['/market', /./],
    ] as const) {
      await page.goto(url);
      await page.getByRole('heading', { level: 1, name: heading }).first().waitFor();
      await waitForSettled(page);
    }
    // A procurement's page, reached through the register.
    await page.goto('/procurements');
    await page.getByRole('grid', { name: 'Upphandlingsregister' }).getByRole('rowheader').first().getByRole('link').first().click();
    await page.getByRole('heading', { level: 1 }).waitFor();
    await waitForSettled(page);
    expect(violations).toEqual([]);
    await context.close();
  });

  it('Swagger UI at /api/docs renders under its own policy without violations', async () => {
    const { context, page } = await newPage(browser);
    const violations = await recordViolations(page);
    await page.goto('/api/docs');
    await page.getByText('Hänsyn API').first().waitFor();
    await page.locator('.opblock').first().waitFor();
    expect(violations).toEqual([]);
    await context.close();
  });

  it('the recorder can fail: an inline script is reported', async () => {
    const { context, page } = await newPage(browser);
    const violations = await recordViolations(page);
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.evaluate(() => {
      const script = document.createElement('script');
      script.textContent = 'window.__inline = 1';
      document.body.append(script);
    });
    await expect.poll(() => violations.length).toBeGreaterThan(0);
    await context.close();
  });
});

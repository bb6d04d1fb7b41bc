import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, logIn, newPage } from './support/browser.js';
import { chooseOption, waitForSettled } from './support/ui.js';

const FIXTURE = fileURLToPath(new URL('../fixtures/eforms/sdk-examples/cn-social_25.xml', import.meta.url));

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('eForms import and market view', () => {
  it('imports a notice through the upload page, shows it in the market view and drills down to it', async (test) => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    // The market API comes with the notices backend; without it there is nothing to test.
    const probe = await page.request.get('/api/market/social-considerations');
    if (probe.status() === 404) {
      await context.close();
      test.skip(true, 'The server has no market API (/api/market/*) yet');
      return;
    }

    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Marknadsbild' }).click();
    await page.getByRole('heading', { level: 1, name: 'Marknadsbild' }).waitFor();
    await page.getByRole('link', { name: 'Importera eForms-annonser' }).first().click();
    await page.getByRole('heading', { level: 1, name: 'Importera eForms-annonser' }).waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'eForms import');

    const chooser = page.waitForEvent('filechooser');
    await page.getByRole('button', { name: 'Välj fil' }).click();
    await (await chooser).setFiles({ name: path.basename(FIXTURE), mimeType: 'application/xml', buffer: fs.readFileSync(FIXTURE) });
    await page.getByText(`Vald fil: ${path.basename(FIXTURE)}`).waitFor();
    await page.getByRole('button', { name: 'Importera', exact: true }).click();
    const result = page.getByRole('heading', { level: 3, name: 'Resultat' });
    await result.waitFor();
    const read = page.getByRole('definition').first();
    expect(await read.textContent()).toBe('1');
    await page.getByRole('table', { name: 'Tidigare importer av eForms-annonser' }).getByRole('row').nth(1).waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'eForms import with a result');

    // The market view, grouped by social code, drilled down to the notice.
    await page.getByRole('link', { name: 'Till marknadsbilden' }).click();
    await page.getByRole('heading', { level: 1, name: 'Marknadsbild' }).waitFor();
    const groups = page.getByRole('table', { name: 'Annonser med sociala hänsyn per grupp' });
    await groups.getByRole('rowheader').first().waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'market view');
    await chooseOption(page, 'Gruppera efter', 'Kod för sociala hänsyn');
    await page.waitForURL(/groupBy=socialCode/);
    await waitForSettled(page);
    await groups.getByRole('button', { name: /^Visa annonser för / }).first().click();
    await page.waitForURL(/social=any/);
    const notices = page.getByRole('table', { name: 'Annonser', exact: true });
    await notices.getByRole('rowheader').first().waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'market view with notices');
    await notices.getByRole('rowheader').first().getByRole('link').click();

    await page.getByRole('heading', { level: 2, name: 'Signaler om sociala hänsyn' }).waitFor();
    const signals = page.getByRole('table', { name: 'Signaler om sociala hänsyn med affärstermer' });
    expect(await signals.textContent()).toMatch(/BT-(06|775|71|736|70)/);
    await page.getByRole('heading', { level: 2, name: 'Delområden' }).waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'notice');
    await context.close();
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, logIn, newPage } from './support/browser.js';
import { chooseOption, waitForSettled } from './support/ui.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const marker = `E2E-${String(Date.now()).slice(-6)}`;

const announced = (page: Page, text: string | RegExp) => page.getByTestId('announcer').filter({ hasText: text }).waitFor();

describe('requirement library', () => {
  it('edits a draft with a live preview in both languages, publishes and shares it; Borås copies it', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Kravbibliotek' }).click();
    await page.getByRole('heading', { level: 1, name: 'Kravbibliotek' }).waitFor();
    const table = page.getByRole('table', { name: 'Kravmallar' });
    await table.getByRole('rowheader').first().waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'library');

    // Filter by level: only basic templates remain.
    await chooseOption(page, 'Nivå', 'Grundnivå');
    await page.waitForURL(/level=basic/);
    // The router commits the new URL in a transition, before the filtered list is asked for:
    // poll the rows until the filtered answer is on screen rather than reading them once.
    await expect
      .poll(async () => [...new Set(await table.locator('tbody tr td:nth-child(3)').allTextContents())], { timeout: 15_000 })
      .toEqual(['Grundnivå']);
    await waitForSettled(page);

    await table.getByRole('link', { name: 'Praktikplatser' }).click();
    await page.getByRole('heading', { level: 1, name: 'Praktikplatser' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Versioner' }).waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'template');

    // Edit: the preview follows the text in both languages.
    await page.getByRole('button', { name: /Skapa nytt utkast|Redigera utkastet/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Redigera utkast' }).waitFor();
    const bodySv = page.getByRole('textbox', { name: 'Kravtext (svenska)' });
    await bodySv.fill(`${await bodySv.inputValue()} Svensk ${marker}.`);
    const bodyEn = page.getByRole('textbox', { name: 'Kravtext (engelska)' });
    await bodyEn.fill(`${await bodyEn.inputValue()} English ${marker}.`);
    await page.getByTestId('preview-body-sv').filter({ hasText: `Svensk ${marker}` }).waitFor();
    await page.getByTestId('preview-body-en').filter({ hasText: `English ${marker}` }).waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'template editor with preview');
    await page.getByRole('button', { name: 'Spara utkastet' }).click();
    await announced(page, 'Utkastet är sparat.');

    // Publish, after a confirmation that published versions cannot change.
    await page.getByRole('button', { name: 'Publicera' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Publicera versionen' });
    await dialog.getByText(/Publicerade versioner kan aldrig ändras/).waitFor();
    await expectNoAxeViolations(page, 'publish dialog');
    await dialog.getByRole('button', { name: 'Publicera' }).click();
    await announced(page, /Version \d+ är publicerad\./);
    const versions = page.getByRole('table', { name: 'Mallens versioner' });
    expect(await versions.getByText('Utkast').count()).toBe(0);

    const share = page.getByRole('button', { name: 'Dela i delade biblioteket' });
    if ((await share.count()) > 0) {
      await share.click();
      await announced(page, 'Mallen delas nu med andra organisationer.');
    }
    await page.getByRole('button', { name: 'Sluta dela' }).waitFor();
    await page.getByText('Delad', { exact: true }).first().waitFor();
    await context.close();

    // Borås finds it in the shared library and copies it.
    const boras = await newPage(browser);
    await logIn(boras.page, 'coordinator@boras.example');
    await boras.page.goto('/library?scope=shared');
    const shared = boras.page.getByRole('table', { name: 'Kravmallar' });
    const row = shared.getByRole('row').filter({ hasText: 'Göteborgs Stad' }).filter({ hasText: 'Praktikplatser' });
    await row.first().getByRole('link', { name: 'Praktikplatser' }).click();
    await boras.page.getByText(/Mallen tillhör Göteborgs Stad/).waitFor();
    await boras.page.getByTestId('preview-body-sv').filter({ hasText: `Svensk ${marker}` }).waitFor();
    await waitForSettled(boras.page);
    await expectNoAxeViolations(boras.page, 'shared template of another organisation');
    await boras.page.getByRole('button', { name: 'Kopiera till vårt bibliotek' }).click();
    await announced(boras.page, 'Mallen är kopierad till ert bibliotek som ett utkast.');
    await boras.page.getByRole('button', { name: 'Redigera utkastet' }).waitFor();
    expect(await boras.page.getByRole('table', { name: 'Mallens versioner' }).getByText('Utkast').count()).toBe(1);
    await boras.page.getByTestId('preview-body-sv').filter({ hasText: `Svensk ${marker}` }).waitFor();
    await boras.context.close();
  });

  it('manages target groups: add, rename, deactivate', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.goto('/library/target-groups');
    await page.getByRole('heading', { level: 1, name: 'Målgrupper' }).waitFor();
    await waitForSettled(page);
    await expectNoAxeViolations(page, 'target groups');

    const code = `e2e_${String(Date.now()).slice(-6)}`;
    await page.getByRole('button', { name: 'Lägg till målgrupp' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lägg till målgrupp' });
    await dialog.waitFor();
    await expectNoAxeViolations(page, 'add target group dialog');
    await dialog.getByRole('textbox', { name: 'Kod' }).fill(code);
    await dialog.getByRole('textbox', { name: 'Benämning på svenska' }).fill('unga vuxna i testet');
    await dialog.getByRole('textbox', { name: 'Benämning på engelska' }).fill('young adults in the test');
    await dialog.getByRole('button', { name: 'Spara' }).click();
    await announced(page, 'unga vuxna i testet är sparad.');

    await page.getByRole('button', { name: 'Byt namn på unga vuxna i testet' }).click();
    const rename = page.getByRole('dialog', { name: 'Byt namn på målgrupp' });
    await rename.getByRole('textbox', { name: 'Benämning på svenska' }).fill('unga vuxna i e2e');
    await rename.getByRole('button', { name: 'Spara' }).click();
    await announced(page, 'unga vuxna i e2e är sparad.');

    await page.getByRole('button', { name: 'Inaktivera unga vuxna i e2e' }).click();
    await announced(page, 'unga vuxna i e2e är inaktiverad.');
    const row = page.getByRole('row').filter({ hasText: code });
    await row.getByText('Inaktiv', { exact: true }).waitFor();
    await context.close();
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, newPage } from './support/browser.js';
import { chooseOption, chooseOptions } from './support/ui.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const resultCount = async (page: Page): Promise<number> => {
  const text = (await page.getByRole('heading', { level: 2, name: /^Resultat/ }).textContent()) ?? '';
  return Number(/\((\d+)/.exec(text.replace(/\s/g, ''))?.[1] ?? 'NaN');
};

/** Runs an action that changes the view and waits for the register to show the new answer. */
async function andWaitForList(page: Page, action: () => Promise<unknown>, urlPart: RegExp): Promise<void> {
  const answered = page.waitForResponse((r) => r.url().includes('/api/procurements?') && urlPart.test(decodeURIComponent(r.url())));
  await action();
  await answered;
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]'));
}

describe('procurement register', () => {
  it('filters by status, contract nature and free text, keeps the view in the URL and sorts with aria-sort', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await andWaitForList(page, () => page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Upphandlingar' }).click(), /page=1/);
    await page.getByRole('heading', { level: 1, name: 'Upphandlingar' }).waitFor();
    const table = page.getByRole('grid', { name: 'Upphandlingsregister' });
    const all = await resultCount(page);
    expect(all).toBeGreaterThan(50);

    await andWaitForList(page, () => chooseOptions(page, 'Status', ['Tilldelad']), /status=awarded/);
    expect(page.url()).toMatch(/status=awarded/);
    const awarded = await resultCount(page);
    expect(awarded).toBeGreaterThan(0);
    expect(awarded).toBeLessThan(all);
    const statusCells = await table.locator('.badge:not([class*="badge--tone"])').allTextContents();
    expect(new Set(statusCells)).toEqual(new Set(['Tilldelad']));

    await andWaitForList(page, () => chooseOption(page, 'Typ av kontrakt', 'Tjänster'), /contractNature=services/);
    expect(page.url()).toMatch(/contractNature=services/);

    // Free text is debounced, then lands in the URL too.
    await andWaitForList(page, () => page.getByRole('searchbox', { name: 'Sök' }).fill('städning'), /q=städning/);
    expect(decodeURIComponent(page.url())).toMatch(/q=städning/);
    const rows = await table.getByRole('row').count();
    const filtered = await resultCount(page);
    expect(filtered).toBeLessThanOrEqual(awarded);
    expect(rows - 1).toBe(Math.min(filtered, 25) || 1);

    // A shared or reloaded link shows the same view.
    const url = page.url();
    await andWaitForList(page, () => page.reload(), /q=städning/);
    await page.getByRole('heading', { level: 1, name: 'Upphandlingar' }).waitFor();
    expect(page.url()).toBe(url);
    expect(await page.getByRole('searchbox', { name: 'Sök' }).inputValue()).toBe('städning');
    expect(await resultCount(page)).toBe(filtered);

    // Clearing the filters shows everything again; then sort by title.
    await andWaitForList(page, () => page.getByRole('button', { name: 'Rensa filtren' }).click(), /page=1&/);
    expect(new URL(page.url()).search).toBe('');
    expect(await resultCount(page)).toBe(all);
    const titleHeader = table.getByRole('columnheader', { name: /Titel/ });
    expect(await titleHeader.getAttribute('aria-sort')).toBe('none');
    await andWaitForList(page, () => titleHeader.click(), /sort=title/);
    expect(page.url()).toMatch(/sort=title/);
    expect(await titleHeader.getAttribute('aria-sort')).toBe('ascending');
    const titles = await table.getByRole('rowheader').allTextContents();
    const sorted = [...titles].sort((a, b) => a.localeCompare(b, 'sv'));
    expect(titles.slice(0, 5).map((t) => t.slice(0, 3))).toEqual(sorted.slice(0, 5).map((t) => t.slice(0, 3)));

    // Paging is in the URL as well.
    await page.getByRole('button', { name: /Nästa sida/ }).click();
    await page.waitForURL(/page=2/);
    await page.getByText(/Visar 26–50 av/).waitFor();
    await context.close();
  });

  it('offers exports of the current view as .xlsx and .csv', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.goto('/procurements?status=planned&q=skola');
    await page.getByRole('heading', { level: 1, name: 'Upphandlingar' }).waitFor();
    const xlsx = await page.getByRole('link', { name: 'Exportera till Excel (.xlsx)' }).getAttribute('href');
    const csv = await page.getByRole('link', { name: 'Exportera till CSV' }).getAttribute('href');
    expect(xlsx).toMatch(/^\/api\/procurements\/export\.xlsx\?/);
    expect(new URL(xlsx!, 'http://x').searchParams.getAll('status')).toEqual(['planned']);
    expect(new URL(csv!, 'http://x').searchParams.get('q')).toBe('skola');

    // The links answer files (with this session's cookie), filtered like the view.
    const csvFile = await page.request.get(csv!);
    expect(csvFile.status()).toBe(200);
    expect(csvFile.headers()['content-type']).toMatch(/text\/csv/);
    expect(csvFile.headers()['content-disposition']).toMatch(/attachment/);
    const lines = (await csvFile.text()).trim().split(/\r?\n/);
    expect(lines[0]).toContain('Diarienummer');
    const xlsxFile = await page.request.get(xlsx!);
    expect(xlsxFile.status()).toBe(200);
    expect((await xlsxFile.body()).subarray(0, 2).toString()).toBe('PK');
    await context.close();
  });

  it('shows a viewer no buttons to create, import, edit, delete or change status', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'viewer@goteborg.example');
    await andWaitForList(page, () => page.goto('/procurements?status=planned'), /status=planned/);
    await page.getByRole('heading', { level: 1, name: 'Upphandlingar' }).waitFor();
    const table = page.getByRole('grid', { name: 'Upphandlingsregister' });
    expect(await page.getByRole('link', { name: 'Ny upphandling' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Importera från kalkylblad' }).count()).toBe(0);
    expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).count()).toBe(0);

    await table.getByRole('rowheader').first().getByRole('link').click();
    await page.getByRole('heading', { level: 2, name: 'Uppgifter' }).waitFor();
    expect(await page.getByRole('link', { name: 'Ändra uppgifter' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: 'Ta bort upphandlingen' }).count()).toBe(0);
    expect(await page.getByRole('button', { name: /Påbörja|Markera|Avbryt upphandlingen/ }).count()).toBe(0);
    expect(await page.getByRole('heading', { name: 'Historik' }).count()).toBe(0);
    await context.close();
  });
});

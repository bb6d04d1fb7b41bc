import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, newPage } from './support/browser.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const suffix = String(Date.now()).slice(-6);

/** The template's header line (UTF-8 with BOM, semicolons), as the server writes it. */
async function templateHeaders(page: Page): Promise<{ headers: string[]; separator: string }> {
  const response = await page.request.get('/api/procurements/import-template.csv');
  expect(response.ok()).toBe(true);
  const firstLine = (await response.text()).replace(/^\uFEFF/, '').split(/\r?\n/)[0]!;
  const separator = firstLine.includes(';') ? ';' : ',';
  return { headers: firstLine.split(separator).map((h) => h.replace(/^"|"$/g, '').trim()), separator };
}

/** A CSV file in the template's columns; unknown columns stay empty. */
function csvOf(headers: string[], separator: string, rows: Array<Record<string, string>>): Buffer {
  const lines = [headers.join(separator), ...rows.map((row) => headers.map((h) => row[h] ?? '').join(separator))];
  return Buffer.from(`\uFEFF${lines.join('\r\n')}\r\n`, 'utf8');
}

const row = (n: number, cpv = '90910000'): Record<string, string> => ({
  Diarienummer: `IMP-${suffix}-${n}`,
  Titel: `Importerad städning ${suffix} nr ${n}`,
  Beskrivning: 'Importerad i e2e-testet.',
  'Enhet (kod)': 'LOK',
  Kontraktsform: 'Tjänster',
  'Huvud-CPV': cpv,
});

async function chooseFile(page: Page, name: string, content: Buffer): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('dialog', { name: 'Importera upphandlingar' }).getByRole('button', { name: 'Välj fil' }).click();
  await (await chooser).setFiles({ name, mimeType: 'text/csv', buffer: content });
  await page.getByText(`Vald fil: ${name}`).waitFor();
}

describe('spreadsheet import', () => {
  it('lists the errors of an invalid file by row and column and stores nothing, then imports a valid file', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.goto('/procurements');
    await page.getByRole('heading', { level: 1, name: 'Upphandlingar' }).waitFor();
    await page.getByRole('button', { name: 'Importera från kalkylblad' }).click();
    const dialog = page.getByRole('dialog', { name: 'Importera upphandlingar' });
    expect(await dialog.getByRole('link', { name: 'Hämta mall (.xlsx)' }).getAttribute('href')).toBe('/api/procurements/import-template.xlsx');
    const { headers, separator } = await templateHeaders(page);
    expect(headers).toContain('Huvud-CPV');

    // Row 3 (the header is row 1) has a CPV code that does not exist.
    await chooseFile(page, 'fel.csv', csvOf(headers, separator, [row(1), row(2, '12345678')]));
    await dialog.getByRole('button', { name: 'Importera' }).click();
    const errors = dialog.getByRole('table', { name: 'Fel per rad och kolumn' });
    await errors.waitFor();
    const cells = await errors.getByRole('row').nth(1).getByRole('cell').allTextContents();
    expect(cells[0]).toBe('3');
    expect(cells[1]).toBe('Huvud-CPV');
    await dialog.getByText('Ingenting har sparats.').waitFor();

    // A valid file: check it first, then import it.
    await chooseFile(page, 'rätt.csv', csvOf(headers, separator, [row(1), row(2)]));
    await dialog.getByRole('button', { name: 'Kontrollera filen' }).click();
    await dialog.getByText('Filen är korrekt och kan importeras.').waitFor();
    await dialog.getByRole('button', { name: 'Importera' }).click();
    await dialog.getByText('2 upphandlingar har importerats.').waitFor();
    await dialog.getByRole('button', { name: 'Stäng' }).click();

    await page.getByRole('searchbox', { name: 'Sök' }).fill(`IMP-${suffix}`);
    await page.getByRole('link', { name: `Importerad städning ${suffix} nr 2` }).waitFor();
    await context.close();
  });
});

import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, newPage } from './support/browser.js';
import { chooseCpv, chooseOption, descriptionOf } from './support/ui.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const reference = `E2E-${Date.now()}`;

async function openNewForm(page: Page): Promise<void> {
  await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Upphandlingar' }).click();
  await page.getByRole('link', { name: 'Ny upphandling' }).click();
  await page.getByRole('heading', { level: 1, name: 'Ny upphandling' }).waitFor();
}

describe('create and edit a procurement', () => {
  it('shows field errors next to the fields, creates a procurement with a lot, then edits it', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await openNewForm(page);

    // An empty submit: a summary that takes focus, and each error next to its field.
    await page.getByRole('button', { name: 'Registrera upphandlingen' }).click();
    const summary = page.getByRole('heading', { level: 2, name: /Formuläret har \d+ fel/ });
    await summary.waitFor();
    const title = page.getByRole('textbox', { name: 'Titel' });
    expect(await title.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(title)).toContain('Fyll i fältet.');

    await page.getByRole('textbox', { name: 'Diarienummer' }).fill(reference);
    await title.fill('Städning av fritidsgårdar (e2e)');
    await page.getByRole('textbox', { name: 'Beskrivning' }).fill('Lokalvård för fritidsgårdar i stadsdelen.');
    await chooseOption(page, 'Enhet', 'Lokalförvaltningen');
    await chooseOption(page, 'Typ av kontrakt', 'Tjänster');
    await chooseOption(page, 'Förfarande', 'Öppet');
    await chooseCpv(page, 'Huvudsaklig CPV-kod', 'städ', '90910000');
    await page.getByRole('button', { name: 'Lägg till CPV-kod' }).click();
    await chooseCpv(page, 'Ytterligare CPV-kod 1', '9091', '90911000');
    await page.getByRole('textbox', { name: 'Uppskattat värde (kronor)' }).fill('12 000 000');
    await page.getByRole('textbox', { name: 'Planerad avtalsstart' }).fill('2027-03-01');
    await page.getByRole('textbox', { name: 'Avtalstid i månader' }).fill('24');
    await page.getByRole('textbox', { name: 'Möjlig förlängning i månader' }).fill('12');
    await page.getByRole('textbox', { name: 'Arbetskraftsbehov (årsarbetskrafter)' }).fill('3,5');

    await page.getByRole('button', { name: 'Lägg till delområde' }).click();
    const lot = page.getByRole('group', { name: 'Delområde 1' });
    await lot.getByRole('textbox', { name: 'Namn på delområdet' }).fill('Norra området');
    await lot.getByRole('combobox', { name: 'Huvudsaklig CPV-kod' }).fill('städning');
    await page.getByRole('option', { name: /^90910000/ }).click();
    await lot.getByRole('textbox', { name: 'Uppskattat värde (kronor)' }).fill('5000000');
    // A second lot, removed again.
    await page.getByRole('button', { name: 'Lägg till delområde' }).click();
    await page.getByRole('button', { name: 'Ta bort Delområde 2' }).click();
    expect(await page.getByRole('group', { name: 'Delområde 2' }).count()).toBe(0);

    await page.getByRole('button', { name: 'Registrera upphandlingen' }).click();
    await page.getByRole('heading', { level: 1, name: 'Städning av fritidsgårdar (e2e)', exact: true }).waitFor();
    expect(await page.title()).toBe('Städning av fritidsgårdar (e2e) – Hänsyn');
    const facts = page.getByRole('region', { name: 'Uppgifter', exact: true });
    expect((await facts.textContent())?.replace(/\s/g, ' ')).toContain('12 000 000 kr');
    expect(await facts.textContent()).toContain('90910000 Städning');
    expect(await facts.textContent()).toContain('Lokalförvaltningen');
    expect(await page.getByRole('region', { name: 'Delområden', exact: true }).getByRole('rowheader', { name: 'Norra området' }).count()).toBe(1);
    // The history is fetched after the procurement itself: wait for it rather than count at once.
    await page.getByRole('region', { name: 'Historik', exact: true }).getByText('Registrerad').first().waitFor();

    // CPV labels follow the language.
    await page.getByRole('radio', { name: 'English' }).click();
    await page.getByRole('region', { name: 'Details', exact: true }).getByText('90910000 Cleaning services').waitFor();
    await page.getByRole('radio', { name: 'Svenska' }).click();

    // Edit: change the title and the value.
    await page.getByRole('link', { name: 'Ändra uppgifter' }).click();
    await page.getByRole('heading', { level: 1, name: 'Ändra ”Städning av fritidsgårdar (e2e)”' }).waitFor();
    expect(await page.getByRole('textbox', { name: 'Uppskattat värde (kronor)' }).first().inputValue()).toBe('12000000');
    await page.getByRole('textbox', { name: 'Titel' }).fill('Städning av fritidsgårdar, ändrad (e2e)');
    await page.getByRole('textbox', { name: 'Uppskattat värde (kronor)' }).first().fill('13 500 000');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByRole('heading', { level: 1, name: 'Städning av fritidsgårdar, ändrad (e2e)', exact: true }).waitFor();
    expect((await page.getByRole('region', { name: 'Uppgifter', exact: true }).textContent())?.replace(/\s/g, ' ')).toContain('13 500 000 kr');
    await page.getByRole('region', { name: 'Historik', exact: true }).getByText('Ändrad', { exact: true }).waitFor();

    // Status change with confirmation.
    await page.getByRole('button', { name: 'Påbörja förberedelse' }).click();
    const dialog = page.getByRole('alertdialog', { name: 'Ändra status' });
    await dialog.getByRole('button', { name: 'Påbörja förberedelse' }).click();
    await page.getByRole('region', { name: 'Status', exact: true }).getByText('Under förberedelse').first().waitFor();
    expect(await page.getByRole('button', { name: 'Ta bort upphandlingen' }).count()).toBe(0);
    await context.close();
  });

  it('puts a server-side error (a taken reference number) next to its field', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await openNewForm(page);
    await page.getByRole('textbox', { name: 'Diarienummer' }).fill(reference);
    await page.getByRole('textbox', { name: 'Titel' }).fill('Dubblett');
    await chooseOption(page, 'Enhet', 'Lokalförvaltningen');
    await chooseOption(page, 'Typ av kontrakt', 'Varor');
    await chooseCpv(page, 'Huvudsaklig CPV-kod', '3019', '30190000');
    await page.getByRole('button', { name: 'Registrera upphandlingen' }).click();
    await page.getByRole('heading', { level: 2, name: /Formuläret har \d+ fel/ }).waitFor();
    const field = page.getByRole('textbox', { name: 'Diarienummer' });
    expect(await field.getAttribute('aria-invalid')).toBe('true');
    expect(await descriptionOf(field)).toContain('Värdet används redan.');
    await context.close();
  });

  it('explains a stale version (409) when someone else saved first', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.goto('/procurements?q=fritidsg%C3%A5rdar');
    await page.getByRole('link', { name: /Städning av fritidsgårdar, ändrad/ }).first().click();
    await page.getByRole('link', { name: 'Ändra uppgifter' }).click();
    await page.getByRole('heading', { level: 1, name: /^Ändra/ }).waitFor();

    // Someone else saves in the meantime (through the API, with this session).
    const id = new URL(page.url()).pathname.split('/')[2]!;
    const status = await page.evaluate(async (procurementId) => {
      const me = (await (await fetch('/api/me')).json()) as { csrfToken: string };
      const current = (await (await fetch(`/api/procurements/${procurementId}`)).json()) as { version: number };
      const response = await fetch(`/api/procurements/${procurementId}`, {
        method: 'PATCH',
        headers: { 'content-type': 'application/json', 'x-csrf-token': me.csrfToken },
        body: JSON.stringify({ version: current.version, description: 'Ändrad av någon annan.' }),
      });
      return response.status;
    }, id);
    expect(status).toBe(200);

    await page.getByRole('textbox', { name: 'Titel' }).fill('Min ändring');
    await page.getByRole('button', { name: 'Spara ändringarna' }).click();
    await page.getByText('Någon annan har ändrat upphandlingen').waitFor();
    await page.getByRole('button', { name: 'Ladda senaste versionen' }).click();
    await page.waitForFunction(() => (document.querySelector('textarea') as HTMLTextAreaElement | null)?.value === 'Ändrad av någon annan.');
    expect(await page.getByRole('textbox', { name: 'Titel' }).inputValue()).toBe('Städning av fritidsgårdar, ändrad (e2e)');
    await context.close();
  });
});

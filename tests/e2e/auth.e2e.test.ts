import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEMO_PASSWORD, launchBrowser, logIn, newPage } from './support/browser.js';
import { focused } from './support/ui.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

describe('signing in', () => {
  it('refuses a wrong password without saying which part was wrong, then signs in and returns to the page asked for', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/procurements?status=published');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    expect(new URL(page.url()).searchParams.get('next')).toBe('/procurements?status=published');
    expect(await page.title()).toBe('Logga in – Hänsyn');

    await page.getByLabel('E-postadress', { exact: true }).fill('coordinator@goteborg.example');
    await page.getByLabel('Lösenord', { exact: true }).fill('not-the-password');
    await page.getByRole('button', { name: 'Logga in' }).click();
    const alert = page.getByRole('alert').filter({ hasText: 'Inloggningen misslyckades' });
    await alert.waitFor();
    expect(await alert.textContent()).not.toMatch(/finns inte|okänd/i);

    await page.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Upphandlingar' }).waitFor();
    expect(new URL(page.url()).search).toBe('?status=published');
    await context.close();
  });

  it('signs out from the user menu', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'viewer@goteborg.example');
    await page.getByRole('button', { name: /Användarmeny/ }).click();
    await page.getByRole('menuitem', { name: 'Logga ut' }).click();
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();
    await context.close();
  });
});

describe('keyboard only', () => {
  it('submits the login form and uses the main navigation with the keyboard', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/login');
    await page.getByRole('heading', { level: 1, name: 'Logga in' }).waitFor();

    // The skip link is the first stop and moves focus to the main content.
    await page.keyboard.press('Tab');
    expect((await focused(page)).text).toBe('Hoppa till innehållet');

    for (let i = 0; i < 10 && (await page.evaluate(() => (document.activeElement as HTMLInputElement | null)?.type)) !== 'email'; i++) {
      await page.keyboard.press('Tab');
    }
    await page.keyboard.type('coordinator@goteborg.example');
    await page.keyboard.press('Tab');
    await page.keyboard.type(DEMO_PASSWORD);
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();

    // Focus is on the page heading after sign-in; the main navigation is just before it.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    let stop = await focused(page);
    for (let i = 0; i < 15 && stop.text !== 'Upphandlingar'; i++) {
      await page.keyboard.press('Shift+Tab');
      stop = await focused(page);
    }
    expect(stop).toMatchObject({ tag: 'a', text: 'Upphandlingar' });
    await page.keyboard.press('Enter');
    await page.getByRole('heading', { level: 1, name: 'Upphandlingar' }).waitFor();
    // Focus moves to the new page's heading, so reading starts there.
    await page.waitForFunction(() => document.activeElement?.tagName === 'H1');
    expect(await page.title()).toBe('Upphandlingar – Hänsyn');
    const current = page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Upphandlingar' });
    expect(await current.getAttribute('aria-current')).toBe('page');

    // On a fresh load the skip link is the first stop and jumps past the header to <main>.
    await page.goto('/');
    await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
    await page.keyboard.press('Tab');
    await page.keyboard.press('Enter');
    expect(await page.evaluate(() => document.activeElement?.tagName)).toBe('MAIN');
    await context.close();
  });
});

describe('language', () => {
  it('switches to English, remembers the choice and sets <html lang>', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    expect(await page.getAttribute('html', 'lang')).toBe('sv');

    await page.getByRole('radio', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Overview' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');
    await page.getByRole('navigation', { name: 'Main menu' }).getByRole('link', { name: 'Procurements' }).click();
    await page.getByRole('heading', { level: 1, name: 'Procurements' }).waitFor();
    expect(await page.title()).toBe('Procurements – Hänsyn');

    await page.reload();
    await page.getByRole('heading', { level: 1, name: 'Procurements' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('en');

    const statuses = (grid: string, words: string) => page.getByRole('grid', { name: grid }).getByText(new RegExp(`^(${words})$`)).first();
    await statuses('Procurement register', 'Planned|In preparation|Published|Evaluation|Awarded|Cancelled').waitFor();

    // Switching on the page re-renders everything, table cells included.
    await page.getByRole('radio', { name: 'Svenska' }).click();
    await page.getByRole('heading', { level: 1, name: 'Upphandlingar' }).waitFor();
    expect(await page.getAttribute('html', 'lang')).toBe('sv');
    await statuses('Upphandlingsregister', 'Planerad|Under förberedelse|Publicerad|Utvärdering|Tilldelad|Avbruten').waitFor();
    await context.close();
  });
});

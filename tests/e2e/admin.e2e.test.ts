import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser, logIn, newPage } from './support/browser.js';
import { chooseOption } from './support/ui.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

const suffix = String(Date.now()).slice(-6);

describe('administration', () => {
  it('adds, renames and moves a unit', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'admin@goteborg.example');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Administration' }).click();
    await page.getByRole('heading', { level: 1, name: 'Enheter' }).waitFor();

    const form = page.getByRole('region', { name: 'Lägg till enhet' });
    await form.getByRole('textbox', { name: 'Kod' }).fill(`E2E${suffix}`);
    await form.getByRole('textbox', { name: 'Namn' }).fill(`Testenhet ${suffix}`);
    await chooseOption(page, 'Överordnad enhet', 'Stadsledningskontoret', form);
    await form.getByRole('button', { name: 'Lägg till enheten' }).click();
    await form.getByText(`Enheten ”Testenhet ${suffix}” är tillagd.`).waitFor();

    const tree = page.getByRole('region', { name: 'Enhetsträd' });
    await tree.getByRole('button', { name: `Byt namn på Testenhet ${suffix}` }).click();
    const rename = page.getByRole('dialog', { name: `Byt namn på Testenhet ${suffix}` });
    await rename.getByRole('textbox', { name: 'Namn' }).fill(`Omdöpt enhet ${suffix}`);
    await rename.getByRole('button', { name: 'Spara' }).click();
    await tree.getByText(`Omdöpt enhet ${suffix}`).waitFor();

    await tree.getByRole('button', { name: `Flytta Omdöpt enhet ${suffix}` }).click();
    const move = page.getByRole('dialog', { name: `Flytta Omdöpt enhet ${suffix}` });
    await chooseOption(page, 'Ny överordnad enhet', 'Ingen (högsta nivån)', move);
    await move.getByRole('button', { name: 'Flytta enheten' }).click();
    await move.waitFor({ state: 'detached' });
    // Now a top-level unit: its list item sits directly in the outermost list.
    const topLevel = tree.locator('ul.unit-tree > li > .unit-tree__row').filter({ hasText: `Omdöpt enhet ${suffix}` });
    await topLevel.waitFor();
    await context.close();
  });

  it('invites a person with a unit-limited role, lists the invitation and revokes it', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'admin@goteborg.example');
    await page.goto('/admin/users');
    await page.getByRole('heading', { level: 1, name: 'Användare' }).waitFor();
    await page.getByRole('button', { name: 'Lägg till användare' }).click();
    const dialog = page.getByRole('dialog', { name: 'Lägg till användare' });
    const email = `e2e-${suffix}@goteborg.example`;
    await dialog.getByRole('textbox', { name: 'E-postadress' }).fill(email);
    await chooseOption(page, 'Roll', /^Upphandlare/, dialog);
    await chooseOption(page, 'Begränsad till enhet', 'Lokalförvaltningen', dialog);
    await dialog.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await page.getByText(`En inbjudan till ${email} är skickad.`).first().waitFor();

    const invitations = page.getByRole('grid', { name: 'Väntande inbjudningar' });
    const row = invitations.getByRole('row', { name: new RegExp(email) });
    await row.getByText('Upphandlare').waitFor();
    await row.getByText('Lokalförvaltningen').waitFor();
    await page.getByRole('button', { name: `Återkalla inbjudan till ${email}` }).click();
    await row.waitFor({ state: 'detached' });
    await context.close();
  });
});

describe('account', () => {
  it('creates an API token, shows it once and revokes it', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.getByRole('button', { name: /Användarmeny/ }).click();
    await page.getByRole('menuitem', { name: 'API-nycklar' }).click();
    await page.getByRole('heading', { level: 1, name: 'API-nycklar' }).waitFor();
    await page.getByRole('textbox', { name: 'Namn' }).fill(`Rapport ${suffix}`);
    await page.getByRole('button', { name: 'Skapa nyckel' }).click();
    const token = (await page.getByLabel('Ny API-nyckel').textContent()) ?? '';
    expect(token).toMatch(/^hsn_/);
    const list = page.getByRole('grid', { name: 'Dina nycklar' });
    await list.getByRole('row', { name: new RegExp(`Rapport ${suffix}`) }).waitFor();

    await page.getByRole('button', { name: `Återkalla nyckeln Rapport ${suffix}` }).click();
    await page.getByRole('alertdialog', { name: 'Återkalla API-nyckel' }).getByRole('button', { name: 'Återkalla' }).click();
    await list.getByRole('row', { name: new RegExp(`Rapport ${suffix}`) }).waitFor({ state: 'detached' });
    await context.close();
  });

  it('checks the new password on the change-password page', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'viewer@boras.example');
    await page.goto('/account/password');
    await page.getByRole('heading', { level: 1, name: 'Byt lösenord' }).waitFor();
    await page.getByLabel('Nuvarande lösenord', { exact: true }).fill('wrong-password');
    await page.getByLabel('Nytt lösenord', { exact: true }).fill('ett-nytt-bra-losenord');
    await page.getByLabel('Upprepa nytt lösenord', { exact: true }).fill('ett-nytt-bra-losenord');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.getByText('Nuvarande lösenord stämmer inte.').waitFor();
    expect(await page.getByLabel('Nuvarande lösenord', { exact: true }).getAttribute('aria-invalid')).toBe('true');
    await context.close();
  });
});

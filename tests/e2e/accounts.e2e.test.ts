import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { DEMO_PASSWORD, expectNoAxeViolations, launchBrowser, logIn, newPage } from './support/browser.js';

/**
 * Accounts and memberships (issue 8 item 1): an admin invites an existing person, who accepts
 * signed in under My account, then chooses the organisation at sign-in and switches in the menu;
 * the admin suspends the membership. Every page is checked with axe.
 */
let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

async function signInWithoutChoosing(page: Page, email: string): Promise<void> {
  await page.goto('/login');
  await page.getByLabel('E-postadress', { exact: true }).fill(email);
  await page.getByLabel('Lösenord', { exact: true }).fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: 'Logga in' }).click();
}

describe('accounts and memberships', () => {
  it('invite, accept signed in, choose and switch the organisation, then suspend', async () => {
    const admin = await newPage(browser);
    await logIn(admin.page, 'admin@goteborg.example');
    await admin.page.goto('/admin/users');
    await admin.page.getByRole('heading', { level: 1, name: 'Användare' }).waitFor();
    await admin.page.getByRole('button', { name: 'Lägg till användare' }).click();
    const dialog = admin.page.getByRole('dialog', { name: 'Lägg till användare' });
    await dialog.getByRole('textbox', { name: 'E-postadress' }).fill('labour-market@boras.example');
    // The role defaults to viewer (Läsare).
    await expectNoAxeViolations(admin.page, 'invite dialog');
    await dialog.getByRole('button', { name: 'Skicka inbjudan' }).click();
    await admin.page.getByRole('grid', { name: 'Väntande inbjudningar' }).getByRole('row', { name: /labour-market@boras\.example/ }).waitFor();
    await expectNoAxeViolations(admin.page, 'admin users with invitations');

    // The Borås person accepts under My account.
    const person = await newPage(browser);
    await logIn(person.page, 'labour-market@boras.example');
    await person.page.getByRole('button', { name: /Användarmeny/ }).click();
    await person.page.getByRole('menuitem', { name: 'Mitt konto' }).click();
    await person.page.getByRole('heading', { level: 1, name: 'Mitt konto' }).waitFor();
    await expectNoAxeViolations(person.page, 'my account');
    await person.page.getByRole('button', { name: 'Tacka ja till Göteborgs Stad' }).click();
    await person.page.getByText('Du har inga väntande inbjudningar.').waitFor();

    // Switch in the menu.
    await person.page.getByRole('button', { name: /Användarmeny/ }).click();
    await person.page.getByRole('menuitem', { name: 'Byt till Göteborgs Stad' }).click();
    await person.page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
    await person.page.locator('.brand__organisation', { hasText: 'Göteborgs Stad' }).waitFor();

    // Signing in again: no default, the person chooses.
    await person.context.clearCookies();
    await signInWithoutChoosing(person.page, 'labour-market@boras.example');
    await person.page.getByRole('heading', { level: 1, name: 'Välj organisation' }).waitFor();
    await expectNoAxeViolations(person.page, 'organisation chooser');
    await person.page.getByRole('button', { name: 'Arbeta i Borås Stad' }).click();
    await person.page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();
    await person.page.locator('.brand__organisation', { hasText: 'Borås Stad' }).waitFor();

    // The Göteborg admin suspends the new membership: Göteborg is no longer offered.
    await admin.page.reload();
    await admin.page.getByRole('button', { name: /^Stäng av .*Borås/ }).click();
    await admin.page.getByRole('alertdialog', { name: 'Stäng av medlemskapet' }).getByRole('button', { name: 'Stäng av' }).click();
    await admin.page.getByRole('grid', { name: 'Användare i organisationen' }).getByRole('row', { name: /Borås \(demo\)/ }).getByText('Avstängd').waitFor();
    await person.page.reload();
    await person.page.getByRole('button', { name: /Användarmeny/ }).click();
    await person.page.getByRole('menuitem', { name: 'Mitt konto' }).waitFor();
    if ((await person.page.getByRole('menuitem', { name: 'Byt till Göteborgs Stad' }).count()) !== 0) throw new Error('a suspended membership is still offered');
    await admin.context.close();
    await person.context.close();
  });

  it('the invitation link page explains an unusable link', async () => {
    const { context, page } = await newPage(browser);
    await page.goto('/invitation#ogiltig-lank-som-inte-finns-alls');
    await page.getByRole('heading', { level: 1, name: 'Tacka ja till inbjudan' }).waitFor();
    await page.getByText(/Inbjudan går inte att använda/).waitFor();
    await expectNoAxeViolations(page, 'invitation link');
    await context.close();
  });

  it('my account renames me; the change-password page refuses a breached password', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'viewer@goteborg.example');
    await page.goto('/account');
    await page.getByRole('heading', { level: 1, name: 'Mitt konto' }).waitFor();
    await page.getByRole('textbox', { name: 'Namn' }).fill('Läsare, Göteborg (demo, omdöpt)');
    await page.getByRole('button', { name: 'Spara namnet' }).click();
    await page.getByText('Ditt namn är sparat.').first().waitFor();
    await page.getByRole('button', { name: /Läsare, Göteborg \(demo, omdöpt\)/ }).waitFor();

    await page.goto('/account/password');
    await page.getByLabel('Nuvarande lösenord', { exact: true }).fill(DEMO_PASSWORD);
    await page.getByLabel('Nytt lösenord', { exact: true }).fill('password1234');
    await page.getByLabel('Upprepa nytt lösenord', { exact: true }).fill('password1234');
    await page.getByRole('button', { name: 'Byt lösenord' }).click();
    await page.getByText(/Lösenordet är för vanligt/).waitFor();
    await expectNoAxeViolations(page, 'change password refused');
    await context.close();
  });
});

import { AxeBuilder } from '@axe-core/playwright';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expectNoAxeViolations, launchBrowser, logIn, newPage } from './support/browser.js';
import { chooseOption, descriptionOf, focused, waitForSettled } from './support/ui.js';

let browser: Browser;
beforeAll(async () => {
  browser = await launchBrowser();
});
afterAll(async () => {
  await browser?.close();
});

/** WCAG 2.1 A/AA (the shared check) and axe's best-practice rules on top. */
async function expectCleanAxe(page: Page, name: string): Promise<void> {
  await expectNoAxeViolations(page, name);
  const results = await new AxeBuilder({ page }).withTags(['best-practice']).analyze();
  const violations = results.violations.map((v) => ({ id: v.id, help: v.help, nodes: v.nodes.map((n) => n.target.join(' ')) }));
  if (violations.length > 0) console.error(`axe best-practice violations on ${name}:\n${JSON.stringify(violations, null, 2)}`);
  expect(violations, `axe best-practice violations on ${name}`).toEqual([]);
}

async function switchLanguage(page: Page, language: 'Svenska' | 'English'): Promise<void> {
  await page.getByRole('radio', { name: language, exact: true }).click();
  await page.waitForFunction((lang) => document.documentElement.lang === lang, language === 'English' ? 'en' : 'sv');
}

const announced = (page: Page, text: string | RegExp) => page.getByTestId('announcer').filter({ hasText: text }).waitFor();

/** An awarded procurement whose decision applies requirements (demo data), through the API. */
async function awardedProcurementWithRequirements(page: Page): Promise<{ id: string; title: string }> {
  const response = await page.request.get('/api/procurements?status=awarded&pageSize=100');
  expect(response.ok()).toBe(true);
  const body = (await response.json()) as { items: Array<{ id: string; title: string; decision: string | null; lotCount: number }> };
  const found = body.items.find((p) => p.decision === 'apply' && p.lotCount === 0) ?? body.items.find((p) => p.decision === 'apply');
  if (!found) throw new Error('The demo data has no awarded procurement with requirements');
  return found;
}

/** Presses keys until the element with this accessible name has focus (keyboard only). */
async function tabTo(page: Page, name: RegExp, maxPresses = 80): Promise<void> {
  for (let i = 0; i < maxPresses; i += 1) {
    await page.keyboard.press('Tab');
    const label = await page.evaluate(() => {
      const element = document.activeElement as HTMLElement | null;
      if (!element) return '';
      const labelledBy = element.getAttribute('aria-labelledby');
      const fromIds = labelledBy ? labelledBy.split(/\s+/).map((id) => document.getElementById(id)?.textContent ?? '').join(' ') : '';
      const labels = 'labels' in element ? [...((element as HTMLInputElement).labels ?? [])].map((l) => l.textContent ?? '').join(' ') : '';
      return `${element.getAttribute('aria-label') ?? ''} ${fromIds} ${labels} ${element.textContent ?? ''}`.trim();
    });
    if (name.test(label)) return;
  }
  throw new Error(`Tab never reached ${name}`);
}

let contractCount = 0;
/**
 * A fresh contract of Göteborg with Demo Bygg AB (demo) on an awarded procurement, recorded
 * through the API by the coordinator (in a context of its own), with placements if asked: each
 * test that needs a contract makes its own, so that none depends on another having run first.
 */
async function newContract(placements: Array<{ participantRef: string }> = []): Promise<string> {
  const { context, page } = await newPage(browser);
  await logIn(page, 'coordinator@goteborg.example');
  const procurement = await awardedProcurementWithRequirements(page);
  const csrfToken = ((await (await page.request.get('/api/me')).json()) as { csrfToken: string }).csrfToken;
  const headers = { 'x-csrf-token': csrfToken };
  contractCount += 1;
  const created = await page.request.post('/api/contracts', {
    headers,
    data: {
      procurementId: procurement.id,
      lotNumbers: null,
      supplier: { organisationNumber: '556677-8899', name: 'Demo Bygg AB (demo)' },
      referenceNumber: `E2E-${Date.now()}${contractCount}`,
      signedOn: '2025-12-15',
      startsOn: '2026-01-01',
      endsOn: '2027-12-31',
    },
  });
  expect(created.status(), await created.text()).toBe(201);
  const contract = (await created.json()) as { id: string; commitments: Array<{ id: string }> };
  for (const { participantRef } of placements) {
    const placed = await page.request.post(`/api/contracts/${contract.id}/placements`, {
      headers,
      data: { commitmentId: contract.commitments[0]!.id, participantRef, targetGroup: 'newly_arrived', startedOn: '2026-02-01', extentPercent: 100, employmentForm: 'las_employment' },
    });
    expect(placed.status(), await placed.text()).toBe(201);
  }
  await context.close();
  return `/contracts/${contract.id}`;
}

describe('contracts: record, follow up and add placements', () => {
  it('records a contract from an awarded procurement, with every error at once first', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    const procurement = await awardedProcurementWithRequirements(page);
    await page.goto(`/procurements/${procurement.id}`);
    const section = page.getByRole('region', { name: 'Avtal' });
    // The procurement page fetches its sections one after another: press the button once the
    // page has settled, not while a later answer may still re-render it (flaked on a cold server).
    await section.getByRole('button', { name: 'Registrera avtal' }).waitFor();
    await waitForSettled(page);
    await section.getByRole('button', { name: 'Registrera avtal' }).click();
    const dialog = page.getByRole('dialog', { name: /Registrera avtal för/ });
    await dialog.waitFor();
    await dialog.getByRole('textbox', { name: 'Avtalsslut' }).fill('2020-01-01');
    await dialog.getByRole('button', { name: 'Registrera avtalet' }).click();
    await dialog.getByRole('heading', { level: 2, name: /Formuläret har \d+ fel/ }).waitFor();
    const orgNo = dialog.getByRole('textbox', { name: 'Leverantörens organisationsnummer' });
    expect(await descriptionOf(orgNo)).toContain('Fyll i fältet.');
    await waitForSettled(page);
    await expectCleanAxe(page, 'record-contract dialog with errors');

    await orgNo.fill('556677-8899');
    await dialog.getByRole('textbox', { name: 'Leverantörens namn' }).fill('Demo Bygg AB (demo)');
    await dialog.getByRole('textbox', { name: 'Avtalsnummer' }).fill(`E2E-${Date.now()}`);
    await dialog.getByRole('textbox', { name: 'Undertecknat' }).fill('2025-12-15');
    await dialog.getByRole('textbox', { name: 'Avtalsstart' }).fill('2026-01-01');
    await dialog.getByRole('textbox', { name: 'Avtalsslut' }).fill('2027-12-31');
    await dialog.getByRole('button', { name: 'Registrera avtalet' }).click();
    await page.getByRole('heading', { level: 1, name: /^Avtal E2E-\d+ med Demo Bygg AB \(demo\)$/ }).waitFor();

    const progress = page.getByRole('progressbar', { name: 'Uppfyllda anställningar' }).first();
    await progress.waitFor();
    expect(await progress.getAttribute('aria-valuenow')).toBe('0');
    expect(await progress.getAttribute('aria-valuetext')).toMatch(/^0 av \d+ anställningar$/);
    await page.getByRole('heading', { level: 2, name: 'Tidslinje' }).waitFor();
    await waitForSettled(page);
    await expectCleanAxe(page, 'contract page');
    await switchLanguage(page, 'English');
    await page.getByRole('progressbar', { name: 'Hires fulfilled' }).first().waitFor();
    await waitForSettled(page);
    await expectCleanAxe(page, 'contract page in English');
    await switchLanguage(page, 'Svenska');
    await context.close();
  });

  it('adds a placement with the keyboard only: errors listed at once, then fixed', async () => {
    const contractUrl = await newContract();
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.goto(contractUrl);
    await page.getByRole('heading', { level: 2, name: 'Anställningar' }).waitFor();
    await waitForSettled(page);

    await tabTo(page, /^Registrera anställning$/);
    await page.keyboard.press('Enter');
    const dialog = page.getByRole('dialog', { name: 'Registrera anställning' });
    await dialog.waitFor();

    // Fill what a person would, with mistakes: extent too large, end before start.
    await tabTo(page, /Deltagarkod/);
    await page.keyboard.type('E2E-0001');
    await tabTo(page, /Målgrupp/);
    await page.keyboard.press('Enter');
    await page.getByRole('listbox').waitFor();
    await page.keyboard.press('ArrowDown');
    await page.keyboard.press('Enter');
    await tabTo(page, /Började/);
    await page.keyboard.type('2026-03-01');
    await tabTo(page, /Planerat slut/);
    await page.keyboard.type('2026-02-01');
    await tabTo(page, /Omfattning/);
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('150');
    await tabTo(page, /^Registrera anställningen$/);
    await page.keyboard.press('Enter');

    const summary = dialog.getByRole('heading', { level: 2, name: /Formuläret har \d+ fel/ });
    await summary.waitFor();
    const summaryBox = dialog.getByRole('group', { name: /Formuläret har/ });
    expect(await summaryBox.getByRole('link').allTextContents()).toEqual(
      expect.arrayContaining([expect.stringContaining('Planerat slut'), expect.stringContaining('Omfattning i procent av heltid')]),
    );
    expect((await focused(page)).text).toMatch(/Formuläret har/);
    await waitForSettled(page);
    await expectCleanAxe(page, 'placement form with errors');

    // The summary links lead to their fields; fix them there.
    await tabTo(page, /Omfattning i procent av heltid: /);
    await page.keyboard.press('Enter');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('100');
    await tabTo(page, /Planerat slut: /);
    await page.keyboard.press('Enter');
    await page.keyboard.press('ControlOrMeta+a');
    await page.keyboard.type('2026-08-31');
    await tabTo(page, /^Registrera anställningen$/);
    await page.keyboard.press('Enter');
    await announced(page, 'Anställningen E2E-0001 är registrerad.');
    await dialog.waitFor({ state: 'detached' });
    const table = page.getByRole('table', { name: 'Anställningar i avtalet' });
    await table.getByRole('rowheader', { name: 'E2E-0001' }).waitFor();
    await waitForSettled(page);
    await expectCleanAxe(page, 'contract page with a placement');

    // End it: the reason is asked for.
    await table.getByRole('button', { name: 'Avsluta anställningen E2E-0001' }).click();
    const end = page.getByRole('dialog', { name: 'Avsluta anställningen E2E-0001' });
    await end.getByRole('button', { name: 'Avsluta anställningen' }).click();
    await end.getByRole('heading', { level: 2, name: 'Formuläret har 2 fel' }).waitFor();
    await end.getByRole('textbox', { name: 'Slutade' }).fill('2026-06-30');
    await end.getByRole('button', { name: /Varför anställningen slutade$/ }).click();
    await page.getByRole('option', { name: 'Den anställda sa upp sig' }).click();
    await end.getByRole('button', { name: 'Avsluta anställningen' }).click();
    await announced(page, 'Anställningen E2E-0001 är avslutad.');
    await table.getByText('Den anställda sa upp sig').waitFor();

    // What became of the person after the placement, asked from the same row (results count it).
    const afterButton = table.getByRole('button', { name: 'Vad hände efter anställningen E2E-0001' });
    await afterButton.click();
    const after = page.getByRole('dialog', { name: 'Efter anställningen: E2E-0001' });
    await after.getByText('Inga uppgifter ännu.').waitFor();
    await after.getByRole('button', { name: 'Spara uppgiften' }).click();
    await after.getByRole('heading', { level: 2, name: 'Formuläret har 1 fel' }).waitFor();
    await chooseOption(page, 'Läge', 'Anställd hos en annan arbetsgivare', after);
    await expectCleanAxe(page, 'after-the-placement dialog');
    await after.getByRole('button', { name: 'Spara uppgiften' }).click();
    await announced(page, 'Uppgiften om E2E-0001 6 månader efter slutet är sparad.');
    await after.waitFor({ state: 'detached' });
    await afterButton.click();
    await after.getByText(/^6 månader efter slutet: Anställd hos en annan arbetsgivare/).waitFor();
    await after.getByRole('button', { name: 'Avbryt' }).click();
    await after.waitFor({ state: 'detached' });
    await context.close();
  });

  it('puts the server\'s field errors on their fields, all at once', async () => {
    const contractUrl = await newContract();
    const { context, page } = await newPage(browser);
    await logIn(page, 'labour-market@goteborg.example');
    await page.goto(contractUrl);
    await page.getByRole('button', { name: 'Registrera anställning' }).click();
    const dialog = page.getByRole('dialog', { name: 'Registrera anställning' });
    await dialog.getByRole('textbox', { name: 'Deltagarkod' }).fill('198001011234');
    await chooseOption(page, 'Målgrupp', 'nyanlända', dialog);
    await dialog.getByRole('textbox', { name: 'Började' }).fill('2026-04-01');
    await dialog.getByRole('textbox', { name: 'Yrke (SSYK-kod)' }).fill('0000');
    await dialog.getByRole('button', { name: 'Registrera anställningen' }).click();
    await dialog.getByRole('heading', { level: 2, name: 'Formuläret har 2 fel' }).waitFor();
    expect(await descriptionOf(dialog.getByRole('textbox', { name: 'Deltagarkod' }))).toContain('Det ser ut som ett personnummer.');
    expect(await descriptionOf(dialog.getByRole('textbox', { name: 'Yrke (SSYK-kod)' }))).toContain('Koden finns inte i SSYK 2012.');
    await dialog.getByRole('button', { name: 'Avbryt' }).click();
    await context.close();
  });

  it('takes a report, a sanction step with its letters, and leads from the queue to the contract', async () => {
    const contractUrl = await newContract();
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.goto(contractUrl);
    const periods = page.getByRole('region', { name: 'Rapportering' });
    await periods.getByRole('button', { name: 'Registrera rapport 1' }).click();
    const report = page.getByRole('dialog', { name: 'Registrera rapport 1' });
    await report.getByRole('textbox', { name: 'Rapporten kom in' }).fill('2026-04-10');
    await report.getByRole('textbox', { name: 'Vad rapporten säger' }).fill('En anställning har börjat.');
    await report.getByRole('button', { name: 'Spara rapporten' }).click();
    await announced(page, 'Rapport 1 är registrerad.');

    const sanctions = page.getByRole('region', { name: 'Sanktioner' });
    await sanctions.getByRole('button', { name: 'Ta nästa steg' }).click();
    const step = page.getByRole('dialog', { name: 'Ta nästa steg' });
    await step.getByRole('textbox', { name: 'Varför' }).waitFor();
    await waitForSettled(page);
    await expectCleanAxe(page, 'sanction step dialog');
    await step.getByRole('textbox', { name: 'Varför' }).fill('Rapport 2 har inte kommit in.');
    await step.getByRole('button', { name: 'Spara steget' }).click();
    await announced(page, 'Steget ”Dialog med leverantören” är sparat.');
    const history = page.getByRole('table', { name: 'Steg i sanktionstrappan' });
    await history.getByRole('rowheader', { name: 'Dialog med leverantören' }).waitFor();
    const letter = history.getByRole('link', { name: /^Brev på svenska om Dialog med leverantören/ });
    const response = await page.request.get((await letter.getAttribute('href')) ?? '');
    expect(response.status()).toBe(200);
    expect((await response.body()).subarray(0, 2).toString('latin1')).toBe('PK');
    await waitForSettled(page);
    await expectCleanAxe(page, 'contract page with reports and sanctions');

    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Uppföljning' }).click();
    const queue = page.getByRole('table', { name: 'Att göra i dag' });
    await queue.getByRole('link', { name: /^E2E-\d+ med Demo Bygg AB \(demo\)$/ }).first().click();
    await page.getByRole('heading', { level: 1, name: /^Avtal E2E-\d+ med Demo Bygg AB \(demo\)$/ }).waitFor();
    await context.close();
  });

  it('shows a demo contract taken up the whole sanction ladder, in both languages', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    const list = (await (await page.request.get('/api/contracts?pageSize=100')).json()) as { items: Array<{ id: string }> };
    let ladder: string | null = null;
    for (const c of list.items) {
      const sanctions = (await (await page.request.get(`/api/contracts/${c.id}/sanctions`)).json()) as { steps: unknown[] };
      if (sanctions.steps.length >= 4) {
        ladder = c.id;
        break;
      }
    }
    if (ladder === null) throw new Error('The demo data has no contract up the sanction ladder');
    await page.goto(`/contracts/${ladder}`);
    const history = page.getByRole('table', { name: 'Steg i sanktionstrappan' });
    await history.getByRole('rowheader', { name: 'Beslut om vite' }).waitFor();
    await page.getByRole('region', { name: 'Avvikelser' }).getByText('Första anställningen kom inte i tid.').first().waitFor();
    await waitForSettled(page);
    await expectCleanAxe(page, 'demo contract with the sanction ladder');
    await switchLanguage(page, 'English');
    await page.getByRole('table', { name: 'Steps on the sanction ladder' }).getByRole('rowheader', { name: 'Penalty decision' }).waitFor();
    await waitForSettled(page);
    await expectCleanAxe(page, 'demo contract with the sanction ladder in English');
    await context.close();
  });

  it('lists contracts with filters in the URL, in both languages', async () => {
    await newContract();
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Avtal' }).click();
    await page.getByRole('heading', { level: 1, name: 'Avtal' }).waitFor();
    await waitForSettled(page);
    await expectCleanAxe(page, 'contract list');
    await page.getByRole('searchbox', { name: 'Leverantör' }).fill('Demo Bygg');
    await page.waitForURL(/q=Demo/);
    const results = page.getByRole('table', { name: 'Avtal som matchar filtren' });
    await results.getByRole('link', { name: /^E2E-/ }).first().waitFor();
    await switchLanguage(page, 'English');
    await page.getByRole('heading', { level: 1, name: 'Contracts' }).waitFor();
    await waitForSettled(page);
    await expectCleanAxe(page, 'contract list in English');
    await context.close();
  });

  it("shows the coordinator's follow-up queue, each row leading to its contract", async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'coordinator@goteborg.example');
    await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Uppföljning' }).click();
    await page.getByRole('heading', { level: 1, name: 'Uppföljning i dag' }).waitFor();
    await waitForSettled(page);
    await expectCleanAxe(page, 'follow-up queue');
    await switchLanguage(page, 'English');
    await page.getByRole('heading', { level: 1, name: 'Follow-up today' }).waitFor();
    await waitForSettled(page);
    await expectCleanAxe(page, 'follow-up queue in English');
    await context.close();
  });
});

describe('contracts: rights', () => {
  it('shows a viewer figures only: no participant codes, no controls', async () => {
    const contractUrl = await newContract([{ participantRef: 'E2E-0001' }]);
    const { context, page } = await newPage(browser);
    await logIn(page, 'viewer@goteborg.example');
    await page.goto(contractUrl);
    await page.getByRole('progressbar', { name: 'Uppfyllda anställningar' }).first().waitFor();
    await page.getByText(/Du ser bara siffror för hela avtalet/).waitFor();
    expect(await page.getByText('E2E-0001').count()).toBe(0);
    expect(await page.getByRole('button', { name: /Registrera anställning|Ändra|Avsluta/ }).count()).toBe(0);
    await waitForSettled(page);
    await expectCleanAxe(page, 'contract page for a viewer');
    await page.goto('/follow-up');
    await page.getByText('Uppföljningskön är till för stödfunktionen. Du har inte behörighet att se den.').waitFor();
    expect(await page.getByRole('navigation', { name: 'Huvudmeny' }).getByRole('link', { name: 'Uppföljning' }).count()).toBe(0);
    await context.close();
  });

  it('tells a supplier once that contracts are not for them', async () => {
    const { context, page } = await newPage(browser);
    await logIn(page, 'supplier@goteborg.example');
    await page.goto('/contracts');
    await page.getByText('Du har inte behörighet att se avtal.').waitFor();
    expect(await page.getByRole('main').getByRole('button').count()).toBe(0);
    await waitForSettled(page);
    await expectCleanAxe(page, 'contracts for a supplier');
    await context.close();
  });
});

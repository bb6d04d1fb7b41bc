/**
 * Screenshots of the main pages for the docs, taken from a running server with demo data:
 *
 *     node bin/hansyn.js serve &            # or npm start
 *     npx tsx scripts/take-screenshots.ts   # BASE_URL=http://127.0.0.1:3000, CHROMIUM_PATH
 *
 * Writes 1280×800 PNGs to docs/screenshots/. The market view needs imported notices; the
 * script imports the eForms example `cn-social_25.xml` through the upload page first.
 */
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type Page } from 'playwright-core';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const OUT = path.join(ROOT, 'docs', 'screenshots');
const BASE_URL = process.env.BASE_URL ?? 'http://127.0.0.1:3000';
const PASSWORD = process.env.DEMO_PASSWORD ?? 'hansyn-demo-2026';
const FIXTURE = path.join(ROOT, 'tests', 'fixtures', 'eforms', 'sdk-examples', 'cn-social_25.xml');

async function settle(page: Page): Promise<void> {
  await page.waitForFunction(() => !document.querySelector('[aria-busy="true"]') && ![...document.querySelectorAll('[role=status]')].some((e) => /Laddar/.test(e.textContent ?? '')));
  await page.waitForTimeout(500);
}

async function shoot(page: Page, name: string, scrollTo?: string | RegExp): Promise<void> {
  await settle(page);
  if (scrollTo) {
    await page.getByRole('heading', { name: scrollTo, exact: typeof scrollTo === 'string' }).first().evaluate((element) => element.scrollIntoView({ block: 'start' }));
    await page.evaluate(() => window.scrollBy(0, -16));
  }
  const file = path.join(OUT, `${name}.png`);
  await page.screenshot({ path: file });
  console.log(`${path.relative(ROOT, file)} (${Math.round(fs.statSync(file).size / 1024)} kB)`);
}

async function findOrMakeDecidedProcurement(page: Page): Promise<string | null> {
  type Row = { id: string; decision: string | null; screening: string | null };
  for (let p = 1; p <= 10; p += 1) {
    const { items } = (await (await page.request.get(`/api/procurements?pageSize=100&page=${p}`)).json()) as { items: Row[] };
    const found = items.find((row) => row.decision === 'apply');
    if (found) return found.id;
    if (items.length < 100) break;
  }
  const queue = (await (await page.request.get('/api/procurements?queue=undecided&pageSize=50&contractNature=services')).json()) as { items: Row[] };
  const templates = (await (await page.request.get('/api/requirement-templates?scope=own')).json()) as { items: Array<{ key: string; publishedVersion: { id: string } | null }> };
  const version = templates.items.find((t) => t.key === 'employment-condition')?.publishedVersion?.id;
  const target = queue.items.find((row) => row.screening === 'recommended') ?? queue.items[0];
  if (!target || !version) return null;
  const { csrfToken } = (await (await page.request.get('/api/me')).json()) as { csrfToken: string };
  const answer = await page.request.put(`/api/procurements/${target.id}/decision`, {
    headers: { 'x-csrf-token': csrfToken },
    data: { kind: 'apply', requirements: [{ templateVersionId: version, lotNumbers: null, parameters: {} }], justification: target.screening === 'recommended' ? '' : 'Arbetsintensivt uppdrag där stödfunktionen har kandidater att matcha.' },
  });
  return answer.ok() ? target.id : null;
}

async function main(): Promise<void> {
  fs.mkdirSync(OUT, { recursive: true });
  const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: ['--headless', '--no-sandbox', '--disable-gpu'] });
  try {
    const context = await browser.newContext({ baseURL: BASE_URL, locale: 'sv-SE', viewport: { width: 1280, height: 800 } });
    context.setDefaultTimeout(20_000);
    const page = await context.newPage();
    await page.goto('/login');
    await page.getByLabel('E-postadress', { exact: true }).fill('coordinator@goteborg.example');
    await page.getByLabel('Lösenord', { exact: true }).fill(PASSWORD);
    await page.getByRole('button', { name: 'Logga in' }).click();
    await page.getByRole('heading', { level: 1, name: 'Översikt' }).waitFor();

    await page.getByRole('meter').waitFor();
    await shoot(page, 'overview-goal', 'Andel tjänsteupphandlingar med sociala hänsyn');

    await page.goto('/procurements?contractNature=services');
    await page.getByRole('grid', { name: 'Upphandlingsregister' }).getByRole('rowheader').first().waitFor();
    await shoot(page, 'register-screening', /^Resultat/);

    // A procurement whose decision applies requirements: one from the demo data, or one decided now.
    const decided = await findOrMakeDecidedProcurement(page);
    if (decided) {
      await page.goto(`/procurements/${decided}`);
      await page.getByRole('heading', { level: 2, name: 'Social hänsyn' }).waitFor();
      await page.getByRole('heading', { level: 3, name: 'Kravtexter och dokument' }).waitFor();
      await shoot(page, 'procurement-social', 'Social hänsyn');
      await shoot(page, 'procurement-documents', 'Kravtexter och dokument');
    } else console.warn('No procurement with requirements applied: procurement-social.png not taken');

    await page.goto('/library');
    await page.getByRole('table', { name: 'Kravmallar' }).getByRole('link', { name: 'Sysselsättningsvillkor', exact: true }).click();
    await page.getByRole('button', { name: /Skapa nytt utkast|Redigera utkastet/ }).click();
    await page.getByRole('heading', { level: 2, name: 'Förhandsvisning' }).waitFor();
    await page.getByTestId('preview-body-sv').waitFor();
    await shoot(page, 'library-preview', 'Redigera utkast');

    const market = await page.request.get('/api/market/social-considerations');
    if (market.ok()) {
      const existing = (await market.json()) as { totals: { notices: number } };
      if (existing.totals.notices === 0) {
        await page.goto('/market/import');
        const chooser = page.waitForEvent('filechooser');
        await page.getByRole('button', { name: 'Välj fil' }).click();
        await (await chooser).setFiles(FIXTURE);
        await page.getByRole('button', { name: 'Importera', exact: true }).click();
        await page.getByRole('heading', { level: 3, name: 'Resultat' }).waitFor();
      }
      await page.goto('/market?groupBy=socialCode&notices=1');
      await page.getByRole('table', { name: 'Annonser med sociala hänsyn per grupp' }).waitFor();
      await shoot(page, 'market-view');
    } else console.warn(`The market API answered ${market.status()}: market-view.png not taken`);
    await context.close();
  } finally {
    await browser.close();
  }
}

main().catch((error: unknown) => {
  console.error(error);
  process.exitCode = 1;
});

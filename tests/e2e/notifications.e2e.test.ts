import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Browser, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.js';
import { notify } from '../../src/server/features/notifications/notification-service.js';
import { createOrganisation, createUser, TEST_PASSWORD } from '../support/factories.js';
import { expectNoAxeViolations, launchBrowser, logIn } from './support/browser.js';

/**
 * Notifications and the outbox in the browser. The shared e2e server has no contracts, so no
 * reminder would ever appear there: this file prepares its own data directory (an organisation,
 * a coordinator with three notifications, one of them with an e-mail in the outbox, and an
 * admin) and starts its own `hansyn serve` from the build on it.
 */
const ROOT = fileURLToPath(new URL('../..', import.meta.url));
let browser: Browser;
let server: ChildProcess;
let baseURL: string;
let dataDir: string;
const people = { coordinator: '', admin: '' };

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = net.createServer();
    s.on('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const address = s.address();
      s.close(() => (typeof address === 'object' && address ? resolve(address.port) : reject(new Error('no port'))));
    });
  });
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hansyn-e2e-notifications-'));
  const database = await openDatabase({ kind: 'pglite', dataDir });
  await database.migrate();
  const db = database.db;
  const org = await createOrganisation(db, { name: 'Notisby kommun' });
  people.coordinator = (await createUser(db, org.id, ['coordinator'], 'samordnare@notisby.example')).email;
  people.admin = (await createUser(db, org.id, ['admin'], 'admin@notisby.example')).email;
  const base = { organisationId: org.id, roles: ['coordinator' as const] };
  const at = (iso: string) => new Date(iso);
  await notify(db, { ...base, kind: 'followup.report_due_soon', title: { sv: 'Rapport ska in om 7 dagar: AVT-2026-01', en: 'Report due in 7 days: AVT-2026-01' }, body: { sv: 'Rapporten för period 2 av avtal AVT-2026-01 (Lokalvård Väst AB) ska vara inne senast 2026-04-07.', en: 'The report for period 2 of contract AVT-2026-01 (Lokalvård Väst AB) is due on 2026-04-07.' }, link: '/procurements' }, at('2026-03-31T04:00:00Z'));
  await notify(db, { ...base, kind: 'followup.deviation_found', title: { sv: 'Avvikelse i avtal AVT-2026-02', en: 'Deviation in contract AVT-2026-02' }, body: { sv: 'Den dagliga kontrollen fann att första anställningen inte har skett i tid.', en: 'The daily check found that the first hire did not happen in time.' }, email: true }, at('2026-04-01T04:00:00Z'));
  await notify(db, { ...base, kind: 'followup.correction_deadline_near', title: { sv: 'Rättelsefristen går ut om 7 dagar: AVT-2026-03', en: 'Correction deadline in 7 days: AVT-2026-03' }, body: { sv: 'Fristen för att rätta bristen går ut 2026-04-09.', en: 'The deadline to correct the shortfall is 2026-04-09.' } }, at('2026-04-02T04:00:00Z'));
  await database.close();

  const port = await freePort();
  baseURL = `http://127.0.0.1:${port}`;
  server = spawn(process.execPath, [path.join(ROOT, 'bin', 'hansyn.js'), 'serve'], {
    cwd: ROOT,
    env: { ...process.env, HOST: '127.0.0.1', PORT: String(port), HANSYN_DATA_DIR: dataDir, HANSYN_DEMO: 'false', LOG_LEVEL: 'warn', DATABASE_URL: '', HANSYN_SMTP_URL: '' },
    stdio: 'ignore',
  });
  const deadline = Date.now() + 120_000;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`server exited with ${server.exitCode}`);
    if (await fetch(`${baseURL}/api/ready`).then((r) => r.ok, () => false)) break;
    if (Date.now() > deadline) throw new Error('server not ready');
    await new Promise((r) => setTimeout(r, 250));
  }
  browser = await launchBrowser();
});

afterAll(async () => {
  await browser?.close();
  if (server && server.exitCode === null) {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
  }
  if (dataDir) fs.rmSync(dataDir, { recursive: true, force: true });
});

async function signedIn(email: string): Promise<Page> {
  const context = await browser.newContext({ baseURL, locale: 'sv-SE', viewport: { width: 1280, height: 900 } });
  context.setDefaultTimeout(15_000);
  const page = await context.newPage();
  await logIn(page, email, TEST_PASSWORD);
  return page;
}

describe('notifications', () => {
  it('shows the unread count in the header, lists the notifications and marks them read, in Swedish and English', async () => {
    const page = await signedIn(people.coordinator);
    const header = page.getByRole('banner');
    await header.getByRole('link', { name: 'Notiser 3 olästa' }).click();
    await page.getByRole('heading', { level: 1, name: 'Notiser' }).waitFor();
    const list = page.getByRole('list', { name: 'Notiser' });
    await expect.poll(() => list.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      'Rättelsefristen går ut om 7 dagar: AVT-2026-03',
      'Avvikelse i avtal AVT-2026-02',
      'Rapport ska in om 7 dagar: AVT-2026-01',
    ]);
    await expectNoAxeViolations(page, 'notifications');

    await page.getByRole('button', { name: 'Markera som läst: Avvikelse i avtal AVT-2026-02' }).click();
    await page.getByRole('status').filter({ hasText: 'Notisen är markerad som läst.' }).waitFor();
    await header.getByRole('link', { name: 'Notiser 2 olästa' }).waitFor();

    await page.getByRole('radio', { name: 'Olästa' }).click();
    await expect.poll(() => list.getByRole('heading', { level: 2 }).allTextContents()).toEqual([
      'Rättelsefristen går ut om 7 dagar: AVT-2026-03',
      'Rapport ska in om 7 dagar: AVT-2026-01',
    ]);
    await page.getByRole('link', { name: 'Öppna: Rapport ska in om 7 dagar: AVT-2026-01' }).waitFor();

    await page.getByRole('radio', { name: 'English' }).click();
    await page.getByRole('heading', { level: 1, name: 'Notifications' }).waitFor();
    await page.getByRole('heading', { level: 2, name: 'Report due in 7 days: AVT-2026-01' }).waitFor();
    await page.getByRole('button', { name: 'Mark all as read' }).click();
    await page.getByText('You have no unread notifications.').waitFor();
    await header.getByRole('link', { name: 'Notifications', exact: true }).waitFor();
    await expectNoAxeViolations(page, 'notifications (English, none unread)');
    await page.context().close();
  });

  it('shows an admin the organisation’s outbox, with the e-mail that waits because no SMTP server is set', async () => {
    const page = await signedIn(people.admin);
    await page.goto('/admin/outbox');
    await page.getByRole('heading', { level: 1, name: 'Utkorg' }).waitFor();
    await page.getByText(/Ingen e-postserver \(HANSYN_SMTP_URL\) är inställd/).waitFor();
    const table = page.getByRole('grid', { name: 'Utkorg' });
    const row = table.getByRole('row').filter({ hasText: 'Avvikelse i avtal AVT-2026-02' });
    await row.waitFor();
    await expect.poll(() => row.getByRole('gridcell').allTextContents()).toEqual(['samordnare@notisby.example', expect.any(String), 'Väntar', '0']);
    expect(await table.getByRole('row').count()).toBe(2); // the header and the one e-mail
    await expectNoAxeViolations(page, 'outbox');

    await table.getByRole('link', { name: 'Avvikelse i avtal AVT-2026-02' }).click();
    await page.getByRole('heading', { level: 1, name: 'Avvikelse i avtal AVT-2026-02' }).waitFor();
    await page.getByText('Den dagliga kontrollen fann att första anställningen inte har skett i tid.').waitFor();
    await page.getByText('— In English —', { exact: false }).waitFor();
    await expectNoAxeViolations(page, 'outbox message');
    await page.context().close();
  });
});

import { sql } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase } from '../../../tests/support/test-database.js';
import { login } from '../../../tests/support/factories.js';
import { buildApp } from '../../server/app.js';
import { loadConfig } from '../../server/config.js';
import type { App } from '../../server/deps.js';
import type { DatabaseHandle } from '../client.js';
import { DEMO_PASSWORD, seedDemo } from './seed-demo.js';
import { DEMO_SUPPLIER_EMAIL, demoSupplierLogins } from './seed-demo-suppliers.js';

let handle: DatabaseHandle;
let app: App;

beforeAll(async () => {
  handle = await createTestDatabase();
  await seedDemo(handle.db, { now: new Date(), scale: 'demo', currentYear: 2026 });
  app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', HANSYN_LOGIN_RATE_LIMIT: '1000' }), database: handle });
  await app.ready();
}, 180_000);
afterAll(async () => {
  await app.close();
  await handle.close();
});

describe('demo suppliers', () => {
  it('Lokalvård Väst’s demo account sees its contracts with Göteborg and Borås, with a period to report', async () => {
    const session = await login(app, DEMO_SUPPLIER_EMAIL, DEMO_PASSWORD);
    const answer = (await session.get('/api/supplier/contracts')).json();
    expect(answer.supplier.name).toBe('Lokalvård Väst AB (demo)');
    expect([...new Set(answer.items.map((c: { buyer: { slug: string } }) => c.buyer.slug))].sort()).toEqual(['boras', 'goteborg']);
    expect(answer.items.some((c: { buyer: { slug: string }; nextReport: unknown }) => c.buyer.slug === 'goteborg' && c.nextReport !== null)).toBe(true);
  });

  it('every demo supplier with a contract has an account, and a few reports wait for the buyers', async () => {
    expect((await demoSupplierLogins(handle.db)).length).toBeGreaterThanOrEqual(5);
    const [pending] = ((await handle.db.execute(sql`select count(*)::int as n from supplier_reports where status = 'pending'`)) as unknown as { rows: Array<{ n: number }> }).rows;
    expect(pending!.n).toBeGreaterThanOrEqual(2);
  });
});

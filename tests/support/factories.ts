import { eq } from 'drizzle-orm';
import type { InjectOptions, LightMyRequestResponse } from 'fastify';
import type { Database } from '../../src/db/client.js';
import { memberships, organisations, units, users } from '../../src/db/schema/index.js';
import type { Role } from '../../src/domain/access/can.js';
import { buildApp } from '../../src/server/app.js';
import { loadConfig } from '../../src/server/config.js';
import type { App } from '../../src/server/deps.js';
import { hashPassword } from '../../src/server/features/auth/auth-crypto.js';
import { createTestDatabase } from './test-database.js';

export const TEST_PASSWORD = 'correct horse battery staple';
let passwordHash: Promise<string> | null = null;

export interface TestContext {
  app: App;
  db: Database;
  close(): Promise<void>;
}

/** A migrated database and the app on it, without a web build. */
export async function createTestApp(env: Record<string, string> = {}, options: { now?: () => Date } = {}): Promise<TestContext> {
  const database = await createTestDatabase();
  const app = await buildApp({ config: loadConfig({ LOG_LEVEL: 'silent', HANSYN_LOGIN_RATE_LIMIT: '1000', ...env }), database, ...(options.now ? { now: options.now } : {}) });
  await app.ready();
  return {
    app,
    db: database.db,
    close: async () => {
      await app.close();
      await database.close();
    },
  };
}

let counter = 0;
const unique = () => `${Date.now().toString(36)}${(counter++).toString(36)}`;

export async function createOrganisation(db: Database, overrides: Partial<typeof organisations.$inferInsert> = {}) {
  const slug = overrides.slug ?? `org-${unique()}`;
  const [org] = await db
    .insert(organisations)
    .values({ slug, name: `Testkommun ${slug}`, organisationNumber: '212000-1355', kind: 'municipality', ...overrides })
    .returning();
  const [unit] = await db.insert(units).values({ organisationId: org!.id, code: 'U1', name: 'Enhet ett' }).returning();
  const [other] = await db.insert(units).values({ organisationId: org!.id, code: 'U2', name: 'Enhet två' }).returning();
  return { ...org!, unit: unit!, otherUnit: other! };
}

export async function createUser(db: Database, organisationId: string, roles: Array<Role | { role: Role; unitId: string }>, email?: string) {
  passwordHash ??= hashPassword(TEST_PASSWORD);
  const [user] = await db
    .insert(users)
    .values({ email: email ?? `user-${unique()}@test.example`, displayName: 'Test Testsson', passwordHash: await passwordHash })
    .returning();
  for (const r of roles) {
    const m = typeof r === 'string' ? { role: r, unitId: null } : r;
    await db.insert(memberships).values({ userId: user!.id, organisationId, role: m.role, unitId: m.unitId });
  }
  return user!;
}

/** A signed-in client: keeps the session cookie and sends the CSRF token on writes. */
export interface Session {
  request(options: InjectOptions): Promise<LightMyRequestResponse>;
  get(url: string): Promise<LightMyRequestResponse>;
  post(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  patch(url: string, payload?: unknown): Promise<LightMyRequestResponse>;
  delete(url: string): Promise<LightMyRequestResponse>;
  cookie: string;
  csrfToken: string;
}

/** Signs in; `organisation` (a slug) picks the organisation of a user who belongs to several. */
export async function login(app: App, email: string, password = TEST_PASSWORD, organisation?: string): Promise<Session> {
  const response = await app.inject({ method: 'POST', url: '/api/auth/login', payload: { email, password, ...(organisation ? { organisation } : {}) } });
  if (response.statusCode !== 200) throw new Error(`login failed: ${response.statusCode} ${response.body}`);
  const cookie = response.cookies.find((c) => c.name === 'hansyn_session')!.value;
  const csrfToken = response.json().csrfToken as string;
  const request = (options: InjectOptions): Promise<LightMyRequestResponse> =>
    app.inject({
      ...options,
      headers: { ...(options.headers ?? {}), cookie: `hansyn_session=${cookie}`, ...(options.method && options.method !== 'GET' ? { 'x-csrf-token': csrfToken } : {}) },
    });
  return {
    cookie,
    csrfToken,
    request,
    get: (url) => request({ method: 'GET', url }),
    post: (url, payload) => request({ method: 'POST', url, ...(payload === undefined ? {} : { payload: payload as object }) }),
    patch: (url, payload) => request({ method: 'PATCH', url, payload: payload as object }),
    delete: (url) => request({ method: 'DELETE', url }),
  };
}

export async function userByEmail(db: Database, email: string) {
  const [user] = await db.select().from(users).where(eq(users.email, email));
  return user;
}

export function validProcurement(unitId: string, overrides: Record<string, unknown> = {}) {
  return {
    referenceNumber: `REF-${unique()}`,
    title: 'Lokalvård i förskolor',
    description: 'Städning av tolv förskolor',
    unitId,
    contractNature: 'services',
    mainCpv: '90911200',
    additionalCpv: ['90919200'],
    estimatedValueOre: 12_000_000_00,
    contractStart: '2026-04-01',
    durationMonths: 24,
    extensionMonths: 12,
    procedureType: 'open',
    labourNeedFte: 6.5,
    ...overrides,
  };
}

/** The link token of the newest invitation e-mail to `email` (read from the mail outbox, as the person's inbox would). */
export async function invitationTokenFor(db: Database, email: string): Promise<string> {
  const { mailOutbox } = await import('../../src/db/schema/index.js');
  const { and, desc } = await import('drizzle-orm');
  const [mail] = await db
    .select({ text: mailOutbox.textBody })
    .from(mailOutbox)
    .where(and(eq(mailOutbox.toAddress, email), eq(mailOutbox.kind, 'invitation')))
    .orderBy(desc(mailOutbox.createdAt))
    .limit(1);
  const token = /\/invitation#([A-Za-z0-9_-]+)/.exec(mail?.text ?? '')?.[1];
  if (!token) throw new Error(`no invitation mail to ${email}`);
  return token;
}

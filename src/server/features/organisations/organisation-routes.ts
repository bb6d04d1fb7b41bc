import { Type } from '@sinclair/typebox';
import { and, asc, eq, inArray, sql } from 'drizzle-orm';
import { memberships, organisations, procurements, units, users } from '../../../db/schema/index.js';
import { can, ROLES, type Role } from '../../../domain/access/can.js';
import { AppError, forbidden, notFound, validationFailed } from '../../errors.js';
import type { App, AppDeps } from '../../deps.js';
import { forgetUserSessions } from '../../plugins/session-cache.js';
import { authOf } from '../../plugins/authenticate.js';
import { enumOf, errorResponses, IdParams, Uuid } from '../../schemas.js';
import { recordAudit } from '../audit/audit-repository.js';
import { generatePassword, hashPassword } from '../auth/auth-crypto.js';
import { countProcurementsByStatusAndUnit } from '../procurements/procurement-repository.js';
import { whoOf } from '../procurements/procurement-routes.js';
import { normaliseOrganisationNumber } from './organisation-number.js';

const RoleSchema = enumOf(ROLES);
const Unit = Type.Object({
  id: Uuid,
  code: Type.String(),
  name: Type.String(),
  parentId: Type.Union([Uuid, Type.Null()]),
  organisationNumber: Type.Union([Type.String(), Type.Null()]),
});
const UnitInput = Type.Object(
  {
    code: Type.String({ minLength: 1, maxLength: 32, pattern: '^[A-Za-z0-9_-]+$' }),
    name: Type.String({ minLength: 1, maxLength: 200 }),
    parentId: Type.Optional(Type.Union([Uuid, Type.Null()])),
    organisationNumber: Type.Optional(Type.Union([Type.String({ maxLength: 13 }), Type.Null()])),
  },
  { additionalProperties: false },
);
const MembershipSchema = Type.Object({ role: RoleSchema, unitId: Type.Union([Uuid, Type.Null()]) }, { additionalProperties: false });
const User = Type.Object({
  id: Uuid,
  email: Type.String(),
  displayName: Type.String(),
  disabled: Type.Boolean(),
  memberships: Type.Array(MembershipSchema),
});
const Organisation = Type.Object({
  id: Uuid,
  slug: Type.String(),
  name: Type.String(),
  organisationNumber: Type.String(),
  kind: Type.String(),
  socialGoalPercent: Type.Integer(),
  isDemo: Type.Boolean(),
  openDataPublished: Type.Boolean({ description: 'Procurements from publication on are open data (OCDS) at GET /api/ocds/release-package?org=SLUG' }),
});

/** The tenant itself, its unit tree and its users; administered by admins. */
export async function organisationRoutes(app: App, { db }: AppDeps): Promise<void> {
  app.get(
    '/api/organisation',
    { schema: { tags: ['organisation'], summary: 'My organisation', response: { 200: Organisation, ...errorResponses } } },
    async (request) => {
      const { actor } = authOf(request);
      const [org] = await db.select().from(organisations).where(eq(organisations.id, actor.organisationId));
      if (!org) throw notFound('The organisation');
      return { ...org };
    },
  );

  app.patch(
    '/api/organisation',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Change name, the goal for social considerations or open-data publication (admins)',
        body: Type.Object(
          {
            name: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            socialGoalPercent: Type.Optional(Type.Integer({ minimum: 0, maximum: 100 })),
            openDataPublished: Type.Optional(Type.Boolean({ description: 'Publish procurements from publication on as open data (OCDS)' })),
          },
          { additionalProperties: false },
        ),
        response: { 200: Organisation, ...errorResponses },
      },
    },
    async (request) => {
      const who = whoOf(request);
      if (!can(who.actor, 'organisation:manage', { organisationId: who.actor.organisationId })) throw forbidden();
      return db.transaction(async (tx) => {
        const [before] = await tx.select().from(organisations).where(eq(organisations.id, who.actor.organisationId));
        const [after] = await tx.update(organisations).set(request.body).where(eq(organisations.id, who.actor.organisationId)).returning();
        await recordAudit(tx, who, {
          action: 'organisation.updated',
          entityType: 'organisation',
          entityId: who.actor.organisationId,
          before: { name: before!.name, socialGoalPercent: before!.socialGoalPercent, openDataPublished: before!.openDataPublished },
          after: { name: after!.name, socialGoalPercent: after!.socialGoalPercent, openDataPublished: after!.openDataPublished },
        });
        return { ...after! };
      });
    },
  );

  app.get(
    '/api/overview',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Counts of procurements by status and unit',
        response: {
          200: Type.Object({
            total: Type.Integer(),
            byStatus: Type.Record(Type.String(), Type.Integer()),
            byUnit: Type.Array(Type.Object({ unitId: Uuid, unitName: Type.String(), total: Type.Integer(), byStatus: Type.Record(Type.String(), Type.Integer()) })),
          }),
          ...errorResponses,
        },
      },
    },
    async (request) => {
      const { actor } = authOf(request);
      if (!can(actor, 'procurement:read', { organisationId: actor.organisationId })) throw forbidden();
      const rows = await countProcurementsByStatusAndUnit(db, actor.organisationId);
      const byStatus: Record<string, number> = {};
      const byUnit = new Map<string, { unitId: string; unitName: string; total: number; byStatus: Record<string, number> }>();
      for (const r of rows) {
        byStatus[r.status] = (byStatus[r.status] ?? 0) + r.count;
        const unit = byUnit.get(r.unitId) ?? { unitId: r.unitId, unitName: r.unitName, total: 0, byStatus: {} };
        unit.total += r.count;
        unit.byStatus[r.status] = r.count;
        byUnit.set(r.unitId, unit);
      }
      return { total: Object.values(byStatus).reduce((a, b) => a + b, 0), byStatus, byUnit: [...byUnit.values()] };
    },
  );

  app.get(
    '/api/units',
    { schema: { tags: ['organisation'], summary: 'The unit tree, flat, parents before children', response: { 200: Type.Array(Unit), ...errorResponses } } },
    async (request) => {
      const { actor } = authOf(request);
      if (!can(actor, 'unit:read', { organisationId: actor.organisationId })) throw forbidden();
      const rows = await db
        .select({ id: units.id, code: units.code, name: units.name, parentId: units.parentId, organisationNumber: units.organisationNumber })
        .from(units)
        .where(eq(units.organisationId, actor.organisationId))
        .orderBy(asc(units.name));
      return rows;
    },
  );

  async function checkUnit(organisationId: string, body: { parentId?: string | null; organisationNumber?: string | null }, selfId?: string) {
    const errors = [];
    let organisationNumber: string | null | undefined = body.organisationNumber;
    if (body.organisationNumber) {
      organisationNumber = normaliseOrganisationNumber(body.organisationNumber);
      if (organisationNumber === null) errors.push({ path: '/body/organisationNumber', code: 'invalid_organisation_number', message: 'Not a valid Swedish organisation number.' });
    }
    if (body.parentId) {
      const all = await db.select({ id: units.id, parentId: units.parentId }).from(units).where(eq(units.organisationId, organisationId));
      const parents = new Map(all.map((u) => [u.id, u.parentId]));
      if (!parents.has(body.parentId)) errors.push({ path: '/body/parentId', code: 'unknown_unit', message: 'No such unit.' });
      // Walking up from the new parent must never reach the unit itself.
      for (let at: string | null | undefined = body.parentId; at && selfId; at = parents.get(at)) {
        if (at === selfId) {
          errors.push({ path: '/body/parentId', code: 'cycle', message: 'A unit cannot be placed below itself.' });
          break;
        }
      }
    }
    if (errors.length > 0) throw validationFailed(errors);
    return organisationNumber;
  }

  app.post(
    '/api/units',
    { schema: { tags: ['organisation'], summary: 'Add a unit (admins)', body: UnitInput, response: { 201: Unit, ...errorResponses } } },
    async (request, reply) => {
      const who = whoOf(request);
      const organisationId = who.actor.organisationId;
      if (!can(who.actor, 'unit:manage', { organisationId })) throw forbidden();
      const organisationNumber = await checkUnit(organisationId, request.body);
      const created = await db.transaction(async (tx) => {
        const [taken] = await tx.select({ id: units.id }).from(units).where(and(eq(units.organisationId, organisationId), eq(units.code, request.body.code)));
        if (taken) throw validationFailed([{ path: '/body/code', code: 'duplicate', message: 'That code is already used.' }]);
        const [row] = await tx
          .insert(units)
          .values({ organisationId, code: request.body.code, name: request.body.name, parentId: request.body.parentId ?? null, organisationNumber: organisationNumber ?? null })
          .returning({ id: units.id, code: units.code, name: units.name, parentId: units.parentId, organisationNumber: units.organisationNumber });
        await recordAudit(tx, who, { action: 'unit.created', entityType: 'unit', entityId: row!.id, after: row });
        return row!;
      });
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/units/:id',
    {
      schema: { tags: ['organisation'], summary: 'Rename or move a unit (admins)', params: IdParams, body: Type.Partial(UnitInput), response: { 200: Unit, ...errorResponses } },
    },
    async (request) => {
      const who = whoOf(request);
      const organisationId = who.actor.organisationId;
      if (!can(who.actor, 'unit:manage', { organisationId })) throw forbidden();
      const organisationNumber = await checkUnit(organisationId, request.body, request.params.id);
      return db.transaction(async (tx) => {
        const [before] = await tx.select().from(units).where(and(eq(units.organisationId, organisationId), eq(units.id, request.params.id)));
        if (!before) throw notFound('The unit');
        const [after] = await tx
          .update(units)
          .set({ ...request.body, ...(organisationNumber !== undefined ? { organisationNumber } : {}) })
          .where(and(eq(units.organisationId, organisationId), eq(units.id, request.params.id)))
          .returning({ id: units.id, code: units.code, name: units.name, parentId: units.parentId, organisationNumber: units.organisationNumber });
        await recordAudit(tx, who, { action: 'unit.updated', entityType: 'unit', entityId: before.id, before, after });
        return after!;
      });
    },
  );

  app.delete(
    '/api/units/:id',
    { schema: { tags: ['organisation'], summary: 'Remove an empty unit (admins)', params: IdParams, response: { 204: Type.Null(), ...errorResponses } } },
    async (request, reply) => {
      const who = whoOf(request);
      const organisationId = who.actor.organisationId;
      if (!can(who.actor, 'unit:manage', { organisationId })) throw forbidden();
      await db.transaction(async (tx) => {
        const [unit] = await tx.select().from(units).where(and(eq(units.organisationId, organisationId), eq(units.id, request.params.id)));
        if (!unit) throw notFound('The unit');
        const [used] = await tx
          .select({ n: sql<number>`(select count(*) from ${procurements} where ${procurements.unitId} = ${unit.id}) + (select count(*) from ${units} where ${units.parentId} = ${unit.id})`.mapWith(Number) })
          .from(units)
          .where(eq(units.id, unit.id));
        if ((used?.n ?? 0) > 0) throw new AppError('conflict', 'The unit still has procurements or sub-units.');
        await tx.delete(units).where(eq(units.id, unit.id));
        await recordAudit(tx, who, { action: 'unit.deleted', entityType: 'unit', entityId: unit.id, before: unit });
      });
      return reply.status(204).send(null);
    },
  );

  async function listUsers(organisationId: string, onlyIds?: string[]) {
    const rows = await db
      .select({ id: users.id, email: users.email, displayName: users.displayName, disabledAt: users.disabledAt, role: memberships.role, unitId: memberships.unitId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, organisationId), onlyIds ? inArray(users.id, onlyIds) : sql`true`))
      .orderBy(asc(users.displayName));
    const byId = new Map<string, { id: string; email: string; displayName: string; disabled: boolean; memberships: Array<{ role: Role; unitId: string | null }> }>();
    for (const r of rows) {
      const user = byId.get(r.id) ?? { id: r.id, email: r.email, displayName: r.displayName, disabled: r.disabledAt !== null, memberships: [] };
      user.memberships.push({ role: r.role, unitId: r.unitId });
      byId.set(r.id, user);
    }
    return [...byId.values()];
  }

  app.get(
    '/api/users',
    { schema: { tags: ['organisation'], summary: 'People in my organisation and their roles', response: { 200: Type.Array(User), ...errorResponses } } },
    async (request) => {
      const { actor } = authOf(request);
      if (!can(actor, 'user:read', { organisationId: actor.organisationId })) throw forbidden();
      return listUsers(actor.organisationId);
    },
  );

  async function checkMemberships(organisationId: string, list: Array<{ role: Role; unitId: string | null }>) {
    const unitIds = list.map((m) => m.unitId).filter((u): u is string => u !== null);
    if (unitIds.length === 0) return;
    const found = await db.select({ id: units.id }).from(units).where(and(eq(units.organisationId, organisationId), inArray(units.id, unitIds)));
    const known = new Set(found.map((u) => u.id));
    const errors = list.flatMap((m, i) => (m.unitId && !known.has(m.unitId) ? [{ path: `/body/memberships/${i}/unitId`, code: 'unknown_unit', message: 'No such unit.' }] : []));
    if (errors.length > 0) throw validationFailed(errors);
  }

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Add a person with roles (admins); answers a generated first password once',
        body: Type.Object(
          {
            email: Type.String({ format: 'email', maxLength: 320 }),
            displayName: Type.String({ minLength: 1, maxLength: 200 }),
            memberships: Type.Array(MembershipSchema, { minItems: 1, maxItems: 20 }),
          },
          { additionalProperties: false },
        ),
        response: { 201: Type.Object({ user: User, initialPassword: Type.Union([Type.String(), Type.Null()]) }), ...errorResponses },
      },
    },
    async (request, reply) => {
      const who = whoOf(request);
      const organisationId = who.actor.organisationId;
      if (!can(who.actor, 'user:manage', { organisationId })) throw forbidden();
      await checkMemberships(organisationId, request.body.memberships);
      const result = await addUserWithMemberships(db, who, organisationId, request.body);
      const [user] = await listUsers(organisationId, [result.userId]);
      return reply.status(201).send({ user: user!, initialPassword: result.initialPassword });
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['organisation'],
        summary: 'Change a person’s name, roles or disable them (admins)',
        params: IdParams,
        body: Type.Object(
          {
            displayName: Type.Optional(Type.String({ minLength: 1, maxLength: 200 })),
            disabled: Type.Optional(Type.Boolean()),
            memberships: Type.Optional(Type.Array(MembershipSchema, { minItems: 1, maxItems: 20 })),
          },
          { additionalProperties: false },
        ),
        response: { 200: User, ...errorResponses },
      },
    },
    async (request) => {
      const who = whoOf(request);
      const organisationId = who.actor.organisationId;
      if (!can(who.actor, 'user:manage', { organisationId })) throw forbidden();
      const [before] = await listUsers(organisationId, [request.params.id]);
      if (!before) throw notFound('The person');
      if (request.body.memberships) await checkMemberships(organisationId, request.body.memberships);
      if (request.params.id === who.actor.userId && (request.body.disabled || (request.body.memberships && !request.body.memberships.some((m) => m.role === 'admin')))) {
        throw new AppError('conflict', 'You cannot remove your own admin role or disable yourself.');
      }
      await db.transaction(async (tx) => {
        if (request.body.displayName !== undefined || request.body.disabled !== undefined) {
          await tx
            .update(users)
            .set({
              ...(request.body.displayName !== undefined ? { displayName: request.body.displayName } : {}),
              ...(request.body.disabled !== undefined ? { disabledAt: request.body.disabled ? new Date() : null } : {}),
            })
            .where(eq(users.id, request.params.id));
        }
        if (request.body.memberships) {
          await tx.delete(memberships).where(and(eq(memberships.organisationId, organisationId), eq(memberships.userId, request.params.id)));
          await tx.insert(memberships).values(dedupe(request.body.memberships).map((m) => ({ ...m, userId: request.params.id, organisationId })));
        }
        const [after] = await listUsersIn(tx, organisationId, request.params.id);
        await recordAudit(tx, who, { action: 'user.updated', entityType: 'user', entityId: request.params.id, before, after });
      });
      // Roles or the disabled flag may have changed: resolve this user's sessions afresh.
      forgetUserSessions(request.params.id);
      const [after] = await listUsers(organisationId, [request.params.id]);
      return after!;
    },
  );

  async function listUsersIn(tx: typeof db, organisationId: string, userId: string) {
    const rows = await tx
      .select({ displayName: users.displayName, disabledAt: users.disabledAt, role: memberships.role, unitId: memberships.unitId })
      .from(memberships)
      .innerJoin(users, eq(users.id, memberships.userId))
      .where(and(eq(memberships.organisationId, organisationId), eq(users.id, userId)));
    return rows.length === 0 ? [] : [{ displayName: rows[0]!.displayName, disabled: rows[0]!.disabledAt !== null, memberships: rows.map((r) => ({ role: r.role, unitId: r.unitId })) }];
  }
}

function dedupe(list: Array<{ role: Role; unitId: string | null }>) {
  const seen = new Set<string>();
  return list.filter((m) => {
    const key = `${m.role}|${m.unitId ?? ''}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/**
 * Adds a person to an organisation with the given roles. An existing account (same e-mail)
 * just gains the memberships; a new one gets a generated password unless one is given.
 * Shared by the admin API, the CLI and the demo seed.
 */
export async function addUserWithMemberships(
  db: AppDeps['db'],
  who: Parameters<typeof recordAudit>[1],
  organisationId: string,
  input: { email: string; displayName: string; memberships: Array<{ role: Role; unitId: string | null }>; password?: string },
): Promise<{ userId: string; initialPassword: string | null; created: boolean }> {
  return db.transaction(async (tx) => {
    const [existing] = await tx.select({ id: users.id }).from(users).where(sql`lower(${users.email}) = lower(${input.email})`);
    let userId = existing?.id;
    let initialPassword: string | null = null;
    if (!userId) {
      initialPassword = input.password ?? generatePassword();
      const [row] = await tx
        .insert(users)
        .values({ email: input.email.trim(), displayName: input.displayName, passwordHash: await hashPassword(initialPassword) })
        .returning({ id: users.id });
      userId = row!.id;
    }
    for (const m of dedupe(input.memberships)) {
      await tx
        .insert(memberships)
        .values({ userId, organisationId, role: m.role, unitId: m.unitId })
        .onConflictDoNothing();
    }
    await recordAudit(tx, who, {
      action: existing ? 'user.memberships_added' : 'user.created',
      entityType: 'user',
      entityId: userId,
      after: { email: input.email, displayName: input.displayName, memberships: input.memberships },
    });
    return { userId, initialPassword: input.password ? null : initialPassword, created: !existing };
  });
}

import { sql, type SQL } from 'drizzle-orm';
import {
  bigint,
  customType,
  date,
  index,
  integer,
  numeric,
  pgTable,
  text,
  timestamp,
  uniqueIndex,
  uuid,
} from 'drizzle-orm/pg-core';
import { organisations, units, users } from './identity.js';

const tsvector = customType<{ data: string }>({ dataType: () => 'tsvector' });

/** The procurement register (upphandlingsregister). */
export const procurements = pgTable(
  'procurements',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    referenceNumber: text('reference_number').notNull(),
    title: text('title').notNull(),
    description: text('description').notNull().default(''),
    unitId: uuid('unit_id').notNull().references(() => units.id, { onDelete: 'restrict' }),
    responsibleUserId: uuid('responsible_user_id').references(() => users.id, { onDelete: 'set null' }),
    contractNature: text('contract_nature', { enum: ['services', 'supplies', 'works'] }).notNull(),
    mainCpv: text('main_cpv').notNull(),
    additionalCpv: text('additional_cpv').array().notNull().default(sql`'{}'::text[]`),
    estimatedValueOre: bigint('estimated_value_ore', { mode: 'number' }),
    contractStart: date('contract_start', { mode: 'string' }),
    durationMonths: integer('duration_months'),
    extensionMonths: integer('extension_months'),
    procedureType: text('procedure_type'),
    labourNeedFte: numeric('labour_need_fte', { precision: 8, scale: 2, mode: 'number' }),
    status: text('status', {
      enum: ['planned', 'in_preparation', 'published', 'evaluation', 'awarded', 'cancelled'],
    })
      .notNull()
      .default('planned'),
    /** Optimistic concurrency: every update bumps it, a stale update is refused. */
    version: integer('version').notNull().default(1),
    searchVector: tsvector('search_vector').generatedAlwaysAs(
      (): SQL =>
        sql`setweight(to_tsvector('swedish', coalesce(${procurements.referenceNumber}, '') || ' ' || coalesce(${procurements.title}, '')), 'A') || setweight(to_tsvector('swedish', coalesce(${procurements.description}, '')), 'B')`,
    ),
    createdAt: timestamp('created_at', { withTimezone: true }).notNull().defaultNow(),
    updatedAt: timestamp('updated_at', { withTimezone: true }).notNull().defaultNow(),
  },
  (t) => [
    uniqueIndex('procurements_org_reference_key').on(t.organisationId, t.referenceNumber),
    index('procurements_org_unit_idx').on(t.organisationId, t.unitId, t.createdAt),
    index('procurements_org_status_idx').on(t.organisationId, t.status),
    index('procurements_org_start_idx').on(t.organisationId, t.contractStart),
    index('procurements_org_cpv_idx').on(t.organisationId, t.mainCpv),
    index('procurements_org_created_idx').on(t.organisationId, t.createdAt),
    index('procurements_search_idx').using('gin', t.searchVector),
  ],
);

/** A lot (delområde). A procurement without lots is its own single lot. */
export const procurementLots = pgTable(
  'procurement_lots',
  {
    id: uuid('id').primaryKey().defaultRandom(),
    organisationId: uuid('organisation_id').notNull().references(() => organisations.id, { onDelete: 'cascade' }),
    procurementId: uuid('procurement_id').notNull().references(() => procurements.id, { onDelete: 'cascade' }),
    lotNumber: integer('lot_number').notNull(),
    title: text('title').notNull(),
    mainCpv: text('main_cpv').notNull(),
    estimatedValueOre: bigint('estimated_value_ore', { mode: 'number' }),
    durationMonths: integer('duration_months'),
  },
  (t) => [uniqueIndex('procurement_lots_number_key').on(t.procurementId, t.lotNumber)],
);

/**
 * A counter per organisation that every committed change to what the register list shows
 * (procurements, lots, units, current screenings, decisions) moves forward. Statement-level
 * triggers keep it (migration 0004), so every writer counts — this server, another server
 * process on the same PostgreSQL, the CLI. The list cache compares it before answering
 * from memory (docs/decisions/0202). No foreign key: a cascade that deletes an organisation
 * fires the triggers after the organisation row is gone.
 */
export const registerVersions = pgTable('register_versions', {
  organisationId: uuid('organisation_id').primaryKey(),
  version: bigint('version', { mode: 'number' }).notNull().default(0),
});

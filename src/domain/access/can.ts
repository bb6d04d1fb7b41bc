/**
 * Who may do what. One pure policy function decides every permission in Hänsyn; routes and
 * services ask it and never test roles themselves.
 */

export const ROLES = ['admin', 'coordinator', 'procurer', 'labour_market', 'supplier', 'viewer'] as const;
export type Role = (typeof ROLES)[number];

export interface Membership {
  role: Role;
  /**
   * The units this role is limited to, already expanded to include their sub-units;
   * null means the whole organisation.
   */
  unitIds: readonly string[] | null;
}

/** A buyer (municipality, region, company group) or a supplier company (the supplier portal). */
export type OrganisationKind = 'buyer' | 'supplier';

export interface Actor {
  userId: string;
  organisationId: string;
  memberships: readonly Membership[];
  /**
   * What kind of organisation the actor acts in; absent means a buyer. In a supplier
   * organisation the roles mean something else (SUPPLIER_MATRIX; docs/decisions/0601).
   */
  organisationKind?: OrganisationKind;
}

export const ACTIONS = [
  'procurement:read',
  'procurement:create',
  'procurement:update',
  'procurement:change_status',
  'procurement:delete',
  'procurement:import',
  'unit:read',
  'unit:manage',
  'user:read',
  'user:manage',
  'audit:read',
  'organisation:manage',
  'personal_data:read',
  'register:export',
  'screening:run',
  'screening_policy:read',
  'screening_policy:edit',
  'decision:record',
  'template:read',
  'template:manage',
  'target_group:manage',
  'notice:import',
  'market:read',
  'contract:read',
  'contract:manage',
  'placement:read',
  'placement:manage',
  'follow_up:manage',
  'outbox:read',
  'job:manage',
  'supplier_contact:invite',
  'supplier_report:review',
  'supplier_portal:read',
  'supplier_portal:report',
  'participant:read',
  'participant:manage',
  'recruitment_need:read',
  'recruitment_need:manage',
  'proposal:manage',
  'results:read',
  'effects:calculate',
  'results:publish',
  'goal:manage',
] as const;
export type Action = (typeof ACTIONS)[number];

/** What an action is done to: always inside an organisation, sometimes owned by a unit. */
export interface Resource {
  organisationId: string;
  /** The owning unit, for unit-limited roles; undefined when the action is not about one unit. */
  unitId?: string | null;
}

type Grant = 'all' | 'own_units' | 'none';

/**
 * The permission matrix. `own_units` means: everywhere if the membership is not limited to
 * units, otherwise only resources owned by one of its units.
 *  - admin manages units and users and reads the audit trail, but edits no procurements;
 *  - `register:export` is the whole register as open data (OCDS), unpublished procurements
 *    included: for the support function and admins who decide what the organisation publishes;
 *  - coordinator (the support function) sees and edits everything in the organisation;
 *  - procurer works on procurements of their own units and reads the rest;
 *  - labour_market reads the register (matching comes later);
 *  - supplier, in a buyer organisation, grants nothing (kept so the API's role list stays the
 *    same; suppliers act in their own supplier organisation, docs/decisions/0601);
 *  - viewer (politicians, management) reads, never personal data.
 * Social considerations (docs/requirements.md):
 *  - the screening policy, the requirement library and the target groups are professional
 *    judgements of the support function, so only coordinators change them; admins read them
 *    but, as with procurements, do not edit content;
 *  - a decision (comply or explain) is recorded by a coordinator, or by a procurer for a
 *    procurement of their own units; the same people may re-run a screening;
 *  - everyone but suppliers reads policy, library and decisions.
 * Notices (docs/eforms.md):
 *  - everyone but suppliers reads the market view (public TED notices); admins and coordinators
 *    import notices.
 * Contracts and follow-up (docs/follow-up.md):
 *  - coordinators (the support function) see and follow up every contract, enter reports and
 *    take sanction steps (`follow_up:manage`, which also approves a penalty decision);
 *  - procurers record and amend contracts of their own units and see those contracts;
 *  - labour-market officers see every contract and record and edit the placements;
 *  - viewers and admins see contracts and their aggregate fulfilment, never the placements
 *    with their participant references (`placement:read`).
 * Supplier portal (docs/supplier-portal.md):
 *  - coordinators, and procurers for their own units' contracts, invite the supplier's contact;
 *  - coordinators review (approve, question) the reports suppliers submit and read their evidence.
 * Operations (docs/jobs-and-mail.md):
 *  - only admins read the organisation's e-mail outbox (it holds addresses and message text)
 *    and see and retry its failed background jobs.
 * Participants and matching (docs/matching.md, docs/privacy.md):
 *  - only labour-market officers read and manage participants (identity, profile, consents),
 *    propose them for needs and record the outcomes; nobody else ever decrypts an identity;
 *  - coordinators and labour-market officers record suppliers' recruitment needs on their
 *    behalf and read them with the pseudonymous bottleneck figures.
 * Results (docs/results.md):
 *  - admins, coordinators and viewers (politicians, managers) read the results dashboards and
 *    the annual report, always with small person counts suppressed;
 *  - everyone but suppliers may run the socio-economic what-if calculator (it holds no data);
 *  - admins choose the open-data licence of the published results;
 *  - admins and coordinators record the council's goals (each change kept as history).
 */
const MATRIX: Readonly<Record<Role, Partial<Record<Action, Grant>>>> = {
  admin: {
    'procurement:read': 'all',
    'unit:read': 'all',
    'unit:manage': 'all',
    'user:read': 'all',
    'user:manage': 'all',
    'audit:read': 'all',
    'organisation:manage': 'all',
    'personal_data:read': 'all',
    'register:export': 'all',
    'screening_policy:read': 'all',
    'template:read': 'all',
    'notice:import': 'all',
    'market:read': 'all',
    'contract:read': 'all',
    'outbox:read': 'all',
    'job:manage': 'all',
    'results:read': 'all',
    'effects:calculate': 'all',
    'results:publish': 'all',
    'goal:manage': 'all',
  },
  coordinator: {
    'procurement:read': 'all',
    'procurement:create': 'all',
    'procurement:update': 'all',
    'procurement:change_status': 'all',
    'procurement:delete': 'all',
    'procurement:import': 'all',
    'unit:read': 'all',
    'user:read': 'all',
    'audit:read': 'all',
    'personal_data:read': 'all',
    'register:export': 'all',
    'screening:run': 'all',
    'screening_policy:read': 'all',
    'screening_policy:edit': 'all',
    'decision:record': 'all',
    'template:read': 'all',
    'template:manage': 'all',
    'target_group:manage': 'all',
    'notice:import': 'all',
    'market:read': 'all',
    'contract:read': 'all',
    'contract:manage': 'all',
    'placement:read': 'all',
    'placement:manage': 'all',
    'follow_up:manage': 'all',
    'supplier_contact:invite': 'all',
    'supplier_report:review': 'all',
    'recruitment_need:read': 'all',
    'recruitment_need:manage': 'all',
    'results:read': 'all',
    'effects:calculate': 'all',
    'goal:manage': 'all',
  },
  procurer: {
    'procurement:read': 'all',
    'procurement:create': 'own_units',
    'procurement:update': 'own_units',
    'procurement:change_status': 'own_units',
    'procurement:delete': 'own_units',
    'procurement:import': 'own_units',
    'unit:read': 'all',
    'user:read': 'all',
    'personal_data:read': 'all',
    'screening:run': 'own_units',
    'screening_policy:read': 'all',
    'decision:record': 'own_units',
    'template:read': 'all',
    'market:read': 'all',
    'contract:read': 'own_units',
    'contract:manage': 'own_units',
    'placement:read': 'own_units',
    'supplier_contact:invite': 'own_units',
    'effects:calculate': 'all',
  },
  labour_market: {
    'procurement:read': 'all',
    'unit:read': 'all',
    'personal_data:read': 'all',
    'screening_policy:read': 'all',
    'template:read': 'all',
    'market:read': 'all',
    'contract:read': 'all',
    'placement:read': 'all',
    'placement:manage': 'all',
    'participant:read': 'all',
    'participant:manage': 'all',
    'recruitment_need:read': 'all',
    'recruitment_need:manage': 'all',
    'proposal:manage': 'all',
    'effects:calculate': 'all',
  },
  supplier: {},
  viewer: {
    'procurement:read': 'all',
    'unit:read': 'all',
    'screening_policy:read': 'all',
    'template:read': 'all',
    'market:read': 'all',
    'contract:read': 'all',
    'results:read': 'all',
    'effects:calculate': 'all',
  },
};

/**
 * The permission matrix inside a supplier organisation (the supplier portal, docs/supplier-portal.md):
 *  - `supplier` is a reporter: reads its company's contracts with every buyer and reports on them;
 *  - `admin` does the same and invites colleagues (delegation) — memberships of the supplier
 *    organisation only;
 *  - no other role exists there, and nothing of a buyer's register, market view, library or
 *    placements is granted: what a supplier reads of a buyer goes through the supplier view.
 */
const SUPPLIER_MATRIX: Readonly<Record<Role, Partial<Record<Action, Grant>>>> = {
  admin: { 'user:read': 'all', 'user:manage': 'all', 'supplier_portal:read': 'all', 'supplier_portal:report': 'all' },
  supplier: { 'supplier_portal:read': 'all', 'supplier_portal:report': 'all' },
  coordinator: {},
  procurer: {},
  labour_market: {},
  viewer: {},
};

/** The roles a supplier organisation's memberships and invitations may hold. */
export const SUPPLIER_ORGANISATION_ROLES: readonly Role[] = ['admin', 'supplier'];

const matrixOf = (actor: Pick<Actor, 'organisationKind'>) => (actor.organisationKind === 'supplier' ? SUPPLIER_MATRIX : MATRIX);

function membershipAllows(matrix: typeof MATRIX, membership: Membership, action: Action, resource: Resource): boolean {
  const grant = matrix[membership.role][action] ?? 'none';
  if (grant === 'none') return false;
  if (grant === 'all' || membership.unitIds === null) return true;
  // A unit-limited role acting on something not owned by a unit (e.g. "import into the
  // register") is allowed; the service then checks each row's unit.
  if (resource.unitId === undefined) return true;
  return resource.unitId !== null && membership.unitIds.includes(resource.unitId);
}

/**
 * Whether `actor` may perform `action` on `resource`. Anything in another organisation is
 * always refused, whatever the roles.
 */
export function can(actor: Actor, action: Action, resource: Resource): boolean {
  if (actor.organisationId !== resource.organisationId) return false;
  const matrix = matrixOf(actor);
  return actor.memberships.some((m) => membershipAllows(matrix, m, action, resource));
}

/**
 * The units within which `actor` may perform `action`: null when anywhere in the organisation,
 * otherwise the union of the unit-limited memberships that grant it (empty: nowhere). Lists use
 * it to filter rows, so a unit-limited procurer sees only their own units' contracts.
 */
export function unitScope(actor: Actor, action: Action): readonly string[] | null {
  const units = new Set<string>();
  for (const m of actor.memberships) {
    const grant = matrixOf(actor)[m.role][action] ?? 'none';
    if (grant === 'none') continue;
    if (grant === 'all' || m.unitIds === null) return null;
    for (const u of m.unitIds) units.add(u);
  }
  return [...units];
}

/** The roles of an actor, without duplicates, in the canonical order. */
export function rolesOf(actor: Actor): Role[] {
  return ROLES.filter((role) => actor.memberships.some((m) => m.role === role));
}

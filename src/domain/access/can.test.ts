import { describe, expect, it } from 'vitest';
import { ACTIONS, ROLES, can, unitScope, type Action, type Actor, type Role } from './can.js';

const ORG = 'org-a';
const OTHER_ORG = 'org-b';
const OWN_UNIT = 'unit-own';
const OTHER_UNIT = 'unit-other';

/** Expected grants per role: the whole matrix, written out so a change in can.ts shows here. */
const EXPECTED: Record<Role, Partial<Record<Action, 'all' | 'own_units'>>> = {
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
  viewer: { 'procurement:read': 'all', 'unit:read': 'all', 'screening_policy:read': 'all', 'template:read': 'all', 'market:read': 'all', 'contract:read': 'all', 'results:read': 'all', 'effects:calculate': 'all' },
};

function actor(role: Role, unitIds: string[] | null): Actor {
  return { userId: 'u1', organisationId: ORG, memberships: [{ role, unitIds }] };
}

describe('can: the whole permission matrix', () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const grant = EXPECTED[role][action];
      it(`${role} ${grant ? `may ${action} (${grant})` : `may not ${action}`}`, () => {
        const unlimited = actor(role, null);
        const limited = actor(role, [OWN_UNIT]);
        expect(can(unlimited, action, { organisationId: ORG, unitId: OTHER_UNIT })).toBe(grant !== undefined);
        expect(can(limited, action, { organisationId: ORG, unitId: OWN_UNIT })).toBe(grant !== undefined);
        expect(can(limited, action, { organisationId: ORG, unitId: OTHER_UNIT })).toBe(grant === 'all');
        // Never across organisations, whatever the role.
        expect(can(unlimited, action, { organisationId: OTHER_ORG, unitId: OWN_UNIT })).toBe(false);
      });
    }
  }

  it('combines memberships: a limited procurer who is also viewer still edits only own units', () => {
    const both: Actor = {
      userId: 'u1',
      organisationId: ORG,
      memberships: [
        { role: 'procurer', unitIds: [OWN_UNIT] },
        { role: 'viewer', unitIds: null },
      ],
    };
    expect(can(both, 'procurement:update', { organisationId: ORG, unitId: OWN_UNIT })).toBe(true);
    expect(can(both, 'procurement:update', { organisationId: ORG, unitId: OTHER_UNIT })).toBe(false);
    expect(can(both, 'personal_data:read', { organisationId: ORG })).toBe(true);
  });

  it('a limited procurer may start an import (rows are checked one by one)', () => {
    expect(can(actor('procurer', [OWN_UNIT]), 'procurement:import', { organisationId: ORG })).toBe(true);
  });

  it('a user without memberships may do nothing', () => {
    const nobody: Actor = { userId: 'u', organisationId: ORG, memberships: [] };
    expect(ACTIONS.some((a) => can(nobody, a, { organisationId: ORG }))).toBe(false);
  });

  it('unitScope: null when granted everywhere, the own units when limited, empty when not granted', () => {
    expect(unitScope(actor('coordinator', null), 'contract:read')).toBeNull();
    expect(unitScope(actor('procurer', [OWN_UNIT]), 'contract:read')).toEqual([OWN_UNIT]);
    expect(unitScope(actor('procurer', null), 'contract:read')).toBeNull();
    expect(unitScope(actor('viewer', [OWN_UNIT]), 'contract:read')).toBeNull();
    expect(unitScope(actor('supplier', null), 'contract:read')).toEqual([]);
  });
});

/** In a supplier organisation only two roles mean anything, and never anything of a buyer's. */
const EXPECTED_IN_SUPPLIER_ORGANISATION: Record<Role, Partial<Record<Action, 'all'>>> = {
  admin: { 'user:read': 'all', 'user:manage': 'all', 'supplier_portal:read': 'all', 'supplier_portal:report': 'all' },
  supplier: { 'supplier_portal:read': 'all', 'supplier_portal:report': 'all' },
  coordinator: {},
  procurer: {},
  labour_market: {},
  viewer: {},
};

describe('can: inside a supplier organisation', () => {
  for (const role of ROLES) {
    for (const action of ACTIONS) {
      const grant = EXPECTED_IN_SUPPLIER_ORGANISATION[role][action];
      it(`${role} of a supplier ${grant ? `may ${action}` : `may not ${action}`}`, () => {
        const inSupplier: Actor = { ...actor(role, null), organisationKind: 'supplier' };
        expect(can(inSupplier, action, { organisationId: ORG })).toBe(grant !== undefined);
        expect(can(inSupplier, action, { organisationId: OTHER_ORG })).toBe(false);
      });
    }
  }

  it('the supplier role in a buyer organisation grants nothing, the portal included', () => {
    expect(ACTIONS.some((a) => can(actor('supplier', null), a, { organisationId: ORG }))).toBe(false);
  });

  it('a buyer admin is no supplier admin: the portal actions need a supplier organisation', () => {
    expect(can(actor('admin', null), 'supplier_portal:read', { organisationId: ORG })).toBe(false);
    expect(can({ ...actor('admin', null), organisationKind: 'supplier' }, 'supplier_portal:read', { organisationId: ORG })).toBe(true);
  });
});

import { expect } from 'vitest';
import { validProcurement, type Session } from './factories.js';
import { ownTemplate, put } from './social.js';

/** A procurement with an applied employment condition (and optionally more), moved to awarded. */
export async function awardedProcurement(coordinator: Session, unitId: string, requirements: Array<{ key: string; parameters: Record<string, unknown>; lotNumbers?: number[] | null }>, overrides: Record<string, unknown> = {}) {
  const created = await coordinator.post('/api/procurements', validProcurement(unitId, overrides));
  expect(created.statusCode, created.body).toBe(201);
  const p = created.json();
  const applied = [];
  for (const r of requirements) {
    const template = await ownTemplate(coordinator, r.key);
    applied.push({ templateVersionId: template.publishedVersion!.id, lotNumbers: r.lotNumbers ?? null, parameters: r.parameters });
  }
  const decision = await put(coordinator, `/api/procurements/${p.id}/decision`, {
    kind: 'apply',
    requirements: applied,
    justification: 'Stödfunktionen bedömer att kraven passar uppdraget väl.',
  });
  expect(decision.statusCode, decision.body).toBe(200);
  for (const status of ['in_preparation', 'published', 'evaluation', 'awarded']) {
    const moved = await coordinator.post(`/api/procurements/${p.id}/status`, { status });
    expect(moved.statusCode, moved.body).toBe(200);
  }
  return p as { id: string; referenceNumber: string; lots: Array<{ lotNumber: number }> };
}

let n = 0;
export function contractBody(procurementId: string, overrides: Record<string, unknown> = {}) {
  return {
    procurementId,
    lotNumbers: null,
    supplier: { organisationNumber: '5560360793', name: 'Lokalvård Test AB' },
    referenceNumber: `AVT-${Date.now().toString(36)}-${n++}`,
    signedOn: '2024-12-15',
    startsOn: '2025-01-01',
    endsOn: '2026-12-31',
    ...overrides,
  };
}

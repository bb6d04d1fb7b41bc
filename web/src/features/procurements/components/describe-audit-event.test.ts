import i18next from 'i18next';
import { beforeAll, describe, expect, it } from 'vitest';
import en from '../../../lib/i18n/en.json';
import sv from '../../../lib/i18n/sv.json';
import type { AuditEvent } from '../api/procurements-api';
import { describeAuditEvent, type AuditLabels } from './describe-audit-event';

const t = i18next.createInstance();
beforeAll(async () => {
  await t.init({ lng: 'sv', resources: { sv: { translation: sv }, en: { translation: en } }, interpolation: { escapeValue: false } });
});

const labels: AuditLabels = {
  language: 'sv',
  unit: (id) => ({ u1: 'Lokalförvaltningen', u2: 'Park- och naturförvaltningen' })[id],
  person: () => undefined,
  procedureType: (code) => (code === 'open' ? 'Öppet förfarande' : undefined),
};
const event = (action: string, before: unknown, after: unknown): AuditEvent => ({
  id: 1,
  action,
  entityType: 'procurement',
  entityId: 'p',
  actor: { id: null, label: 'x' },
  before,
  after,
  createdAt: '2026-01-01T10:00:00Z',
});

describe('describeAuditEvent (issue 11 item 4)', () => {
  it.each([
    ['a status change with both status names', event('procurement.status_changed', { status: 'published' }, { status: 'awarded' }), 'Status ändrad', ['Status: Publicerad → Tilldelad']],
    [
      'an edit in kronor, months and unit names',
      event('procurement.updated', { estimatedValueOre: 100_000_000, durationMonths: 12, unitId: 'u1' }, { estimatedValueOre: 250_000_000, durationMonths: 24, unitId: 'u2' }),
      'Ändrad',
      ['Uppskattat värde: 1 000 000 kr → 2 500 000 kr', 'Avtalstid: 12 månader → 24 månader', 'Enhet: Lokalförvaltningen → Park- och naturförvaltningen'],
    ],
    [
      'a first decision in words, not its raw key',
      event('decision.recorded', undefined, { kind: 'apply', justification: '', recommendation: 'recommended', revision: 1, requirements: [{}] }),
      'Beslut om sociala krav registrerat',
      ['Beslut: (tomt) → Ställ sociala krav', 'Granskningens utfall: (tomt) → Sysselsättningskrav rekommenderas', 'Krav: (tomt) → 1 krav'],
    ],
    ['a hidden person as hidden, not as empty', event('procurement.updated', { responsibleUserId: null }, { responsibleUserId: 'someone' }), 'Ändrad', ['Ansvarig: (tomt) → dold för din roll']],
    ['a creation without a list of every field', event('procurement.created', undefined, { title: 'x', status: 'planned' }), 'Registrerad', []],
  ])('describes %s', (_name, e, what, changes) => {
    const described = describeAuditEvent(e, t.t, labels);
    expect(described.what).toBe(what);
    expect(described.changes.map((c) => t.t('audit.change', { ...c })).map((s) => s.replace(/\u00a0/g, ' '))).toEqual(changes);
  });

  it('names an unknown action as another change rather than showing its key', () => {
    expect(describeAuditEvent(event('something.new', null, null), t.t, labels).what).toBe('Annan ändring');
  });
});

/** Skatteverket test numbers (../shared/data/se/skatteverket-testpersonnummer.csv), never real people. */
export const TEST_NUMBERS = ['197712072391', '199304222392', '200306242389', '200702242389'] as const;
export const TEST_COORDINATION_NUMBER = '192111752388';

export function participantBody(personalIdentityNumber: string, overrides: { identity?: Record<string, unknown>; profile?: Record<string, unknown> } = {}) {
  return {
    identity: { givenName: 'Testa', familyName: 'Provsdotter', personalIdentityNumber, email: null, phone: '031-123 45 67', address: null, ...overrides.identity },
    profile: {
      targetGroups: [{ code: 'newly_arrived', basis: 'residence_permit', assessedOn: '2025-01-10' }],
      unemployedSince: '2024-06-01',
      incomeSupport: true,
      newlyArrived: true,
      ageBand: '30-49',
      municipalityCode: '1480',
      districtCode: 'gbg-angered',
      occupations: [{ ssykCode: '9111', occupationNameId: null, experienced: true }],
      skills: ['Städning'],
      languages: ['sv', 'ar'],
      drivingLicences: ['B'],
      availableFrom: '2025-01-01',
      extentWantedPercent: 100,
      training: [{ title: 'Lokalvårdsutbildning', completedOn: '2024-11-30' }],
      ...overrides.profile,
    },
  };
}

import type { Role } from '../../domain/access/can.js';
import { withCheckDigit } from '../../domain/shared/organisation-number.js';
import type { ContractNature, ProcedureType } from '../../domain/procurement/procurement.js';

/**
 * A deterministic generator of believable Swedish procurement data: the same seed gives the
 * same data on every machine. Everything here is invented for demonstration; no real people.
 * Pure: the list of municipalities is passed in.
 */

/** Mulberry32: a tiny seeded PRNG, good enough for demo data. */
export function createRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4_294_967_296;
  };
}

export interface GeneratedUnit {
  code: string;
  name: string;
  parentCode: string | null;
}

export interface GeneratedProcurement {
  referenceNumber: string;
  title: string;
  description: string;
  unitCode: string;
  responsibleRole: Role | null;
  contractNature: ContractNature;
  mainCpv: string;
  additionalCpv: string[];
  estimatedValueOre: number;
  contractStart: string;
  durationMonths: number;
  extensionMonths: number | null;
  procedureType: ProcedureType;
  labourNeedFte: number | null;
  status: 'planned' | 'in_preparation' | 'published' | 'evaluation' | 'awarded' | 'cancelled';
  lots: Array<{ lotNumber: number; title: string; mainCpv: string; estimatedValueOre: number; durationMonths: number }>;
}

export interface GeneratedOrganisation {
  slug: string;
  name: string;
  organisationNumber: string;
  municipalityCode: string | null;
  units: GeneratedUnit[];
  users: Array<{ email: string; displayName: string; role: Role; unitCode: string | null }>;
  procurements: GeneratedProcurement[];
}

interface Kind {
  nature: ContractNature;
  cpv: string;
  extraCpv: string[];
  titles: string[];
  /** Value range in MSEK. */
  value: [number, number];
  months: [number, number];
  /** Labour need in FTE, or null for supplies where nobody estimates it. */
  fte: [number, number] | null;
  units: string[];
  lotNames?: string[];
}

// Typical purchases of a Swedish city, with real CPV 2008 codes.
const KINDS: Kind[] = [
  { nature: 'services', cpv: '90911200', extraCpv: ['90919200'], titles: ['Lokalvård i {area}', 'Städning av förskolor i {area}', 'Fönsterputs och storstädning {area}'], value: [4, 60], months: [24, 48], fte: [2, 35], units: ['LOK', 'FSK', 'GRF'], lotNames: ['Norr', 'Söder', 'Öster', 'Väster'] },
  { nature: 'services', cpv: '77313000', extraCpv: ['77211400'], titles: ['Park- och grönyteskötsel {area}', 'Skötsel av lekplatser {area}'], value: [3, 40], months: [36, 48], fte: [2, 20], units: ['PON'], lotNames: ['Centrum', 'Hisingen', 'Nordost', 'Sydväst'] },
  { nature: 'services', cpv: '55523100', extraCpv: ['55524000'], titles: ['Skolmåltider {area}', 'Måltidsleverans till äldreboenden'], value: [10, 120], months: [24, 48], fte: [5, 60], units: ['GRF', 'AVO'] },
  { nature: 'works', cpv: '45214200', extraCpv: ['45453000'], titles: ['Nybyggnation av skola i {area}', 'Ombyggnad av förskola {area}'], value: [40, 450], months: [12, 36], fte: [10, 80], units: ['LOK'] },
  { nature: 'works', cpv: '45233141', extraCpv: [], titles: ['Väghållning och beläggning {area}', 'Drift av gator och vägar {area}'], value: [20, 200], months: [24, 60], fte: [5, 40], units: ['SMF'] },
  { nature: 'services', cpv: '90620000', extraCpv: [], titles: ['Vinterväghållning {area}', 'Snöröjning och halkbekämpning {area}'], value: [5, 50], months: [24, 48], fte: [3, 25], units: ['SMF'] },
  { nature: 'services', cpv: '60130000', extraCpv: [], titles: ['Skolskjuts {area}', 'Färdtjänst och särskild kollektivtrafik'], value: [10, 150], months: [36, 60], fte: [8, 50], units: ['GRF', 'SMF'] },
  { nature: 'services', cpv: '85312000', extraCpv: [], titles: ['Boendestöd {area}', 'Daglig verksamhet enligt LSS'], value: [8, 90], months: [24, 48], fte: [4, 40], units: ['AVO', 'SOC'] },
  { nature: 'services', cpv: '90511000', extraCpv: [], titles: ['Insamling av hushållsavfall {area}', 'Tömning av papperskorgar {area}'], value: [15, 180], months: [48, 84], fte: [6, 45], units: ['KRV'] },
  { nature: 'services', cpv: '50700000', extraCpv: [], titles: ['Fastighetsservice {area}', 'Drift och underhåll av fastighetsinstallationer'], value: [5, 70], months: [36, 48], fte: [2, 25], units: ['LOK', 'BOS'] },
  { nature: 'services', cpv: '72000000', extraCpv: [], titles: ['IT-konsulttjänster', 'Drift av e-tjänsteplattform'], value: [5, 100], months: [24, 48], fte: [0.5, 6], units: ['SLK'] },
  { nature: 'services', cpv: '79710000', extraCpv: [], titles: ['Väktartjänster {area}', 'Bevakning av kommunala lokaler'], value: [3, 40], months: [24, 48], fte: [2, 15], units: ['LOK', 'SLK'] },
  { nature: 'supplies', cpv: '30213000', extraCpv: [], titles: ['Persondatorer och skärmar', 'Elevdatorer'], value: [5, 80], months: [24, 48], fte: null, units: ['SLK', 'GRF'] },
  { nature: 'supplies', cpv: '39130000', extraCpv: [], titles: ['Kontorsmöbler', 'Möbler till förskolor'], value: [2, 30], months: [24, 48], fte: null, units: ['LOK', 'FSK'] },
  { nature: 'supplies', cpv: '15800000', extraCpv: [], titles: ['Livsmedel – torrvaror', 'Livsmedel – frukt och grönt'], value: [10, 150], months: [24, 48], fte: null, units: ['GRF', 'AVO'] },
  { nature: 'supplies', cpv: '09310000', extraCpv: [], titles: ['Elektricitet'], value: [50, 400], months: [24, 36], fte: null, units: ['SLK'] },
  { nature: 'services', cpv: '71000000', extraCpv: [], titles: ['Ramavtal arkitekttjänster', 'Projektledning bygg'], value: [10, 80], months: [24, 48], fte: [1, 8], units: ['LOK'] },
  { nature: 'services', cpv: '80500000', extraCpv: [], titles: ['Yrkesutbildning inom vård och omsorg', 'Svenska för invandrare (sfi)'], value: [5, 60], months: [24, 48], fte: [3, 20], units: ['AMV'] },
];

const GOTEBORG_AREAS = ['Angered', 'Östra Göteborg', 'Örgryte-Härlanda', 'Centrum', 'Majorna-Linné', 'Askim-Frölunda-Högsbo', 'Västra Göteborg', 'Västra Hisingen', 'Lundby', 'Norra Hisingen'];
const BORAS_AREAS = ['Centrum', 'Norrby', 'Hässleholmen', 'Sandared', 'Fristad', 'Dalsjöfors', 'Viskafors'];
const GENERIC_AREAS = ['centrala orten', 'norra delen', 'södra delen', 'landsbygden'];

export const GOTEBORG_UNITS: GeneratedUnit[] = [
  { code: 'SLK', name: 'Stadsledningskontoret', parentCode: null },
  { code: 'IOU', name: 'Inköp och upphandling', parentCode: 'SLK' },
  { code: 'FSK', name: 'Förskoleförvaltningen', parentCode: null },
  { code: 'GRF', name: 'Grundskoleförvaltningen', parentCode: null },
  { code: 'AVO', name: 'Äldre samt vård- och omsorgsförvaltningen', parentCode: null },
  { code: 'SOC', name: 'Socialförvaltningen Nordost', parentCode: null },
  { code: 'PON', name: 'Park- och naturförvaltningen', parentCode: null },
  { code: 'SMF', name: 'Stadsmiljöförvaltningen', parentCode: null },
  { code: 'LOK', name: 'Lokalförvaltningen', parentCode: null },
  { code: 'AMV', name: 'Förvaltningen för arbetsmarknad och vuxenutbildning', parentCode: null },
  { code: 'KRV', name: 'Kretslopp och vatten', parentCode: null },
  { code: 'BOS', name: 'Bostads AB Demohem (kommunalt bolag)', parentCode: null },
];

export const BORAS_UNITS: GeneratedUnit[] = [
  { code: 'SLK', name: 'Stadsledningskansliet', parentCode: null },
  { code: 'FSK', name: 'Förskoleförvaltningen', parentCode: null },
  { code: 'GRF', name: 'Grundskoleförvaltningen', parentCode: null },
  { code: 'AVO', name: 'Vård- och äldreförvaltningen', parentCode: null },
  { code: 'LOK', name: 'Lokalförvaltningen', parentCode: null },
  { code: 'AMV', name: 'Arbetslivsförvaltningen', parentCode: null },
  { code: 'SMF', name: 'Samhällsbyggnadsförvaltningen', parentCode: null },
  { code: 'PON', name: 'Servicekontoret, park och skog', parentCode: 'SMF' },
  { code: 'KRV', name: 'Borås Energi och Miljö (kommunalt bolag)', parentCode: null },
];

const GENERIC_UNITS: GeneratedUnit[] = [
  { code: 'SLK', name: 'Kommunledningskontoret', parentCode: null },
  { code: 'GRF', name: 'Barn- och utbildningsförvaltningen', parentCode: null },
  { code: 'AVO', name: 'Socialförvaltningen', parentCode: null },
  { code: 'SMF', name: 'Samhällsbyggnadsförvaltningen', parentCode: null },
  { code: 'LOK', name: 'Tekniska förvaltningen', parentCode: null },
];

const ROLES_WITH_DEMO_USER: Array<{ role: Role; label: string; unitCode: string | null }> = [
  { role: 'admin', label: 'Administratör', unitCode: null },
  { role: 'coordinator', label: 'Samordnare (stödfunktionen)', unitCode: null },
  { role: 'procurer', label: 'Upphandlare', unitCode: 'LOK' },
  { role: 'labour_market', label: 'Arbetsmarknadshandläggare', unitCode: null },
  { role: 'supplier', label: 'Leverantör', unitCode: null },
  { role: 'viewer', label: 'Förtroendevald (läsbehörighet)', unitCode: null },
];

const STATUS_WEIGHTS: Array<[GeneratedProcurement['status'], number]> = [
  ['planned', 0.2],
  ['in_preparation', 0.15],
  ['published', 0.1],
  ['evaluation', 0.08],
  ['awarded', 0.42],
  ['cancelled', 0.05],
];


function slugify(name: string): string {
  return name
    .toLowerCase()
    .replace(/å|ä/g, 'a')
    .replace(/ö/g, 'o')
    .replace(/é/g, 'e')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-|-$/g, '');
}

function generateProcurements(
  random: () => number,
  prefix: string,
  count: number,
  units: GeneratedUnit[],
  areas: string[],
  years: number[],
): GeneratedProcurement[] {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(random() * list.length)]!;
  const between = (lo: number, hi: number) => lo + random() * (hi - lo);
  const unitCodes = new Set(units.map((u) => u.code));
  const result: GeneratedProcurement[] = [];
  const perYear = new Map<number, number>();
  for (let i = 0; i < count; i++) {
    const kind = pick(KINDS);
    const year = years[i % years.length]!;
    const serial = (perYear.get(year) ?? 0) + 1;
    perYear.set(year, serial);
    const area = pick(areas);
    const title = pick(kind.titles).replace('{area}', area);
    const candidates = kind.units.filter((u) => unitCodes.has(u));
    const unitCode = candidates.length > 0 ? pick(candidates) : pick(units).code;
    const valueSek = Math.round(between(kind.value[0], kind.value[1]) * 10) * 100_000;
    const months = Math.round(between(kind.months[0], kind.months[1]) / 6) * 6 || 12;
    const month = 1 + Math.floor(random() * 12);
    const roll = random();
    let acc = 0;
    let status: GeneratedProcurement['status'] = 'planned';
    for (const [s, w] of STATUS_WEIGHTS) {
      acc += w;
      if (roll < acc) {
        status = s;
        break;
      }
    }
    // Procurements starting in the last year are mostly not yet awarded.
    if (year === years[years.length - 1] && status === 'awarded' && random() < 0.6) status = 'in_preparation';
    const fte = kind.fte === null ? null : random() < 0.12 ? null : Math.round(between(kind.fte[0], kind.fte[1]) * 2) / 2;
    const lotCount = kind.lotNames && random() < 0.35 ? 2 + Math.floor(random() * (kind.lotNames.length - 1)) : 0;
    const lots = Array.from({ length: lotCount }, (_, k) => ({
      lotNumber: k + 1,
      title: `${title} – ${kind.lotNames![k]}`,
      mainCpv: kind.cpv,
      estimatedValueOre: Math.floor((valueSek * 100) / lotCount / 100) * 100,
      durationMonths: months,
    }));
    result.push({
      referenceNumber: `${prefix}-${year}-${String(serial).padStart(4, '0')}`,
      title,
      description: `${title}. Upphandlingen avser ${kind.nature === 'works' ? 'entreprenad' : kind.nature === 'supplies' ? 'leverans av varor' : 'tjänster'} för ${area}. Demodata framtagen för Hänsyn.`,
      unitCode,
      responsibleRole: random() < 0.7 ? 'procurer' : 'coordinator',
      contractNature: kind.nature,
      mainCpv: kind.cpv,
      additionalCpv: kind.extraCpv.filter(() => random() < 0.5),
      estimatedValueOre: valueSek * 100,
      contractStart: `${year}-${String(month).padStart(2, '0')}-01`,
      durationMonths: months,
      extensionMonths: random() < 0.6 ? 12 * (1 + Math.floor(random() * 2)) : null,
      procedureType: valueSek > 1_000_000 ? (random() < 0.8 ? 'open' : 'restricted') : 'oth-single',
      labourNeedFte: fte,
      status,
      lots,
    });
  }
  return result;
}

function demoUsers(domain: string, orgLabel: string) {
  return ROLES_WITH_DEMO_USER.map((r) => ({
    email: `${r.role.replace('_', '-')}@${domain}`,
    displayName: `${r.label}, ${orgLabel} (demo)`,
    role: r.role,
    unitCode: r.unitCode,
  }));
}

export interface Municipality {
  code: string;
  name: string;
}

/**
 * The demo data set: Göteborgs Stad and Borås Stad, a demo user for every role in each, and
 * about 200 procurements over three years in Göteborg. With `scale: 'national'` every other
 * municipality is added so that about 100,000 procurements exist in all.
 */
export function generateDemoData(options: { seed?: number; scale: 'demo' | 'national'; currentYear: number; municipalities?: Municipality[] }): GeneratedOrganisation[] {
  const random = createRandom(options.seed ?? 2026);
  const years = [options.currentYear - 2, options.currentYear - 1, options.currentYear];
  const orgs: GeneratedOrganisation[] = [
    {
      slug: 'goteborg',
      name: 'Göteborgs Stad',
      organisationNumber: '212000-1355',
      municipalityCode: '1480',
      units: GOTEBORG_UNITS,
      users: demoUsers('goteborg.example', 'Göteborg'),
      procurements: generateProcurements(random, 'GBG', 210, GOTEBORG_UNITS, GOTEBORG_AREAS, years),
    },
    {
      slug: 'boras',
      name: 'Borås Stad',
      organisationNumber: '212000-1561',
      municipalityCode: '1490',
      units: BORAS_UNITS,
      users: demoUsers('boras.example', 'Borås'),
      procurements: generateProcurements(random, 'BOS', 60, BORAS_UNITS, BORAS_AREAS, years),
    },
  ];
  if (options.scale === 'national') {
    const others = (options.municipalities ?? []).filter((m) => m.code !== '1480' && m.code !== '1490');
    const target = 100_000 - orgs.reduce((n, o) => n + o.procurements.length, 0);
    const perOrg = Math.floor(target / Math.max(1, others.length));
    let remainder = target - perOrg * others.length;
    const slugs = new Set(orgs.map((o) => o.slug));
    for (const m of others) {
      const count = perOrg + (remainder-- > 0 ? 1 : 0);
      // Håbo and Habo (and the like) fold to the same ASCII slug; the code tells them apart.
      const base = slugify(m.name);
      const slug = slugs.has(base) ? `${base}-${m.code}` : base;
      slugs.add(slug);
      orgs.push({
        slug,
        name: `${m.name} kommun`,
        // Invented but valid numbers in the municipal series 212000-xxxx, marked as demo data.
        organisationNumber: withCheckDigit(`212${m.code.padStart(4, '0')}00`.slice(0, 9)),
        municipalityCode: m.code,
        units: GENERIC_UNITS,
        users: [{ email: `coordinator@${slug}.example`, displayName: `Samordnare, ${m.name} (demo)`, role: 'coordinator', unitCode: null }],
        procurements: generateProcurements(random, m.code, count, GENERIC_UNITS, GENERIC_AREAS, years),
      });
    }
  }
  return orgs;
}

/**
 * Where participants live and needs are placed, close enough to say how far apart they are.
 * Göteborg's ten former district areas (stadsdelar, 2011–2020, still how the labour-market unit
 * groups its caseload) with rounded centre coordinates; anywhere else the municipality code says
 * only "same municipality or not".
 */
export interface District {
  code: string;
  sv: string;
  en: string;
  municipalityCode: string;
  lat: number;
  lon: number;
}

export const GOTEBORG_DISTRICTS: readonly District[] = [
  { code: 'gbg-angered', sv: 'Angered', en: 'Angered', municipalityCode: '1480', lat: 57.795, lon: 12.05 },
  { code: 'gbg-ostra', sv: 'Östra Göteborg', en: 'Eastern Göteborg', municipalityCode: '1480', lat: 57.745, lon: 12.04 },
  { code: 'gbg-orgryte-harlanda', sv: 'Örgryte-Härlanda', en: 'Örgryte-Härlanda', municipalityCode: '1480', lat: 57.705, lon: 12.02 },
  { code: 'gbg-centrum', sv: 'Centrum', en: 'City centre', municipalityCode: '1480', lat: 57.705, lon: 11.97 },
  { code: 'gbg-majorna-linne', sv: 'Majorna-Linné', en: 'Majorna-Linné', municipalityCode: '1480', lat: 57.695, lon: 11.925 },
  { code: 'gbg-askim-frolunda-hogsbo', sv: 'Askim-Frölunda-Högsbo', en: 'Askim-Frölunda-Högsbo', municipalityCode: '1480', lat: 57.65, lon: 11.93 },
  { code: 'gbg-vastra-goteborg', sv: 'Västra Göteborg', en: 'Western Göteborg', municipalityCode: '1480', lat: 57.64, lon: 11.86 },
  { code: 'gbg-vastra-hisingen', sv: 'Västra Hisingen', en: 'Western Hisingen', municipalityCode: '1480', lat: 57.715, lon: 11.83 },
  { code: 'gbg-lundby', sv: 'Lundby', en: 'Lundby', municipalityCode: '1480', lat: 57.72, lon: 11.93 },
  { code: 'gbg-norra-hisingen', sv: 'Norra Hisingen', en: 'Northern Hisingen', municipalityCode: '1480', lat: 57.77, lon: 11.95 },
];

const BY_CODE = new Map(GOTEBORG_DISTRICTS.map((d) => [d.code, d]));

/** A known district, or undefined. */
export function districtByCode(code: string): District | undefined {
  return BY_CODE.get(code);
}

/**
 * Great-circle distance in whole kilometres between two districts' centres (haversine), or
 * null when either is not a known district: an unknown distance earns no points and costs none.
 */
export function districtDistanceKm(a: string | null, b: string | null): number | null {
  if (a === null || b === null) return null;
  const da = BY_CODE.get(a);
  const db = BY_CODE.get(b);
  if (!da || !db) return null;
  const rad = Math.PI / 180;
  const dLat = (db.lat - da.lat) * rad;
  const dLon = (db.lon - da.lon) * rad;
  const h = Math.sin(dLat / 2) ** 2 + Math.cos(da.lat * rad) * Math.cos(db.lat * rad) * Math.sin(dLon / 2) ** 2;
  return Math.round(2 * 6371 * Math.asin(Math.sqrt(h)));
}

import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { REFERENCE_DIR } from '../../../paths.js';

export interface SsykEntry {
  code: string;
  level: number;
  sv: string;
  en: string;
}

let cached: Map<string, SsykEntry> | null = null;

/**
 * SSYK 2012 (Källa: SCB, SSYK 2012), loaded once from the copy in src/reference/se (source and
 * licence in its README). A placement's occupation is one of the 429 four-digit unit groups.
 */
export function ssykUnitGroup(code: string): SsykEntry | undefined {
  if (!cached) {
    const text = fs.readFileSync(path.join(REFERENCE_DIR, 'se', 'ssyk2012.csv'), 'utf8');
    const rows = parse(text, { columns: true, skip_empty_lines: true }) as Array<{ level: string; code: string; label_sv: string; label_en: string }>;
    cached = new Map(rows.filter((r) => r.level === '4').map((r) => [r.code, { code: r.code, level: 4, sv: r.label_sv.trim(), en: r.label_en.trim() }]));
  }
  return cached.get(code);
}

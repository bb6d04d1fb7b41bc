import fs from 'node:fs';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { REFERENCE_DIR } from '../../paths.js';

export interface CpvEntry {
  code: string;
  sv: string;
  en: string;
}

export interface CpvCatalogue {
  get(code: string): CpvEntry | undefined;
  has(code: string): boolean;
  /**
   * Codes or labels containing every word of the query: labels starting with the first word
   * first, then those with a word starting with each query word, then the rest; within each,
   * general codes first.
   */
  search(query: string, limit: number): CpvEntry[];
  size: number;
}

let cached: CpvCatalogue | null = null;

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

/**
 * The CPV 2008 vocabulary with Swedish and English labels, loaded once from the copy shipped
 * in src/reference (see its README for source and licence).
 */
export function loadCpvCatalogue(): CpvCatalogue {
  if (cached) return cached;
  const text = fs.readFileSync(path.join(REFERENCE_DIR, 'cpv', 'cpv-2008-en-sv.csv'), 'utf8');
  const rows = parse(text, { columns: true, skip_empty_lines: true }) as Array<{ code: string; label_en: string; label_sv: string }>;
  const entries = rows.map((r) => ({ code: r.code, sv: r.label_sv, en: r.label_en }));
  const byCode = new Map(entries.map((e) => [e.code, e]));
  const haystack = entries.map((e) => `${e.code} ${e.sv} ${e.en}`.toLocaleLowerCase('sv'));
  cached = {
    size: byCode.size,
    get: (code) => byCode.get(code),
    has: (code) => byCode.has(code),
    search(query, limit) {
      const words = query.toLocaleLowerCase('sv').split(/\s+/).filter(Boolean);
      if (words.length === 0) return [];
      const hits: Array<{ entry: CpvEntry; rank: number }> = [];
      for (let i = 0; i < entries.length; i++) {
        if (!words.every((w) => haystack[i]!.includes(w))) continue;
        // A label that starts with the word ("Städning" for "städ") beats one where a word starts
        // with it, which beats a match inside a word ("bostäder" for "städ").
        const labels = [entries[i]!.sv, entries[i]!.en].map((l) => l.toLocaleLowerCase('sv'));
        const rank = labels.some((l) => l.startsWith(words[0]!))
          ? 0
          : words.every((w) => labels.some((l) => new RegExp(`(^|[^\\p{L}\\p{N}])${escapeRegExp(w)}`, 'u').test(l)))
            ? 1
            : 2;
        hits.push({ entry: entries[i]!, rank });
      }
      // Then general codes (more trailing zeros) first, then by code.
      const depth = (c: string) => c.replace(/0+$/, '').length;
      return hits
        .sort((a, b) => a.rank - b.rank || depth(a.entry.code) - depth(b.entry.code) || a.entry.code.localeCompare(b.entry.code))
        .slice(0, limit)
        .map((h) => h.entry);
    },
  };
  return cached;
}

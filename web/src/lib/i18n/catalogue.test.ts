import { describe, expect, it } from 'vitest';
import en from './en.json';
import sv from './sv.json';

type Tree = { [key: string]: string | Tree };

function flatten(tree: Tree, prefix = ''): Map<string, string> {
  const out = new Map<string, string>();
  for (const [key, value] of Object.entries(tree)) {
    const path = prefix ? `${prefix}.${key}` : key;
    if (typeof value === 'string') out.set(path, value);
    else for (const [k, v] of flatten(value, path)) out.set(k, v);
  }
  return out;
}

const catalogues = { sv: flatten(sv as Tree), en: flatten(en as Tree) };

describe('message catalogues', () => {
  it('has the same keys in Swedish and English', () => {
    const svKeys = [...catalogues.sv.keys()].sort();
    const enKeys = [...catalogues.en.keys()].sort();
    expect(svKeys.filter((k) => !catalogues.en.has(k))).toEqual([]);
    expect(enKeys.filter((k) => !catalogues.sv.has(k))).toEqual([]);
    expect(svKeys.length).toBeGreaterThan(100);
  });

  it.each(['sv', 'en'] as const)('has no empty messages in %s', (language) => {
    const empty = [...catalogues[language].entries()].filter(([, v]) => v.trim() === '').map(([k]) => k);
    expect(empty).toEqual([]);
  });

  it('uses the same interpolation variables in both languages', () => {
    const variables = (text: string) => [...text.matchAll(/\{\{(\w+)\}\}/g)].map((m) => m[1]).sort();
    const mismatched = [...catalogues.sv.entries()].filter(([k, v]) => JSON.stringify(variables(v)) !== JSON.stringify(variables(catalogues.en.get(k) ?? '')));
    expect(mismatched.map(([k]) => k)).toEqual([]);
  });
});

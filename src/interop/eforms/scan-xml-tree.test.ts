import { describe, expect, it } from 'vitest';
import { scanXmlTree } from './scan-xml-tree.js';
import { readXmlTree, type XmlElement } from './read-xml-tree.js';

/** Names of the root's children as read with `keep`. */
function childNames(xml: string, keep: ReadonlySet<string>): string[] {
  const result = scanXmlTree(xml, { maxDepth: 10, keep });
  if (!result.ok) throw new Error(result.message);
  return result.root.children.map((child: XmlElement) => child.name);
}

describe('scanXmlTree name caches', () => {
  const xml = '<r xmlns="urn:cache-test"><a>1</a><b>2</b><a>3</a></r>';

  it('decides what is kept by the keep set of each read, though names are cached across reads', () => {
    const keepA = new Set(['{urn:cache-test}a']);
    const keepB = new Set(['{urn:cache-test}b']);
    expect(childNames(xml, keepA)).toEqual(['{urn:cache-test}a', '{urn:cache-test}a']);
    expect(childNames(xml, keepB)).toEqual(['{urn:cache-test}b']);
    expect(childNames(xml, keepA)).toEqual(['{urn:cache-test}a', '{urn:cache-test}a']);
    expect(childNames(xml, new Set([...keepA, ...keepB]))).toEqual(['{urn:cache-test}a', '{urn:cache-test}b', '{urn:cache-test}a']);
  });

  it('resolves a cached name again under other namespace bindings', () => {
    const keep = new Set(['{urn:one}a', '{urn:two}a']);
    expect(childNames('<r xmlns="urn:one"><a/></r>', keep)).toEqual(['{urn:one}a']);
    expect(childNames('<r xmlns="urn:two"><a/></r>', keep)).toEqual(['{urn:two}a']);
    expect(childNames('<p:r xmlns:p="urn:one"><p:a/><a xmlns="urn:two"/></p:r>', keep)).toEqual(['{urn:one}a', '{urn:two}a']);
  });

  it('tells apart names whose hashes collide (Aa and BB hash alike)', () => {
    expect(childNames('<r xmlns="urn:collision"><Aa/><BB/><Aa/></r>', new Set(['{urn:collision}Aa', '{urn:collision}BB']))).toEqual([
      '{urn:collision}Aa',
      '{urn:collision}BB',
      '{urn:collision}Aa',
    ]);
    expect(childNames('<r xmlns="urn:collision"><Aa/><BB/></r>', new Set(['{urn:collision}BB']))).toEqual(['{urn:collision}BB']);
    const result = scanXmlTree('<r xmlns="urn:collision" Aa="1" BB="2"/>', { maxDepth: 10 });
    expect(result.ok && result.root.attributes).toEqual({ xmlns: 'urn:collision', Aa: '1', BB: '2' });
  });

  it('reads names and namespaces too long to be cached', () => {
    const local = 'n'.repeat(300);
    const uri = `urn:${'u'.repeat(5_000)}`;
    const xml = `<r xmlns="${uri}"><${local} ${local}="1"/><${local}/></r>`;
    expect(childNames(xml, new Set([`{${uri}}${local}`]))).toEqual([`{${uri}}${local}`, `{${uri}}${local}`]);
    const result = scanXmlTree(xml, { maxDepth: 10 });
    expect(result.ok && result.root.children[0]?.attributes).toEqual({ [local]: '1' });
  });

  it('reads attribute names exactly, whatever was cached before', () => {
    const result = scanXmlTree('<r xmlns="urn:attribute-test"><a listName="x" listNamf="y" lis="z"/></r>', { maxDepth: 10 });
    expect(result.ok && result.root.children[0]?.attributes).toEqual({ listName: 'x', listNamf: 'y', lis: 'z' });
  });
});

describe('scanXmlTree with the name caches full', () => {
  it('still reads every name right once the shared caches hold as many names as they may', () => {
    const names = Array.from({ length: 20_000 }, (_, index) => `n${index}`);
    const xml = `<r xmlns="urn:full">${names.map((name) => `<${name} ${name}="v"/>`).join('')}</r>`;
    const keep = new Set(names.filter((_, index) => index % 1_000 === 999).map((name) => `{urn:full}${name}`));
    for (let read = 0; read < 2; read += 1) {
      const result = scanXmlTree(xml, { maxDepth: 10, keep });
      if (!result.ok) throw new Error(result.message);
      expect(result.root.children.map((child) => child.name)).toEqual([...keep]);
      expect(result.root.children.map((child) => Object.keys(child.attributes)[0])).toEqual([...keep].map((name) => name.slice('{urn:full}'.length)));
    }
    expect(childNames('<r xmlns="urn:full"><n19999/><n5/></r>', new Set(['{urn:full}n5']))).toEqual(['{urn:full}n5']);
  });
});

describe('scanXmlTree text past the per-element limit', () => {
  /** The text of the root's only child, as the scanner and as the reference reader keep it. */
  const both = (xml: string, maxElementText: number) => {
    const options = { maxDepth: 10, maxElementText };
    const scanned = scanXmlTree(xml, options);
    const reference = readXmlTree(xml, options);
    if (!scanned.ok || !reference.ok) throw new Error('not read');
    return { scanned: scanned.root.children[0]!.text, reference: reference.root.children[0]!.text };
  };

  it('keeps the first characters of text split into many pieces, as the reference reader does, and drops the rest', () => {
    const pieces = Array.from({ length: 2_000 }, (_, i) => `piece ${i} &amp;`).join('<!-- c -->');
    const { scanned, reference } = both(`<r><n>${pieces}</n></r>`, 100);
    expect(scanned).toBe(reference);
    expect(scanned).toHaveLength(100);
    expect(scanned.startsWith('piece 0 &piece 1 &')).toBe(true);
  });

  it('replaces a text that filled the limit with blanks only by the next piece, as the reference reader does', () => {
    const { scanned, reference } = both(`<r><n>${' '.repeat(50)}<!-- c -->${' '.repeat(50)}<!-- c -->  kept<!-- c --> too</n></r>`, 100);
    expect(scanned).toBe(reference);
    expect(scanned.trim()).toBe('kept too');
  });

  it('still refuses a fault in a piece it no longer keeps', () => {
    const xml = `<r><n>${'x'.repeat(200)}<!-- c -->more &bogus; text</n></r>`;
    const scanned = scanXmlTree(xml, { maxDepth: 10, maxElementText: 100 });
    expect(scanned.ok).toBe(false);
    expect(scanned.ok ? null : scanned.code).toBe('malformed-xml');
  });
});

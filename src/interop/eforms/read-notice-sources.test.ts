import { mkdirSync, mkdtempSync, readFileSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import tarStream from 'tar-stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildStoredZip } from '../../../tests/support/build-stored-zip.js';
import { parseNotice } from './parse-notice.js';
import { isUnsafeEntryName, readNoticeSources, type NoticeSource } from './read-notice-sources.js';

const NOTICE = readFileSync(fileURLToPath(new URL('../../../tests/fixtures/eforms/sdk-examples/cn_24_minimal.xml', import.meta.url)));
const LIMIT = 100_000;
const BIG = 'x'.repeat(LIMIT + 1);

async function buildTarGz(entries: ReadonlyArray<{ name: string; data?: string | Uint8Array; type?: 'file' | 'directory' }>): Promise<Buffer> {
  const pack = tarStream.pack();
  const chunks: Buffer[] = [];
  const collected = (async () => {
    for await (const chunk of pack as AsyncIterable<Buffer>) chunks.push(chunk);
  })();
  for (const entry of entries) {
    await new Promise<void>((resolve, reject) => {
      const callback = (error?: Error | null): void => (error ? reject(error) : resolve());
      if (entry.type === 'directory') pack.entry({ name: entry.name, type: 'directory' }, callback);
      else pack.entry({ name: entry.name }, typeof entry.data === 'string' ? entry.data : Buffer.from(entry.data ?? ''), callback);
    });
  }
  pack.finalize();
  await collected;
  return gzipSync(Buffer.concat(chunks));
}

async function collect(paths: string[], maxEntryBytes = LIMIT): Promise<NoticeSource[]> {
  const sources: NoticeSource[] = [];
  for await (const source of readNoticeSources(paths, { maxEntryBytes })) sources.push(source);
  return sources;
}

function summary(sources: NoticeSource[], root: string): string[] {
  return sources.map((source) => {
    const name = source.name.replace(root, '<root>');
    return 'error' in source ? `${name} ERROR ${source.error.code}` : `${name} ${source.bytes.length}`;
  });
}

let root: string;

beforeAll(async () => {
  root = mkdtempSync(join(tmpdir(), 'hansyn-sources-'));
  const folder = join(root, 'folder');
  mkdirSync(join(folder, 'sub'), { recursive: true });
  writeFileSync(join(folder, 'a.xml'), NOTICE);
  writeFileSync(join(folder, 'sub', 'b.xml'), '<b/>');
  writeFileSync(join(folder, 'notes.txt'), 'not a notice');
  writeFileSync(join(folder, 'too-big.xml'), BIG);
  writeFileSync(
    join(folder, 'daily.tar.gz'),
    await buildTarGz([
      { name: '20240102', type: 'directory' },
      { name: '20240102/00000001_2024.xml', data: NOTICE },
      { name: '../evil.xml', data: '<evil/>' },
      { name: '/etc/abs.xml', data: '<abs/>' },
      { name: '20240102/big.xml', data: BIG },
      { name: '20240102/readme.txt', data: 'skip me' },
      { name: '20240102/00000002_2024.xml', data: '<second/>' },
    ]),
  );
  writeFileSync(
    join(folder, 'package.zip'),
    buildStoredZip([
      { name: 'notices/', data: '' },
      { name: 'notices/one.xml', data: NOTICE },
      { name: '../../zip-evil.xml', data: '<evil/>' },
      { name: 'C:/windows/abs.xml', data: '<abs/>' },
      { name: 'notices/big.xml', data: BIG },
      { name: 'notices/two.xml', data: '<two/>' },
      { name: 'notices/info.json', data: '{}' },
    ]),
  );
  mkdirSync(join(root, 'loop'));
  symlinkSync(root, join(root, 'loop', 'back-to-root'));
  writeFileSync(join(root, 'corrupt.tar.gz'), Buffer.from('definitely not gzip'));
  writeFileSync(join(root, 'corrupt.zip'), Buffer.from('PK but not really a zip file at all'));
  writeFileSync(join(root, 'explicit.notice'), '<explicit/>');
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('readNoticeSources', () => {
  it('walks a folder recursively, reading files, .tar.gz and .zip entries in order, reporting bad entries', async () => {
    const sources = await collect([join(root, 'folder')]);
    expect(summary(sources, root)).toEqual([
      `<root>/folder/a.xml ${NOTICE.length}`,
      `<root>/folder/daily.tar.gz!/20240102/00000001_2024.xml ${NOTICE.length}`,
      '<root>/folder/daily.tar.gz!/../evil.xml ERROR path-traversal',
      '<root>/folder/daily.tar.gz!//etc/abs.xml ERROR path-traversal',
      '<root>/folder/daily.tar.gz!/20240102/big.xml ERROR too-large',
      '<root>/folder/daily.tar.gz!/20240102/00000002_2024.xml 9',
      `<root>/folder/package.zip!/notices/one.xml ${NOTICE.length}`,
      '<root>/folder/package.zip!/../../zip-evil.xml ERROR path-traversal',
      '<root>/folder/package.zip!/C:/windows/abs.xml ERROR path-traversal',
      '<root>/folder/package.zip!/notices/big.xml ERROR too-large',
      '<root>/folder/package.zip!/notices/two.xml 6',
      '<root>/folder/sub/b.xml 4',
      '<root>/folder/too-big.xml ERROR too-large',
    ]);
  });

  it('yields the exact bytes, which parse as notices', async () => {
    const sources = await collect([join(root, 'folder')]);
    const notices = sources.filter((source): source is { name: string; bytes: Uint8Array } => 'bytes' in source && source.bytes.length === NOTICE.length);
    expect(notices).toHaveLength(3);
    for (const source of notices) {
      expect(Buffer.from(source.bytes).equals(NOTICE)).toBe(true);
      expect(parseNotice(source.bytes).ok).toBe(true);
    }
  });

  it('reports missing paths and corrupt archives as errors and carries on', async () => {
    const sources = await collect([
      join(root, 'missing.xml'),
      join(root, 'corrupt.tar.gz'),
      join(root, 'corrupt.zip'),
      join(root, 'explicit.notice'),
    ]);
    expect(summary(sources, root)).toEqual([
      '<root>/missing.xml ERROR not-found',
      '<root>/corrupt.tar.gz ERROR corrupt-archive',
      '<root>/corrupt.zip ERROR corrupt-archive',
      '<root>/explicit.notice 11',
    ]);
  });

  it('does not follow symbolic links to folders (no cycles)', async () => {
    expect(await collect([join(root, 'loop')])).toEqual([]);
  });

  it('yields one entry at a time and can be stopped early', async () => {
    const generator = readNoticeSources([join(root, 'folder', 'daily.tar.gz')], { maxEntryBytes: LIMIT });
    const first = await generator.next();
    expect(first.value?.name).toContain('00000001_2024.xml');
    await generator.return(undefined);
    expect((await generator.next()).done).toBe(true);
  });

  it('uses a 20 MB entry limit by default', async () => {
    const sources: NoticeSource[] = [];
    for await (const source of readNoticeSources([join(root, 'folder', 'too-big.xml')])) sources.push(source);
    expect(sources).toHaveLength(1);
    expect('bytes' in sources[0]!).toBe(true);
  });
});

describe('isUnsafeEntryName', () => {
  it.each([
    ['20240102/00000001_2024.xml', false],
    ['notice..xml', false],
    ['a/../b.xml', true],
    ['..', true],
    ['../x.xml', true],
    ['..\\x.xml', true],
    ['/abs.xml', true],
    ['\\\\server\\share.xml', true],
    ['C:\\x.xml', true],
    ['', true],
    ['a\0.xml', true],
  ])('%j → %s', (name, unsafe) => {
    expect(isUnsafeEntryName(name)).toBe(unsafe);
  });
});

import { createReadStream } from 'node:fs';
import { readdir, readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';
import tarStream from 'tar-stream';
import yauzl from 'yauzl';

/**
 * Notice files from paths: plain files, folders (recursively), TED daily packages (`.tar.gz`/`.tgz`)
 * and `.zip` archives. Yields one notice at a time and never extracts to disk, so memory stays bounded
 * by the largest single notice. Problems with one entry are yielded as `{ name, error }`; the walk goes on.
 */

export type NoticeSourceErrorCode = 'not-found' | 'unreadable' | 'too-large' | 'path-traversal' | 'corrupt-archive';

export type NoticeSource =
  | { name: string; bytes: Uint8Array }
  | { name: string; error: { code: NoticeSourceErrorCode; message: string } };

export interface ReadNoticeSourcesOptions {
  /** Largest notice accepted, in bytes (default 20 MB, the parser's default too). */
  maxEntryBytes?: number;
}

const DEFAULT_MAX_ENTRY_BYTES = 20 * 1024 * 1024;

type Kind = 'xml' | 'tar.gz' | 'zip' | null;

function kindOf(path: string): Kind {
  const lower = path.toLowerCase();
  if (lower.endsWith('.xml')) return 'xml';
  if (lower.endsWith('.tar.gz') || lower.endsWith('.tgz')) return 'tar.gz';
  if (lower.endsWith('.zip')) return 'zip';
  return null;
}

/** Archive entry names that would escape a target folder if extracted (we never extract, but we report them). */
export function isUnsafeEntryName(name: string): boolean {
  if (name === '' || name.includes('\0')) return true;
  if (name.startsWith('/') || name.startsWith('\\') || /^[a-zA-Z]:/.test(name)) return true;
  return name.split(/[/\\]/).some((segment) => segment === '..');
}

function messageOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function sourceError(name: string, code: NoticeSourceErrorCode, message: string): NoticeSource {
  return { name, error: { code, message } };
}

/** Reads a stream up to `maxBytes`; past that it stops keeping data and reports overflow. */
interface ByteStream extends AsyncIterable<unknown> {
  destroy(): void;
}

async function readCapped(stream: ByteStream, maxBytes: number, onOverflow: 'drain' | 'destroy', expectedBytes?: number): Promise<Uint8Array | null> {
  // When the archive states the size (checked against the data by the reader), fill one buffer
  // instead of keeping the chunks and copying them: half the memory for a large entry.
  if (expectedBytes !== undefined && expectedBytes <= maxBytes) {
    const bytes = new Uint8Array(expectedBytes);
    let filled = 0;
    for await (const chunk of stream) {
      if (!(chunk instanceof Uint8Array)) throw new Error('archive entry produced a non-binary chunk');
      if (filled + chunk.length > expectedBytes) throw new Error('archive entry is longer than its stated size');
      bytes.set(chunk, filled);
      filled += chunk.length;
    }
    if (filled !== expectedBytes) throw new Error('archive entry is shorter than its stated size');
    return bytes;
  }
  const chunks: Uint8Array[] = [];
  let total = 0;
  for await (const chunk of stream) {
    if (!(chunk instanceof Uint8Array)) throw new Error('archive entry produced a non-binary chunk');
    total += chunk.length;
    if (total > maxBytes) {
      if (onOverflow === 'destroy') {
        stream.destroy();
        return null;
      }
      chunks.length = 0; // keep consuming so the archive can move on, but hold nothing
      continue;
    }
    chunks.push(chunk);
  }
  if (total > maxBytes) return null;
  const bytes = new Uint8Array(total);
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.length;
  }
  return bytes;
}

export async function* readNoticeSources(
  paths: Iterable<string> | AsyncIterable<string>,
  options: ReadNoticeSourcesOptions = {},
): AsyncGenerator<NoticeSource> {
  const maxEntryBytes = options.maxEntryBytes ?? DEFAULT_MAX_ENTRY_BYTES;
  for await (const path of paths) {
    let info;
    try {
      info = await stat(path);
    } catch (error) {
      yield sourceError(path, 'not-found', messageOf(error));
      continue;
    }
    if (info.isDirectory()) {
      yield* readFolder(path, maxEntryBytes);
    } else {
      // An explicitly named file is read as XML unless it is a known archive.
      yield* readPath(path, kindOf(path) ?? 'xml', maxEntryBytes);
    }
  }
}

async function* readFolder(folder: string, maxEntryBytes: number): AsyncGenerator<NoticeSource> {
  let entries;
  try {
    entries = await readdir(folder, { withFileTypes: true });
  } catch (error) {
    yield sourceError(folder, 'unreadable', messageOf(error));
    return;
  }
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const entry of entries) {
    const path = join(folder, entry.name);
    // Symbolic links to folders are not followed (no cycles); links to files are read.
    if (entry.isDirectory()) {
      yield* readFolder(path, maxEntryBytes);
      continue;
    }
    const kind = kindOf(entry.name);
    if (kind === null) continue;
    if (entry.isSymbolicLink()) {
      const target = await stat(path).catch(() => null);
      if (target === null || !target.isFile()) continue;
    } else if (!entry.isFile()) {
      continue;
    }
    yield* readPath(path, kind, maxEntryBytes);
  }
}

async function* readPath(path: string, kind: Exclude<Kind, null>, maxEntryBytes: number): AsyncGenerator<NoticeSource> {
  if (kind === 'tar.gz') {
    yield* readTarGz(path, maxEntryBytes);
  } else if (kind === 'zip') {
    yield* readZip(path, maxEntryBytes);
  } else {
    yield await readXmlFile(path, maxEntryBytes);
  }
}

async function readXmlFile(path: string, maxEntryBytes: number): Promise<NoticeSource> {
  try {
    const info = await stat(path);
    if (info.size > maxEntryBytes) {
      return sourceError(path, 'too-large', `${info.size} bytes; the limit is ${maxEntryBytes}`);
    }
    return { name: path, bytes: new Uint8Array(await readFile(path)) };
  } catch (error) {
    return sourceError(path, 'unreadable', messageOf(error));
  }
}

/** TED daily packages: gzip-compressed tar of notice XML files. */
async function* readTarGz(archive: string, maxEntryBytes: number): AsyncGenerator<NoticeSource> {
  const file = createReadStream(archive);
  const gunzip = createGunzip();
  const extract = tarStream.extract();
  file.on('error', (error) => extract.destroy(error));
  gunzip.on('error', (error) => extract.destroy(error));
  file.pipe(gunzip).pipe(extract);
  try {
    for await (const entry of extract) {
      const entryName = entry.header.name;
      const name = `${archive}!/${entryName}`;
      if (entry.header.type !== 'file' && entry.header.type !== 'contiguous-file') {
        entry.resume();
        continue;
      }
      if (kindOf(entryName) !== 'xml') {
        entry.resume();
        continue;
      }
      if (isUnsafeEntryName(entryName)) {
        entry.resume();
        yield sourceError(name, 'path-traversal', `unsafe entry name ${JSON.stringify(entryName)}`);
        continue;
      }
      if ((entry.header.size ?? 0) > maxEntryBytes) {
        entry.resume();
        yield sourceError(name, 'too-large', `${entry.header.size} bytes; the limit is ${maxEntryBytes}`);
        continue;
      }
      const bytes = await readCapped(entry, maxEntryBytes, 'drain');
      yield bytes === null ? sourceError(name, 'too-large', `more than ${maxEntryBytes} bytes`) : { name, bytes };
    }
  } catch (error) {
    yield sourceError(archive, 'corrupt-archive', messageOf(error));
  } finally {
    file.destroy();
    gunzip.destroy();
    extract.destroy();
  }
}

function openZip(path: string): Promise<yauzl.ZipFile> {
  return new Promise((resolve, reject) => {
    // decodeStrings: false so yauzl hands us raw names (its own name check would abort the whole archive).
    yauzl.open(path, { lazyEntries: true, autoClose: true, decodeStrings: false, validateEntrySizes: true }, (error, zip) => {
      if (error !== null) reject(error);
      else resolve(zip);
    });
  });
}

function nextZipEntry(zip: yauzl.ZipFile): Promise<yauzl.Entry | null> {
  return new Promise((resolve, reject) => {
    const onEntry = (entry: yauzl.Entry): void => {
      cleanup();
      resolve(entry);
    };
    const onEnd = (): void => {
      cleanup();
      resolve(null);
    };
    const onError = (error: Error): void => {
      cleanup();
      reject(error);
    };
    const cleanup = (): void => {
      zip.off('entry', onEntry);
      zip.off('end', onEnd);
      zip.off('error', onError);
    };
    zip.on('entry', onEntry);
    zip.on('end', onEnd);
    zip.on('error', onError);
    zip.readEntry();
  });
}

function openZipEntry(zip: yauzl.ZipFile, entry: yauzl.Entry): Promise<Readable> {
  return new Promise((resolve, reject) => {
    zip.openReadStream(entry, (error, stream) => {
      if (error !== null) reject(error);
      else resolve(stream);
    });
  });
}

async function* readZip(archive: string, maxEntryBytes: number): AsyncGenerator<NoticeSource> {
  let zip: yauzl.ZipFile;
  try {
    zip = await openZip(archive);
  } catch (error) {
    yield sourceError(archive, 'corrupt-archive', messageOf(error));
    return;
  }
  try {
    for (;;) {
      const entry = await nextZipEntry(zip);
      if (entry === null) break;
      // Bit 11 of the general purpose flag marks UTF-8 names; TED packages use ASCII either way.
      const entryName = new TextDecoder('utf-8').decode(entry.fileNameRaw);
      const name = `${archive}!/${entryName}`;
      if (entryName.endsWith('/') || kindOf(entryName) !== 'xml') continue;
      if (isUnsafeEntryName(entryName)) {
        yield sourceError(name, 'path-traversal', `unsafe entry name ${JSON.stringify(entryName)}`);
        continue;
      }
      if (entry.uncompressedSize > maxEntryBytes) {
        yield sourceError(name, 'too-large', `${entry.uncompressedSize} bytes; the limit is ${maxEntryBytes}`);
        continue;
      }
      let bytes: Uint8Array | null;
      try {
        bytes = await readCapped(await openZipEntry(zip, entry), maxEntryBytes, 'destroy', entry.uncompressedSize);
      } catch (error) {
        yield sourceError(name, 'corrupt-archive', messageOf(error));
        continue;
      }
      yield bytes === null ? sourceError(name, 'too-large', `more than ${maxEntryBytes} bytes`) : { name, bytes };
    }
  } catch (error) {
    yield sourceError(archive, 'corrupt-archive', messageOf(error));
  } finally {
    zip.close();
  }
}

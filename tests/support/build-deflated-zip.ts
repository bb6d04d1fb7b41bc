import { deflateRawSync } from 'node:zlib';
import { crc32 } from './build-stored-zip.js';

/**
 * Builds a ZIP archive with deflate-compressed entries, for tests that need a small archive which
 * inflates to a lot (the "padded notices" attack of issue 8). Entries are produced one at a time by
 * `entries`, so a test can build an archive that inflates to gigabytes without holding them.
 */
export function buildDeflatedZip(entries: Iterable<{ name: string; data: Uint8Array }>): Buffer {
  const parts: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  let count = 0;
  for (const entry of entries) {
    const name = Buffer.from(entry.name, 'utf8');
    const compressed = deflateRawSync(entry.data, { level: 9 });
    const crc = crc32(entry.data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(compressed.length, 18);
    local.writeUInt32LE(entry.data.length, 22);
    local.writeUInt16LE(name.length, 26);
    parts.push(local, name, compressed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(8, 10);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(compressed.length, 20);
    central.writeUInt32LE(entry.data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += local.length + name.length + compressed.length;
    count += 1;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(count, 8);
  end.writeUInt16LE(count, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...parts, directory, end]);
}

/**
 * The hostile notices of issue 8: valid notices, each padded with `paddingBytes` of spaces inside a
 * `<cbc:Note>` (an element the parser does not read). Yields the bytes one notice at a time.
 */
export function* paddedNotices(template: string, count: number, paddingBytes: number, idOf: (n: number) => string, templateId: string) {
  const padding = ' '.repeat(paddingBytes);
  for (let n = 0; n < count; n += 1) {
    const xml = template.replace(templateId, idOf(n)).replace('<cbc:IssueDate>', `<cbc:Note>${padding}</cbc:Note><cbc:IssueDate>`);
    yield { name: `padded-${n}.xml`, data: new TextEncoder().encode(xml) };
  }
}

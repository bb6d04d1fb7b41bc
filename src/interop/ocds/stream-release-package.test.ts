import { describe, expect, it } from 'vitest';
import { buildReleasePackage } from '../../domain/ocds/build-release-package.js';
import type { OcdsRelease } from '../../domain/ocds/ocds-release.js';
import { OCDS_EXTENSION_URLS } from './ocds-extensions.js';
import { streamReleasePackage, type ReleasePackageEnvelope } from './stream-release-package.js';
import { validateReleasePackage } from './validate-release-package.js';

const release = (n: number): OcdsRelease => ({
  ocid: `ocds-x-ted-${n}`,
  id: `notice-${n}-01`,
  date: '2026-01-01T00:00:00Z',
  tag: ['tender'],
  initiationType: 'tender',
  parties: [],
  tender: { id: String(n), title: `Upphandling "${n}" – städ` },
});

const { releases: _none, ...envelope }: ReleasePackageEnvelope & { releases?: unknown } = buildReleasePackage([], {
  uri: 'https://hansyn.example/api/market/ocds/release-package?country=SWE',
  publisher: { name: 'Hänsyn', uri: 'https://hansyn.example' },
  publishedDate: '2026-01-02T00:00:00.000Z',
  extensions: OCDS_EXTENSION_URLS,
});

async function* pagesOf(...pages: OcdsRelease[][]): AsyncGenerator<OcdsRelease[]> {
  for (const page of pages) yield page;
}

async function textOf(pieces: AsyncIterable<string>): Promise<{ text: string; count: number }> {
  let text = '';
  let count = 0;
  for await (const piece of pieces) {
    text += piece;
    count += 1;
  }
  return { text, count };
}

describe('streamReleasePackage', () => {
  it('writes exactly the JSON of the whole package, one piece per page between the envelope and the end', async () => {
    const pages = [[release(1), release(2)], [], [release(3)], [release(4), release(5)]];
    const { text, count } = await textOf(streamReleasePackage(envelope, pagesOf(...pages)));
    expect(text).toBe(JSON.stringify({ ...envelope, releases: pages.flat() }));
    // Envelope, three non-empty pages, closing brackets.
    expect(count).toBe(5);
    expect(validateReleasePackage(JSON.parse(text))).toEqual({ valid: true, errors: [] });
  });

  it('yields the envelope before reading the first page, so the answer starts at once', async () => {
    let read = false;
    const pieces = streamReleasePackage(
      envelope,
      (async function* () {
        read = true;
        yield [release(1)];
      })(),
    );
    const first = await pieces.next();
    expect(first.value).toBe(`${JSON.stringify(envelope).slice(0, -1)},"releases":[`);
    expect(read).toBe(false);
  });

  it('writes an empty releases array when there are no pages, which OCDS refuses (callers check first)', async () => {
    const { text } = await textOf(streamReleasePackage(envelope, pagesOf()));
    expect(JSON.parse(text)).toEqual({ ...envelope, releases: [] });
    expect(validateReleasePackage(JSON.parse(text)).valid).toBe(false);
  });
});

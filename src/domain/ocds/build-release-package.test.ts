import { describe, expect, it } from 'vitest';
import { buildReleasePackage, latestReleaseDate } from './build-release-package.js';
import type { OcdsRelease } from './ocds-release.js';

const release = (date: string): OcdsRelease => ({
  ocid: 'ocds-x-a-1',
  id: date,
  date,
  tag: ['tender'],
  initiationType: 'tender',
  parties: [],
  tender: { id: '1' },
});

describe('buildReleasePackage', () => {
  it('wraps releases with the metadata and OCDS version 1.1', () => {
    const releases = [release('2026-01-01T00:00:00Z')];
    expect(
      buildReleasePackage(releases, {
        uri: 'https://hansyn.example/api/ocds/release-package?org=a',
        publisher: { name: 'A kommun', scheme: 'SE-BLV', uid: '212000-1355' },
        publishedDate: '2026-01-02T00:00:00Z',
        extensions: ['https://example.org/extension.json'],
      }),
    ).toEqual({
      uri: 'https://hansyn.example/api/ocds/release-package?org=a',
      version: '1.1',
      extensions: ['https://example.org/extension.json'],
      publishedDate: '2026-01-02T00:00:00Z',
      publisher: { name: 'A kommun', scheme: 'SE-BLV', uid: '212000-1355' },
      releases,
    });
  });

  it('dates a package by its latest release, or by the fallback when it has none', () => {
    expect(latestReleaseDate([release('2026-01-01T00:00:00Z'), release('2026-03-01T10:00:00+01:00'), release('2026-02-01T00:00:00Z')], new Date(0))).toBe(
      '2026-03-01T09:00:00.000Z',
    );
    expect(latestReleaseDate([], new Date('2026-05-05T00:00:00Z'))).toBe('2026-05-05T00:00:00.000Z');
  });
});

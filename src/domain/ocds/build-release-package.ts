import type { OcdsPublisher, OcdsRelease, OcdsReleasePackage } from './ocds-release.js';

export interface ReleasePackageMetadata {
  /** Where this package can be fetched again; identifies it. */
  uri: string;
  publisher: OcdsPublisher;
  /**
   * When the package was published. For a package generated on demand OCDS asks for the time of
   * the last change to its contents; pass that (see `latestReleaseDate`).
   */
  publishedDate: string;
  /** URLs of the `extension.json` of every extension the releases use. */
  extensions: readonly string[];
  license?: string;
  publicationPolicy?: string;
}

/** Wraps releases in an OCDS 1.1 release package. */
export function buildReleasePackage(releases: readonly OcdsRelease[], metadata: ReleasePackageMetadata): OcdsReleasePackage {
  return {
    uri: metadata.uri,
    version: '1.1',
    extensions: [...metadata.extensions],
    publishedDate: metadata.publishedDate,
    publisher: { ...metadata.publisher },
    ...(metadata.license ? { license: metadata.license } : {}),
    ...(metadata.publicationPolicy ? { publicationPolicy: metadata.publicationPolicy } : {}),
    releases: [...releases],
  };
}

/** The date of the most recent release, or `fallback` when there are none. */
export function latestReleaseDate(releases: readonly OcdsRelease[], fallback: Date): string {
  let latest: number | null = null;
  for (const release of releases) {
    const time = Date.parse(release.date);
    if (latest === null || time > latest) latest = time;
  }
  return new Date(latest ?? fallback.getTime()).toISOString();
}

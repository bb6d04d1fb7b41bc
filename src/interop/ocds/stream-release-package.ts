import type { OcdsRelease, OcdsReleasePackage } from '../../domain/ocds/ocds-release.js';

/** Everything of a release package but its releases. */
export type ReleasePackageEnvelope = Omit<OcdsReleasePackage, 'releases'>;

/**
 * Writes a release package as JSON text piece by piece: the envelope first, then each page of
 * releases as it arrives, then the closing brackets. A package of hundreds of thousands of releases
 * is thus never held in memory whole. Joined, the pieces are exactly
 * `JSON.stringify({ ...envelope, releases: [...all pages] })`.
 *
 * The caller makes sure there is at least one release: OCDS does not allow an empty package.
 */
export async function* streamReleasePackage(envelope: ReleasePackageEnvelope, pages: AsyncIterable<readonly OcdsRelease[]>): AsyncGenerator<string> {
  // `releases` is the last key, so the envelope's JSON ends in `"releases":[]}`; cut after the `[`.
  yield JSON.stringify({ ...envelope, releases: [] }).slice(0, -2);
  let first = true;
  for await (const page of pages) {
    if (page.length === 0) continue;
    const text = page.map((release) => JSON.stringify(release)).join(',');
    yield first ? text : `,${text}`;
    first = false;
  }
  yield ']}';
}

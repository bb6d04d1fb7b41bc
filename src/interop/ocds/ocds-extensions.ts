/**
 * The OCDS extensions Hänsyn's releases use. Each is declared in a package by the URL of its
 * `extension.json` on the extension's `master` branch (the form OCP's eForms profile and the
 * extension registry use for extensions without a tagged release covering these fields); the
 * schema copies in `src/reference/ocds/extensions/` are those `master` heads at the commits noted in
 * `src/reference/ocds/README.md`. Lots is first: the others patch its `Lot` definition.
 */
export const OCDS_EXTENSIONS = [
  { name: 'lots', folder: 'ocds_lots_extension' },
  { name: 'sustainability', folder: 'ocds_sustainability_extension' },
  { name: 'otherRequirements', folder: 'ocds_otherRequirements_extension' },
  { name: 'contractTerms', folder: 'ocds_contractTerms_extension' },
  // Contracts' agreed employment metrics and the results reported per period (docs/follow-up.md).
  { name: 'metrics', folder: 'ocds_metrics_extension' },
].map((extension) => ({
  ...extension,
  url: `https://raw.githubusercontent.com/open-contracting-extensions/${extension.folder}/master/extension.json`,
}));

/** The `extensions` array of every package Hänsyn publishes. */
export const OCDS_EXTENSION_URLS: readonly string[] = OCDS_EXTENSIONS.map((e) => e.url);

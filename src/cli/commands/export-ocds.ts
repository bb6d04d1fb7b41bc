import fs from 'node:fs';
import { parseArgs } from 'node:util';
import { validateReleasePackage } from '../../interop/ocds/validate-release-package.js';
import type { AppConfig } from '../../server/config.js';
import { findOrganisationBySlug } from '../../server/features/ocds/ocds-repository.js';
import { exportReleasePackage, type ExportScope } from '../../server/features/ocds/ocds-service.js';
import { withDatabase, type CliIo } from '../run-cli.js';

export const EXPORT_OCDS_USAGE = `Usage: hansyn export ocds --org SLUG [--out FILE] [--scope public|internal] [--include-notices]
Writes the organisation's procurement register as an OCDS 1.1 release package (JSON).
  --org SLUG          the organisation
  --out FILE          write to FILE instead of stdout
  --scope public      procurements from publication on (default; what GET /api/ocds/release-package serves)
  --scope internal    the whole register, planned procurements included
  --include-notices   add the organisation's stored eForms notices
The package is validated against the OCDS schema before it is written; a summary goes to stderr.
`;

/**
 * `hansyn export ocds`: the same package as the API, for publishing by file. Exit codes: 0 written,
 * 1 nothing to write or a failure, 2 a usage error.
 */
export async function runExportOcds(argv: string[], io: CliIo, config: AppConfig): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: { org: { type: 'string' }, out: { type: 'string' }, scope: { type: 'string', default: 'public' }, 'include-notices': { type: 'boolean', default: false }, help: { type: 'boolean' } },
      strict: true,
    }));
  } catch (error) {
    io.stderr(`hansyn: ${(error as Error).message}\n\n${EXPORT_OCDS_USAGE}`);
    return 2;
  }
  if (values.help) {
    io.stdout(EXPORT_OCDS_USAGE);
    return 0;
  }
  if (!values.org || (values.scope !== 'public' && values.scope !== 'internal')) {
    io.stderr(`hansyn: ${values.org ? '--scope must be public or internal.' : '--org is required.'}\n\n${EXPORT_OCDS_USAGE}`);
    return 2;
  }
  const scope = values.scope as ExportScope;
  return withDatabase(config, async ({ db }) => {
    const organisation = await findOrganisationBySlug(db, values.org!);
    if (!organisation) {
      io.stderr(`hansyn: No organisation with slug "${values.org}".\n`);
      return 1;
    }
    const result = await exportReleasePackage(db, {
      organisation,
      scope,
      ocidPrefix: config.ocidPrefix,
      baseUrl: config.publicUrl ?? `http://${config.host}:${config.port}`,
      includeNotices: values['include-notices']!,
      now: new Date(),
    });
    if (values['include-notices'] && !result.noticeStoreAvailable) {
      io.stderr('hansyn: this version stores no eForms notices yet; the package has procurements only.\n');
    }
    if (result.releasePackage.releases.length === 0) {
      io.stderr(`hansyn: nothing to export: ${organisation.name} has no ${scope === 'public' ? 'published ' : ''}procurements (an OCDS package needs at least one release).\n`);
      return 1;
    }
    const validation = validateReleasePackage(result.releasePackage);
    if (!validation.valid) {
      for (const error of validation.errors.slice(0, 20)) io.stderr(`  ${error.path}: ${error.message}\n`);
      io.stderr(`hansyn: the package does not validate against OCDS 1.1 (${validation.errors.length} errors); nothing written.\n`);
      return 1;
    }
    const json = `${JSON.stringify(result.releasePackage, null, 2)}\n`;
    if (values.out) fs.writeFileSync(values.out, json);
    else io.stdout(json);
    io.stderr(
      `${organisation.name}: ${result.procurements} procurement(s)${values['include-notices'] ? `, ${result.notices} notice(s)` : ''} (${scope}), ` +
        `OCID prefix ${config.ocidPrefix}, valid OCDS 1.1${values.out ? `, written to ${values.out}` : ''}.\n` +
        (scope === 'public' && !organisation.openDataPublished ? 'Note: the organisation has not turned on open-data publication (PATCH /api/organisation).\n' : ''),
    );
    return 0;
  });
}

import fs from 'node:fs';
import { parseArgs } from 'node:util';
import type { Database } from '../../db/client.js';
import type { OcdsRelease } from '../../domain/ocds/ocds-release.js';
import { streamReleasePackage, type ReleasePackageEnvelope } from '../../interop/ocds/stream-release-package.js';
import { validateReleasePackage, type ValidationError } from '../../interop/ocds/validate-release-package.js';
import type { AppConfig } from '../../server/config.js';
import { checkMarketFilter, openMarketReleasePackage, type MarketFilter } from '../../server/features/market/market-service.js';
import { exportReleasePackage, findPublishingOrganisation, type ExportScope } from '../../server/features/ocds/ocds-service.js';
import { withDatabase, type CliIo } from '../cli-io.js';

export const EXPORT_OCDS_USAGE = `Usage: hansyn export ocds --org SLUG [--out FILE] [--scope public|internal] [--include-notices]
       hansyn export ocds --market [--out FILE] [--year YYYY] [--country ISO3] [--buyer B]
                          [--contract-nature N] [--cpv-division NN] [--social any|employment|none]
Writes an OCDS 1.1 release package (JSON) to stdout, or to FILE with --out.

The organisation's procurement register:
  --org SLUG          the organisation
  --scope public      procurements from publication on (default; what GET /api/ocds/release-package serves)
  --scope internal    the whole register, planned procurements included
  --include-notices   also its stored eForms notices: those linked to its procurements and those
                      whose buyer (BT-501) is its own or one of its units' organisation number

The market (GET /api/market/ocds/release-package): one release per stored eForms notice, every buyer.
  --market            export the market instead of one organisation
  --year, --country, --buyer, --contract-nature, --cpv-division, --social
                      the market view's filters; without them, every stored notice

Every package is validated against the OCDS schema and nothing invalid is written: the register
before writing, the market page by page as it is streamed (with --out, into FILE.partial, renamed
to FILE once complete). A summary goes to stderr.
`;

/** The market filter flags, named as on the command line, and their fields. */
const MARKET_FLAGS = {
  year: 'year',
  country: 'country',
  buyer: 'buyer',
  'contract-nature': 'contractNature',
  'cpv-division': 'cpvDivision',
  social: 'social',
} as const;
type MarketFlag = keyof typeof MARKET_FLAGS;

/** The market filter from the command line, or the problems with it (checked by the market feature, as the API's query is). */
function marketFilterOf(values: Partial<Record<MarketFlag, string>>): { filter: MarketFilter } | { problems: string[] } {
  const year = values.year;
  const checked = checkMarketFilter({
    year: year !== undefined && /^\d+$/.test(year) ? Number(year) : year,
    country: values.country,
    buyer: values.buyer,
    cpvDivision: values['cpv-division'],
    contractNature: values['contract-nature'],
    social: values.social,
  });
  if ('filter' in checked) return checked;
  const flagOf = (field: string) => Object.entries(MARKET_FLAGS).find(([, name]) => name === field)?.[0] ?? field;
  return { problems: checked.problems.map((p) => (p.oneOf ? `--${flagOf(p.field)} ${p.message}` : `--${flagOf(p.field)}: ${p.message}`)) };
}

/** Thrown while streaming when a page of releases does not validate. */
class InvalidPage extends Error {
  constructor(readonly errors: ValidationError[]) {
    super('The package does not validate against OCDS 1.1.');
  }
}

/**
 * Checks each page as a package of its own (envelope + that page), so the envelope and every
 * release are validated without holding the whole package. Counts the releases.
 */
async function* validatedPages(envelope: ReleasePackageEnvelope, pages: AsyncIterable<OcdsRelease[]>, counted: { releases: number }): AsyncGenerator<OcdsRelease[]> {
  for await (const page of pages) {
    const validation = validateReleasePackage({ ...envelope, releases: page });
    if (!validation.valid) throw new InvalidPage(validation.errors);
    counted.releases += page.length;
    yield page;
  }
}

async function exportMarket(db: Database, filter: MarketFilter, out: string | undefined, io: CliIo, config: AppConfig): Promise<number> {
  const opened = await openMarketReleasePackage(db, filter, {
    ocidPrefix: config.ocidPrefix,
    baseUrl: config.publicUrl ?? `http://${config.host}:${config.port}`,
  });
  if (opened === null) {
    io.stderr('hansyn: nothing to export: no stored notice matches (an OCDS package needs at least one release).\n');
    return 1;
  }
  const counted = { releases: 0 };
  const partial = out === undefined ? null : `${out}.partial`;
  const fd = partial === null ? null : fs.openSync(partial, 'w');
  const write = io.writeStdout ?? (async (text: string) => io.stdout(text));
  try {
    for await (const piece of streamReleasePackage(opened.envelope, validatedPages(opened.envelope, opened.pages, counted))) {
      if (fd !== null) fs.writeSync(fd, piece);
      else await write(piece);
    }
    if (fd !== null) {
      fs.closeSync(fd);
      fs.renameSync(partial!, out!);
    } else await write('\n');
  } catch (error) {
    if (fd !== null) {
      fs.closeSync(fd);
      fs.rmSync(partial!, { force: true });
    }
    if (!(error instanceof InvalidPage)) throw error;
    for (const problem of error.errors.slice(0, 20)) io.stderr(`  ${problem.path}: ${problem.message}\n`);
    io.stderr(
      `hansyn: the package does not validate against OCDS 1.1 (after ${counted.releases} valid release(s)); ` +
        `${out === undefined ? 'the output on stdout is incomplete' : 'nothing written'}.\n`,
    );
    return 1;
  }
  io.stderr(`Market: ${counted.releases} notice(s), OCID prefix ${config.ocidPrefix}, valid OCDS 1.1${out ? `, written to ${out}` : ''}.\n`);
  return 0;
}

/**
 * `hansyn export ocds`: the same packages as the API, for publishing by file. Exit codes: 0 written,
 * 1 nothing to write or a failure, 2 a usage error.
 */
export async function runExportOcds(argv: string[], io: CliIo, config: AppConfig): Promise<number> {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      options: {
        org: { type: 'string' },
        market: { type: 'boolean', default: false },
        out: { type: 'string' },
        scope: { type: 'string' },
        'include-notices': { type: 'boolean', default: false },
        year: { type: 'string' },
        country: { type: 'string' },
        buyer: { type: 'string' },
        'contract-nature': { type: 'string' },
        'cpv-division': { type: 'string' },
        social: { type: 'string' },
        help: { type: 'boolean' },
      },
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
  const usage = (message: string) => {
    io.stderr(`hansyn: ${message}\n\n${EXPORT_OCDS_USAGE}`);
    return 2;
  };
  const marketValues: Partial<Record<MarketFlag, string>> = {};
  for (const flag of Object.keys(MARKET_FLAGS) as MarketFlag[]) if (values[flag] !== undefined) marketValues[flag] = values[flag];

  if (values.market) {
    if (values.org !== undefined || values.scope !== undefined || values['include-notices']) return usage('--market exports every buyer: leave out --org, --scope and --include-notices.');
    const parsed = marketFilterOf(marketValues);
    if ('problems' in parsed) return usage(parsed.problems.join('\n'));
    return withDatabase(config, ({ db }) => exportMarket(db, parsed.filter, values.out, io, config));
  }

  if (!values.org) return usage('--org is required (or --market).');
  if (Object.keys(marketValues).length > 0) return usage(`--${Object.keys(marketValues)[0]} filters the market: use it with --market.`);
  const scope = values.scope ?? 'public';
  if (scope !== 'public' && scope !== 'internal') return usage('--scope must be public or internal.');
  const includeNotices = values['include-notices'] === true;
  return withDatabase(config, async ({ db }) => {
    const organisation = await findPublishingOrganisation(db, values.org!);
    if (!organisation) {
      io.stderr(`hansyn: No organisation with slug "${values.org}".\n`);
      return 1;
    }
    const result = await exportReleasePackage(db, {
      organisation,
      scope: scope as ExportScope,
      ocidPrefix: config.ocidPrefix,
      baseUrl: config.publicUrl ?? `http://${config.host}:${config.port}`,
      includeNotices,
      now: new Date(),
    });
    if (result.releasePackage.releases.length === 0) {
      io.stderr(
        `hansyn: nothing to export: ${organisation.name} has no ${scope === 'public' ? 'published ' : ''}procurements${includeNotices ? ' and no stored notices' : ''} ` +
          '(an OCDS package needs at least one release).\n',
      );
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
      `${organisation.name}: ${result.procurements} procurement(s)${includeNotices ? `, ${result.notices} notice(s)` : ''} (${scope}), ` +
        `OCID prefix ${config.ocidPrefix}, valid OCDS 1.1${values.out ? `, written to ${values.out}` : ''}.\n` +
        (scope === 'public' && !organisation.openDataPublished ? 'Note: the organisation has not turned on open-data publication (PATCH /api/organisation).\n' : ''),
    );
    return 0;
  });
}

import { openDatabase } from '../../db/client.js';
import { readNoticeSources } from '../../interop/eforms/read-notice-sources.js';
import type { AppConfig } from '../../server/config.js';
import { importNotices, type ImportProgress, type ImportSummary } from '../../server/features/notices/notice-import-service.js';

/**
 * `hansyn import eforms PATH…`: stores eForms notices (files, folders, TED `.tar.gz` packages,
 * `.zip`) in the notice store and updates the registers of organisations whose organisation
 * number is a notice's buyer (BT-501). Streams; prints progress on stderr when stderr is a
 * terminal or the import is large; exits 1 when any notice failed, 2 on a usage error.
 */

export interface ImportCommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** Whether stderr is a terminal (progress is redrawn in place). */
  stderrIsTTY?: boolean;
}

export const IMPORT_EFORMS_USAGE = `Usage: hansyn import eforms PATH… [--batch N]

Imports EU eForms notices (TED) into the notice store. PATH may be a notice, a folder (read
recursively), a TED daily package (.tar.gz) or a .zip. The same notice twice is stored once; a
newer version (BT-757) replaces the older. Notices whose buyer organisation number matches an
organisation (or one of its units) create or update that organisation's procurement.

  --batch N   notices per transaction (default 200)
  --help      show this text
`;

/** Without a terminal, a progress line every this many notices. */
const PLAIN_PROGRESS_EVERY = 10_000;

function formatRate(read: number, seconds: number): string {
  return seconds > 0 ? `${Math.round(read / seconds)}/s` : '–';
}

export function formatSummary(summary: ImportSummary, seconds: number): string {
  const lines = [
    `Read ${summary.read}, stored ${summary.stored}, updated ${summary.updated}, skipped ${summary.skipped}, failed ${summary.failed.length} ` +
      `in ${seconds.toFixed(1)} s (${formatRate(summary.read, seconds)}).`,
  ];
  if (summary.procurements.created + summary.procurements.updated > 0) {
    lines.push(`Registers: ${summary.procurements.created} procurement(s) created, ${summary.procurements.updated} updated.`);
  }
  for (const note of summary.notes) lines.push(`  note ${note.file}: ${note.note}`);
  for (const failure of summary.failed) lines.push(`  failed ${failure.file}: ${failure.error}`);
  return `${lines.join('\n')}\n`;
}

export async function runImportEforms(argv: string[], io: ImportCommandIo, config: AppConfig): Promise<number> {
  const paths: string[] = [];
  let batchSize = 200;
  let optionsEnded = false;
  for (let i = 0; i < argv.length; i += 1) {
    const argument = argv[i]!;
    if (!optionsEnded && argument === '--') optionsEnded = true;
    else if (!optionsEnded && (argument === '--help' || argument === '-h')) {
      io.stdout(IMPORT_EFORMS_USAGE);
      return 0;
    } else if (!optionsEnded && argument === '--batch') {
      batchSize = Number(argv[++i]);
      if (!Number.isInteger(batchSize) || batchSize < 1 || batchSize > 5000) {
        io.stderr(`--batch must be an integer from 1 to 5000.\n`);
        return 2;
      }
    } else if (!optionsEnded && argument.startsWith('-') && argument !== '-') {
      io.stderr(`Unknown option ${argument}\n\n${IMPORT_EFORMS_USAGE}`);
      return 2;
    } else paths.push(argument);
  }
  if (paths.length === 0) {
    io.stderr(`No paths given.\n\n${IMPORT_EFORMS_USAGE}`);
    return 2;
  }

  const handle = await openDatabase(config.database);
  try {
    await handle.migrate();
    const started = Date.now();
    let lastPlain = 0;
    let drawn = false;
    const onProgress = (p: ImportProgress) => {
      const seconds = (Date.now() - started) / 1000;
      const line = `${p.read} read, ${p.stored} stored, ${p.updated} updated, ${p.skipped} skipped, ${p.failed} failed — ${formatRate(p.read, seconds)}`;
      if (io.stderrIsTTY) {
        io.stderr(`\r\x1b[2K${line}`);
        drawn = true;
      } else if (p.read - lastPlain >= PLAIN_PROGRESS_EVERY) {
        lastPlain = p.read;
        io.stderr(`${line}\n`);
      }
    };
    const summary = await importNotices(handle.db, readNoticeSources(paths), {
      by: { operator: 'hansyn import eforms' },
      source: paths.join(' '),
      now: () => new Date(),
      batchSize,
      onProgress,
      parseWorkers: config.importParseWorkers,
    });
    if (drawn) io.stderr('\n');
    io.stdout(formatSummary(summary, (Date.now() - started) / 1000));
    return summary.failed.length > 0 ? 1 : 0;
  } finally {
    await handle.close();
  }
}

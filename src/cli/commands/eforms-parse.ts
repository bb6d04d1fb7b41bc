import { summariseSocialConsiderations, type SocialSummary } from '../../domain/eforms/summarise-social-considerations.js';
import type { Notice } from '../../interop/eforms/notice-schema.js';
import { parseNotice } from '../../interop/eforms/parse-notice.js';
import { readNoticeSources } from '../../interop/eforms/read-notice-sources.js';

/**
 * `hansyn eforms parse FILE… [--json]`: parses eForms notices (files, folders, TED `.tar.gz` packages,
 * `.zip` archives) and reports each one with its social-considerations summary. A bad file does not
 * stop the batch; the exit code is 1 if any file failed, 2 on a usage error.
 */

export interface CommandIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
}

export const EFORMS_PARSE_USAGE = `Usage: hansyn eforms parse FILE… [--json]

Parses EU eForms notices (ContractNotice, ContractAwardNotice, PriorInformationNotice; SDK 1.3+).
FILE may be a notice, a folder (read recursively), a TED daily package (.tar.gz) or a .zip.

  --json   one JSON object per line: {"file","notice","social"} or {"file","error"}
  --help   show this text
`;

export async function runEformsParse(argv: string[], io: CommandIo): Promise<number> {
  let json = false;
  const files: string[] = [];
  let optionsEnded = false;
  for (const argument of argv) {
    if (!optionsEnded && argument === '--') optionsEnded = true;
    else if (!optionsEnded && argument === '--json') json = true;
    else if (!optionsEnded && (argument === '--help' || argument === '-h')) {
      io.stdout(EFORMS_PARSE_USAGE);
      return 0;
    } else if (!optionsEnded && argument.startsWith('-') && argument !== '-') {
      io.stderr(`Unknown option ${argument}\n\n${EFORMS_PARSE_USAGE}`);
      return 2;
    } else files.push(argument);
  }
  if (files.length === 0) {
    io.stderr(`No files given.\n\n${EFORMS_PARSE_USAGE}`);
    return 2;
  }

  let parsed = 0;
  let failed = 0;
  for await (const source of readNoticeSources(files)) {
    const result = 'error' in source ? { ok: false as const, error: source.error } : parseNotice(source.bytes);
    if (!result.ok) {
      failed += 1;
      if (json) io.stdout(`${JSON.stringify({ file: source.name, error: result.error })}\n`);
      else io.stderr(`${source.name}: error ${result.error.code}: ${result.error.message}\n`);
      continue;
    }
    parsed += 1;
    const social = summariseSocialConsiderations(result.notice);
    if (json) io.stdout(`${JSON.stringify({ file: source.name, notice: result.notice, social })}\n`);
    else io.stdout(formatNotice(source.name, result.notice, social));
  }
  if (!json) io.stderr(`${parsed} parsed, ${failed} failed\n`);
  return failed > 0 ? 1 : 0;
}

/**
 * The estimated value as the notice states it (BT-27: a decimal amount in the notice's own
 * currency, often EUR). Not the domain's `formatOreAsSek`: that formats integer öre in SEK for
 * people, while this dump shows the parsed value unconverted, for checking the parser.
 */
function describeNoticeValue(value: Notice['estimatedValue']): string {
  return value === null ? '' : `, estimated ${value.amount} ${value.currency}`;
}

function formatNotice(file: string, notice: Notice, social: SocialSummary): string {
  const lines = [
    `${file}`,
    `  ${notice.noticeType} (form ${notice.formType ?? '?'}, subtype ${notice.noticeSubtype ?? '?'}) notice ${notice.noticeId}` +
      `${notice.noticePublicationId === null ? '' : ` [${notice.noticePublicationId}]`}, ${notice.sdkVersion}` +
      `${notice.issueDate === null ? '' : `, issued ${notice.issueDate}`}${notice.language === null ? '' : `, ${notice.language}`}`,
  ];
  for (const buyer of notice.buyers) {
    lines.push(`  buyer: ${buyer.name ?? buyer.organisationId} (${[buyer.companyId, buyer.country].filter((part) => part !== null).join(', ')})`);
  }
  lines.push(
    `  procedure ${notice.procedureId ?? '-'}: ${notice.title === null ? '' : `"${notice.title}", `}CPV ${notice.mainCpv ?? '-'}` +
      `${notice.mainNature === null ? '' : `, ${notice.mainNature}`}${describeNoticeValue(notice.estimatedValue)}, ${notice.lots.length} lot(s)`,
  );
  if (notice.results !== null) {
    const winners = notice.results.winners.map((winner) => winner.name ?? winner.organisationId);
    lines.push(
      `  results: ${notice.results.tenders.length} tender(s), ${notice.results.contracts.length} contract(s)` +
        `${winners.length === 0 ? '' : `, winners: ${winners.join('; ')}`}`,
    );
  }
  const signals = social.signals.map((signal) => {
    const what = signal.kind === 'structured' ? `${signal.field} ${signal.code ?? ''}` : `${signal.field} "${signal.match ?? ''}" (${signal.language ?? '?'})`;
    return signal.lotId === null || signal.lotId === undefined ? what : `${what} [${signal.lotId}]`;
  });
  lines.push(
    `  social: ${social.declaresSocial ? 'yes' : 'no'}, employment: ${social.concernsEmployment ? 'yes' : 'no'}` +
      `${signals.length === 0 ? '' : ` — ${signals.join(', ')}`}`,
  );
  return `${lines.join('\n')}\n`;
}

import { deriveNoticeFacts } from '../../../domain/eforms/derive-notice-facts.js';
import { summariseSocialConsiderations } from '../../../domain/eforms/summarise-social-considerations.js';
import { parseNotice } from '../../../interop/eforms/parse-notice.js';
import type { NoticeSource } from '../../../interop/eforms/read-notice-sources.js';
import type { PreparedNotice } from './notice-repository.js';

/**
 * The CPU-bound half of an import: parse one source, summarise its social considerations and
 * derive its market facts. Pure (no database), so it runs the same in the importing thread and in
 * a parse worker (notice-parse-pool.ts); both import this one function.
 */

export interface ImportFailure {
  file: string;
  error: string;
}

/** Parses one source into a prepared notice, or a failure. */
export function prepareNotice(source: NoticeSource): PreparedNotice | ImportFailure {
  if ('error' in source) return { file: source.name, error: `${source.error.code}: ${source.error.message}` };
  const result = parseNotice(source.bytes);
  if (!result.ok) return { file: source.name, error: `${result.error.code}: ${result.error.message}` };
  const social = summariseSocialConsiderations(result.notice);
  return { file: source.name, notice: result.notice, social, facts: deriveNoticeFacts(result.notice, social) };
}

import type { Database } from '../../../db/client.js';
import { draftProcurementFromNotice, mergeNoticeIntoProcurement, referenceNumberOf, statusAfterImport } from '../../../domain/eforms/draft-procurement-from-notice.js';
import { isFinalStatus } from '../../../domain/procurement/procurement-status.js';
import { validateProcurementDraft } from '../../../domain/procurement/validate-procurement.js';
import type { NoticeSource } from '../../../interop/eforms/read-notice-sources.js';
import { loadCpvCatalogue } from '../../../interop/reference/cpv-catalogue.js';
import { AppError } from '../../errors.js';
import { recordAudit } from '../audit/audit-service.js';
// The register's own surface: an imported procurement is stored, versioned and screened exactly
// like a typed one, by the feature that owns the table, in this notice's transaction.
import {
  createImportedProcurement,
  findImportTarget,
  findImportTargetByReference,
  findProcurementRecord,
  setImportedStatus,
  updateImportedProcurement,
  type ImportTarget,
} from '../procurements/procurement-import-service.js';
import {
  claimImportSlot,
  findLinkedProcurementId,
  finishImport,
  analyzeNoticeTables,
  countMarketFigures,
  recordImportProgress,
  type ImportCounts,
  type NoticeOrigin,
  loadOrganisationIndex,
  refreshMarketAggregates,
  sliceOf,
  upsertNoticeLink,
  storeNotices,
  type MarketChanges,
  type MarketSlice,
  type OrganisationMatch,
  type PreparedNotice,
} from './notice-repository.js';
import { NoticeParsePool, prepareAhead } from './notice-parse-pool.js';
import type { ImportFailure } from './prepare-notice.js';

export { prepareNotice, type ImportFailure } from './prepare-notice.js';

/**
 * Imports eForms notices into the notice store and, for notices of our own organisations, into
 * their procurement registers.
 *
 * Idempotent: the same notice id and version twice is one record ("skipped"); a higher version
 * (BT-757) replaces the stored one ("updated"); a lower one is skipped. Each notice is atomic: its
 * notice row, document, procurement and audit event are written together or not at all. For
 * throughput notices are written in batches of `batchSize` in one transaction; when a batch fails,
 * it is rolled back and its notices are retried one per transaction, so one bad notice costs only
 * itself.
 */

export interface ImportNote {
  file: string;
  note: string;
}

export interface ImportSummary {
  importId: string;
  read: number;
  stored: number;
  updated: number;
  skipped: number;
  failed: ImportFailure[];
  /** Procurements created or updated in registers from matched notices. */
  procurements: { created: number; updated: number };
  /** What matched notices could not carry over (unknown CPV, foreign currency …). */
  notes: ImportNote[];
}

export type ImportProgress = Omit<ImportSummary, 'importId' | 'failed' | 'notes'> & { failed: number };

export interface ImportOptions {
  /** Who runs it: a user of an organisation (API upload) or the operator (CLI). */
  by: { organisationId: string; userId: string | null; label: string } | { operator: string };
  /** Short description of what was read, for the list of imports. */
  source: string;
  /** The caller's clock (`deps.now`, the CLI's, the seed's): the import reads no other (decision 0503). */
  now: () => Date;
  /** Notices per transaction (default 200). */
  batchSize?: number;
  /**
   * Bytes of notice XML per transaction (default 8 MiB): a batch is stored when either limit is
   * reached, so memory stays bounded by the bytes read, not by the number of notices (issue 8).
   */
  batchBytes?: number;
  /** Upload limits (defaults: 2 running uploads in all, a 60 s heartbeat lease); see claimImportSlot. */
  limits?: { maxRunningUploads: number; leaseSeconds: number };
  onProgress?: (progress: ImportProgress) => void;
  /** Refresh the planner's statistics when at least this many notices were stored or updated (default 1,000). */
  analyzeAfter?: number;
  /**
   * Worker threads that parse notices while this thread writes them (decision 0903); 0 (the
   * default here) parses in this thread. The server and the CLI pass `importParseWorkers` from
   * the configuration (default 0). What is stored and reported is the same either way.
   */
  parseWorkers?: number;
}

const AUDIT_SYSTEM = 'eforms import';
export const DEFAULT_IMPORT_LIMITS = { maxRunningUploads: 2, leaseSeconds: 60 } as const;
const DEFAULT_BATCH_BYTES = 8 * 1024 * 1024;
/** Longest time between heartbeats while notices only fail (a sixth of the lease). */
const HEARTBEAT_MS = 10_000;
const MAX_STORED_FAILURES = 1000;
const MAX_REPORTED_NOTES = 1000;

function messageOf(error: unknown): string {
  if (error instanceof Error) {
    // node-postgres and PGlite errors carry the useful part in `message`; drizzle wraps it in `cause`.
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : error.message.split('\n')[0]!;
  }
  return String(error);
}

interface BatchOutcome {
  written: Map<string, 'stored' | 'updated'>;
  /** Market slices and buyer keys whose figures changed (old and new ones of replaced notices). */
  changes: MarketChanges;
  created: number;
  updated: number;
  notes: ImportNote[];
}

/**
 * Creates or updates the procurement a matched notice describes, links it, and records the audit
 * event. Expected gaps become notes; only database errors throw (and fail the notice).
 */
async function applyToRegister(db: Database, item: PreparedNotice, match: OrganisationMatch, now: Date, outcome: BatchOutcome): Promise<void> {
  const { notice } = item;
  const catalogue = loadCpvCatalogue();
  const result = draftProcurementFromNotice(notice, { unitId: match.unitId, isKnownCpv: (code) => catalogue.has(code) });
  if (!result.ok) {
    outcome.notes.push({ file: item.file, note: `Not added to the register: ${result.reason}` });
    return;
  }
  const problems = validateProcurementDraft(result.draft, { isKnownCpv: (code) => catalogue.has(code) });
  if (problems.length > 0) {
    outcome.notes.push({ file: item.file, note: `Not added to the register: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}` });
    return;
  }
  const notes = [...result.notes];
  const existing = await findProcurementForNotice(db, match.organisationId, notice.noticeId, referenceNumberOf(notice));
  const who = { system: AUDIT_SYSTEM, organisationId: match.organisationId };
  let procurementId: string;
  let created = false;
  let statusWritten = false;
  const status = statusAfterImport(existing?.status ?? null, result.status);
  if (existing === null) {
    procurementId = await createImportedProcurement(db, match.organisationId, result.draft, status, now);
    created = true;
    outcome.created += 1;
  } else {
    procurementId = existing.id;
    if (isFinalStatus(existing.status)) {
      notes.push(`The procurement is ${existing.status}; its fields were not changed.`);
    } else {
      const current = await findProcurementRecord(db, match.organisationId, existing.id);
      const draft = mergeNoticeIntoProcurement(current!, result.draft);
      const mergedProblems = validateProcurementDraft(draft, { isKnownCpv: (code) => catalogue.has(code) });
      if (mergedProblems.length > 0) {
        notes.push(`The procurement's fields were not changed: ${mergedProblems.map((p) => `${p.path} ${p.message}`).join('; ')}`);
      } else {
        if (await updateImportedProcurement(db, who, existing.id, existing.version, draft, status, now)) {
          outcome.updated += 1;
          statusWritten = true;
        } else {
          notes.push('The procurement was changed by someone else meanwhile; its fields were not changed.');
        }
      }
    }
  }
  // Otherwise (an awarded or cancelled procurement, or a merge that would not validate) the status
  // is the only change: its own write, with a new version (setImportedStatus).
  if (existing !== null && !statusWritten && status !== existing.status) await setImportedStatus(db, match.organisationId, procurementId, status, now);
  await upsertNoticeLink(db, { organisationId: match.organisationId, procurementId, noticeId: notice.noticeId, noticeVersion: notice.noticeVersion, notes }, now);
  await recordAudit(db, who, {
    action: 'procurement.imported_from_notice',
    entityType: 'procurement',
    entityId: procurementId,
    ...(existing === null ? {} : { before: { status: existing.status } }),
    after: {
      created,
      noticeId: notice.noticeId,
      noticeVersion: notice.noticeVersion,
      publicationId: notice.noticePublicationId,
      status,
      declaresSocial: item.social.declaresSocial,
      concernsEmployment: item.social.concernsEmployment,
      notes,
    },
  });
  for (const note of notes) outcome.notes.push({ file: item.file, note });
}

/** The procurement a notice already leads to: through an earlier link, else by reference number. */
async function findProcurementForNotice(db: Database, organisationId: string, noticeId: string, referenceNumber: string): Promise<ImportTarget | null> {
  const linkedId = await findLinkedProcurementId(db, organisationId, noticeId);
  const linked = linkedId === null ? null : await findImportTarget(db, organisationId, linkedId);
  return linked ?? (await findImportTargetByReference(db, organisationId, referenceNumber));
}

function matchesOf(item: PreparedNotice, index: ReadonlyMap<string, OrganisationMatch[]>): OrganisationMatch[] {
  const found = new Map<string, OrganisationMatch>();
  for (const id of item.facts.buyerOrgIds) {
    for (const match of index.get(id) ?? []) if (!found.has(match.organisationId)) found.set(match.organisationId, match);
  }
  return [...found.values()];
}

async function storeBatch(
  db: Database,
  items: readonly PreparedNotice[],
  index: ReadonlyMap<string, OrganisationMatch[]>,
  importId: string,
  now: Date,
  origin: NoticeOrigin,
): Promise<BatchOutcome> {
  // One statement: the notices, their documents, and what the replaced rows were (decision 0902).
  const { written, replaced } = await storeNotices(db, items, importId, now, origin);
  const writtenItems = items.filter((item) => written.has(item.notice.noticeId));
  const changes: MarketChanges = {
    slices: [...replaced.slices, ...writtenItems.map((item) => sliceOf(item.facts.year, item.facts.buyerCountry))],
    buyerKeys: [...replaced.buyerKeys, ...writtenItems.map((item) => item.facts.buyerKey)],
  };
  const outcome: BatchOutcome = { written, changes, created: 0, updated: 0, notes: [] };
  if (index.size === 0) return outcome;
  for (const item of items) {
    if (!outcome.written.has(item.notice.noticeId)) continue;
    for (const match of matchesOf(item, index)) await applyToRegister(db, item, match, now, outcome);
  }
  return outcome;
}

/** Keeps, per notice id, the highest version in the batch; the rest are skipped. */
function dedupe(batch: readonly PreparedNotice[]): { kept: PreparedNotice[]; skipped: number } {
  const best = new Map<string, PreparedNotice>();
  for (const item of batch) {
    const current = best.get(item.notice.noticeId);
    if (current === undefined || item.facts.versionNumber > current.facts.versionNumber) best.set(item.notice.noticeId, item);
  }
  return { kept: [...best.values()], skipped: batch.length - best.size };
}

/**
 * Reads every source, stores what parses, and returns (and records) the summary.
 *
 * Memory is bounded whatever the input: sources are pulled one at a time (the archive reader does
 * not read the next entry before the importer asks for it, and the importer does not ask for more
 * once a full batch waits for the one being stored), the parser keeps a bounded amount of text per
 * element and per notice, and a batch is stored once it holds `batchSize` notices or `batchBytes`
 * of XML; at most two batches exist at once (one being written, one being filled).
 *
 * An upload (`by` an organisation) first claims an import slot; when the organisation already has
 * one running, or the server-wide limit is reached, it throws `rate_limited` with
 * `retryAfterSeconds`. The import row is `running` while it works and renews its heartbeat after
 * every batch, so one cut short by a crash is found and marked failed (decision 0312).
 */
export async function importNotices(db: Database, sources: AsyncIterable<NoticeSource>, options: ImportOptions): Promise<ImportSummary> {
  const { now } = options;
  const batchSize = options.batchSize ?? 200;
  const batchBytes = options.batchBytes ?? DEFAULT_BATCH_BYTES;
  const byUser = 'organisationId' in options.by ? options.by : null;
  const origin: NoticeOrigin = byUser === null ? { provenance: 'ted' } : { provenance: 'upload', organisationId: byUser.organisationId };
  const slot = await claimImportSlot(
    db,
    {
      organisationId: byUser?.organisationId ?? null,
      actorUserId: byUser?.userId ?? null,
      actorLabel: byUser?.label ?? ('operator' in options.by ? options.by.operator : ''),
      source: options.source.slice(0, 500),
      startedAt: now(),
    },
    options.limits ?? DEFAULT_IMPORT_LIMITS,
  );
  if (!slot.ok) {
    throw new AppError(
      'rate_limited',
      slot.reason === 'organisation'
        ? 'An import of your organisation is still running. Try again when it has finished.'
        : 'The server is busy with other imports. Try again in a moment.',
      { retryAfterSeconds: slot.retryAfterSeconds },
    );
  }
  const importId = slot.id;
  const summary: ImportSummary = { importId, read: 0, stored: 0, updated: 0, skipped: 0, failed: [], procurements: { created: 0, updated: 0 }, notes: [] };
  const counts = (): ImportCounts => ({
    readCount: summary.read,
    storedCount: summary.stored,
    updatedCount: summary.updated,
    skippedCount: summary.skipped,
    failedCount: summary.failed.length,
    matchedCount: summary.procurements.created + summary.procurements.updated,
    failures: summary.failed.slice(0, MAX_STORED_FAILURES),
  });
  try {
    await runImport(db, sources, options, { importId, origin, batchSize, batchBytes, now, summary, counts });
  } catch (error) {
    await finishImport(db, importId, { ...counts(), finishedAt: now(), error: messageOf(error).slice(0, 1000) });
    throw error;
  }
  await finishImport(db, importId, { ...counts(), finishedAt: now() });
  return summary;
}

interface RunState {
  importId: string;
  origin: NoticeOrigin;
  batchSize: number;
  batchBytes: number;
  now: () => Date;
  summary: ImportSummary;
  counts: () => ImportCounts;
}

async function runImport(db: Database, sources: AsyncIterable<NoticeSource>, options: ImportOptions, state: RunState): Promise<void> {
  const { importId, origin, summary, now } = state;
  // Uploads only ever reach the uploader's own register; operator imports reach every organisation.
  const index = await loadOrganisationIndex(db, origin.provenance === 'upload' ? origin.organisationId : null);

  /** `read`: the notices read up to the end of the batch just stored (reading may be ahead meanwhile). */
  const progress = (read: number) =>
    options.onProgress?.({
      read,
      stored: summary.stored,
      updated: summary.updated,
      skipped: summary.skipped,
      failed: summary.failed.length,
      procurements: { ...summary.procurements },
    });

  const touched = new Map<string, MarketSlice>();
  const touchedBuyers = new Set<string>();
  const account = (items: readonly PreparedNotice[], outcome: BatchOutcome) => {
    for (const slice of outcome.changes.slices) touched.set(`${slice.year}|${slice.country}`, slice);
    for (const key of outcome.changes.buyerKeys) touchedBuyers.add(key);
    for (const item of items) {
      const written = outcome.written.get(item.notice.noticeId);
      if (written === 'stored') summary.stored += 1;
      else if (written === 'updated') summary.updated += 1;
      else summary.skipped += 1;
    }
    summary.procurements.created += outcome.created;
    summary.procurements.updated += outcome.updated;
    for (const note of outcome.notes) if (summary.notes.length < MAX_REPORTED_NOTES) summary.notes.push(note);
  };

  // What was stored so far, and a sign of life: a crash leaves these counts behind (decision 0312).
  let lastBeat = now().getTime();
  const beat = async () => {
    lastBeat = now().getTime();
    await recordImportProgress(db, importId, state.counts(), now());
  };

  const flush = async (batch: PreparedNotice[], readAtCut: number) => {
    if (batch.length === 0) return;
    const { kept, skipped } = dedupe(batch);
    summary.skipped += skipped;
    const at = now();
    try {
      account(kept, await db.transaction((tx) => storeBatch(tx, kept, index, importId, at, origin)));
    } catch {
      // One notice spoilt the batch: redo it one notice per transaction to find and report it.
      for (const item of kept) {
        try {
          account([item], await db.transaction((tx) => storeBatch(tx, [item], index, importId, at, origin)));
        } catch (error) {
          summary.failed.push({ file: item.file, error: messageOf(error) });
        }
      }
    }
    await beat();
    progress(readAtCut);
  };

  // One batch is written while the next is read and parsed (decision 0902): on PostgreSQL the
  // server writes on another core meanwhile. Writes stay in order, one at a time, and memory holds
  // at most the batch being written and the one being filled.
  let writing: Promise<void> | null = null;
  const startFlush = async (full: PreparedNotice[]) => {
    if (writing !== null) await writing;
    writing = flush(full, summary.read);
    // Handled here so a failure cannot go unobserved while parsing goes on; awaited (and thrown) before the next write.
    writing.catch(() => undefined);
  };

  try {
    await readAndStore();
  } catch (error) {
    // Reading failed (a broken archive, say): let the write under way end before the import is marked failed.
    const inFlight = writing as Promise<void> | null; // assigned in startFlush
    if (inFlight !== null) await inFlight.catch(() => undefined);
    throw error;
  }
  // The market view's pre-aggregated figures follow the notices (decision 0104).
  await refreshMarketAggregates(db, { slices: [...touched.values()], buyerKeys: [...touchedBuyers] });
  if (summary.stored + summary.updated >= (options.analyzeAfter ?? 1_000)) await analyzeNoticeTables(db);

  async function readAndStore(): Promise<void> {
    let batch: PreparedNotice[] = [];
    let bytesInBatch = 0;
    const workers = options.parseWorkers ?? 0;
    const pool = workers > 0 ? new NoticeParsePool(workers) : null;
    try {
      for await (const { prepared, size } of prepareAhead(sources, pool)) {
        summary.read += 1;
        if ('error' in prepared) {
          summary.failed.push(prepared);
          // A run of failing notices stores nothing, but must not look abandoned.
          if (now().getTime() - lastBeat > HEARTBEAT_MS) await beat();
          continue;
        }
        batch.push(prepared);
        bytesInBatch += size;
        if (batch.length >= state.batchSize || bytesInBatch >= state.batchBytes) {
          await startFlush(batch);
          batch = [];
          bytesInBatch = 0;
        }
      }
    } finally {
      await pool?.close();
    }
    await startFlush(batch);
    await writing;
  }
}

/**
 * Rebuilds every market aggregate from the stored notices, for when an import was interrupted or
 * notices were changed by hand (`hansyn market refresh`), and refreshes the planner's statistics.
 * Answers what is stored now.
 */
export async function rebuildMarketFigures(db: Database): Promise<{ notices: number; cells: number; buyers: number }> {
  await db.transaction((tx) => refreshMarketAggregates(tx, 'all'));
  await analyzeNoticeTables(db);
  return countMarketFigures(db);
}

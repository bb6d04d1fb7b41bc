import fs from 'node:fs';
import path from 'node:path';
import { readNoticeSources } from '../../interop/eforms/read-notice-sources.js';
import { PACKAGE_ROOT } from '../../paths.js';
import { importNotices } from '../../server/features/notices/notice-import-service.js';
import type { Database } from '../client.js';

/**
 * The eForms notices the demo starts with, so the market view and the notice pages show real
 * notices from the first start (issue 11 item 9): the published TED notices and the eForms SDK's
 * valid examples kept as test fixtures (tests/fixtures/eforms/README.md has their sources and
 * licences). The SDK's deliberately invalid examples are left out.
 */
export const DEMO_NOTICE_DIRS = ['real-notices', 'sdk-examples'].map((d) => path.join(PACKAGE_ROOT, 'tests', 'fixtures', 'eforms', d));

export function demoNoticeFiles(): string[] {
  return DEMO_NOTICE_DIRS.filter((dir) => fs.existsSync(dir)).flatMap((dir) =>
    fs
      .readdirSync(dir)
      .filter((name) => name.endsWith('.xml') && !name.startsWith('INVALID_'))
      .sort()
      .map((name) => path.join(dir, name)),
  );
}

/** Imports the demo notices through the notices import service, as `hansyn import eforms` does. */
export async function seedDemoNotices(db: Database, now: Date): Promise<{ stored: number; failed: number }> {
  const files = demoNoticeFiles();
  if (files.length === 0) return { stored: 0, failed: 0 };
  const summary = await importNotices(db, readNoticeSources(files), {
    by: { operator: 'hansyn seed (demo notices)' },
    source: 'Demo: eForms SDK examples and published TED notices (tests/fixtures/eforms)',
    now: () => now,
  });
  return { stored: summary.stored + summary.updated, failed: summary.failed.length };
}

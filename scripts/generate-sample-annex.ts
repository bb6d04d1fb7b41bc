/**
 * Writes a sample requirements annex (Swedish and English DOCX plus plain text) into the folder
 * given as the first argument. Used by scripts/check-docx-libreoffice.sh.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { renderRequirementsPlainText } from '../src/domain/requirements/requirements-annex.js';
import { renderRequirementsAnnex } from '../src/interop/docx/render-requirements-annex.js';
import { sampleAnnexInput } from '../tests/support/annex-input.js';

const outDir = process.argv[2];
if (outDir === undefined) {
  console.error('usage: tsx scripts/generate-sample-annex.ts <output folder>');
  process.exit(2);
}
await mkdir(outDir, { recursive: true });
for (const lang of ['sv', 'en'] as const) {
  const input = sampleAnnexInput(lang);
  await writeFile(join(outDir, `annex-${lang}.docx`), await renderRequirementsAnnex(input));
  await writeFile(join(outDir, `annex-${lang}.txt`), renderRequirementsPlainText(input));
}
console.log(`wrote annex-sv.docx, annex-en.docx and plain-text versions to ${outDir}`);

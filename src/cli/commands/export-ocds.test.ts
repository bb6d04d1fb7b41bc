import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OcdsReleasePackage } from '../../domain/ocds/ocds-release.js';
import { validateReleasePackage } from '../../interop/ocds/validate-release-package.js';
import { runCli, type CliIo } from '../run-cli.js';

/** `hansyn export ocds` on the demo data in a temporary embedded database. */
let dataDir: string;

async function run(args: string[]) {
  let out = '';
  let err = '';
  const io: CliIo = {
    env: { HANSYN_DATA_DIR: dataDir, LOG_LEVEL: 'silent', HANSYN_OCID_PREFIX: 'ocds-cl1t35' },
    stdout: (s) => (out += s),
    stderr: (s) => (err += s),
  };
  const code = await runCli(args, io);
  return { code, out, err };
}

beforeAll(async () => {
  dataDir = fs.mkdtempSync(path.join(os.tmpdir(), 'hansyn-ocds-cli-'));
  expect((await run(['seed'])).code).toBe(0);
});
afterAll(() => fs.rmSync(dataDir, { recursive: true, force: true }));

describe('hansyn export ocds', () => {
  it('writes a valid release package of the published procurements to a file, with a summary on stderr', async () => {
    const file = path.join(dataDir, 'goteborg.json');
    const { code, out, err } = await run(['export', 'ocds', '--org', 'goteborg', '--out', file]);
    expect(code, err).toBe(0);
    expect(out).toBe('');
    expect(err).toMatch(/^Göteborgs Stad: \d+ procurement\(s\) \(public\), OCID prefix ocds-cl1t35, valid OCDS 1\.1, written to /);
    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as OcdsReleasePackage;
    expect(validateReleasePackage(written)).toEqual({ valid: true, errors: [] });
    expect(written.releases.length).toBeGreaterThan(0);
    expect(written.releases.every((r) => r.ocid.startsWith('ocds-cl1t35-goteborg-'))).toBe(true);
    expect(written.releases.every((r) => r.tag[0] !== 'planning')).toBe(true);
  });

  it('writes the whole register to stdout with --scope internal', async () => {
    const { code, out, err } = await run(['export', 'ocds', '--org', 'goteborg', '--scope', 'internal', '--include-notices']);
    expect(code, err).toBe(0);
    expect(err).toContain('stores no eForms notices yet');
    const written = JSON.parse(out) as OcdsReleasePackage;
    expect(validateReleasePackage(written).errors).toEqual([]);
    expect(written.releases.some((r) => r.tag[0] === 'planning')).toBe(true);
  });

  it.each([
    [['export', 'ocds'], 2, '--org is required'],
    [['export', 'ocds', '--org', 'goteborg', '--scope', 'everything'], 2, '--scope must be public or internal'],
    [['export', 'ocds', '--org', 'nowhere'], 1, 'No organisation with slug "nowhere"'],
  ])('%j exits %i', async (args, expected, message) => {
    const { code, err } = await run(args);
    expect(code).toBe(expected);
    expect(err).toContain(message);
  });
});

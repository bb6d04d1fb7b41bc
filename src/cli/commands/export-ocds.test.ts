import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { noticeVariant } from '../../../tests/support/notice-variants.js';
import type { OcdsReleasePackage } from '../../domain/ocds/ocds-release.js';
import { validateReleasePackage } from '../../interop/ocds/validate-release-package.js';
import { runCli, type CliIo } from '../run-cli.js';

/**
 * `hansyn export ocds` on the demo data in a temporary embedded database, with three imported
 * notices: one of Göteborg (212000-1355), one of Borås (212000-1561), one of a Danish buyer.
 */
let dataDir: string;
const id = (n: number) => `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`;
const noticeIdsOf = (body: OcdsReleasePackage) => body.releases.map((r) => r.id).filter((releaseId) => releaseId.startsWith('00000000-'));

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
  const noticeDir = path.join(dataDir, 'notices');
  fs.mkdirSync(noticeDir);
  fs.writeFileSync(path.join(noticeDir, 'goteborg.xml'), noticeVariant({ noticeId: id(11), procedureId: id(111), buyerNumber: '212000-1355', buyerName: 'Göteborgs Stad' }));
  fs.writeFileSync(path.join(noticeDir, 'boras.xml'), noticeVariant({ noticeId: id(12), procedureId: id(112), buyerNumber: '212000-1561', buyerName: 'Borås Stad' }));
  fs.writeFileSync(path.join(noticeDir, 'dansk.xml'), noticeVariant({ noticeId: id(13), procedureId: id(113), buyerNumber: 'DK12345678', country: 'DNK' }));
  const imported = await run(['import', 'eforms', noticeDir]);
  expect(imported.code, imported.err).toBe(0);
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

  it('writes the whole register to stdout with --scope internal, with its own notices only', async () => {
    const { code, out, err } = await run(['export', 'ocds', '--org', 'goteborg', '--scope', 'internal', '--include-notices']);
    expect(code, err).toBe(0);
    expect(err).toMatch(/^Göteborgs Stad: \d+ procurement\(s\), 1 notice\(s\) \(internal\)/);
    const written = JSON.parse(out) as OcdsReleasePackage;
    expect(validateReleasePackage(written).errors).toEqual([]);
    expect(written.releases.some((r) => r.tag[0] === 'planning')).toBe(true);
    expect(noticeIdsOf(written)).toEqual([`${id(11)}-01`]);
    const public_ = await run(['export', 'ocds', '--org', 'goteborg']);
    expect(noticeIdsOf(JSON.parse(public_.out) as OcdsReleasePackage)).toEqual([]);
  });

  it('writes every stored notice with --market, validated, through a .partial file', async () => {
    const file = path.join(dataDir, 'market.json');
    const { code, out, err } = await run(['export', 'ocds', '--market', '--out', file]);
    expect(code, err).toBe(0);
    expect(out).toBe('');
    expect(err).toBe(`Market: 3 notice(s), OCID prefix ocds-cl1t35, valid OCDS 1.1, written to ${file}.\n`);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
    const written = JSON.parse(fs.readFileSync(file, 'utf8')) as OcdsReleasePackage;
    expect(validateReleasePackage(written)).toEqual({ valid: true, errors: [] });
    expect(noticeIdsOf(written)).toEqual([`${id(11)}-01`, `${id(12)}-01`, `${id(13)}-01`]);
    expect(JSON.stringify(written)).toContain('social.disadvantagedEmploymentOpportunities');
  });

  it('filters the market as the market view does, to stdout', async () => {
    const { code, out, err } = await run(['export', 'ocds', '--market', '--country', 'DNK', '--year', '2025']);
    expect(code, err).toBe(0);
    const written = JSON.parse(out) as OcdsReleasePackage;
    expect(validateReleasePackage(written).errors).toEqual([]);
    expect(noticeIdsOf(written)).toEqual([`${id(13)}-01`]);
    expect(written.uri).toMatch(/\/api\/market\/ocds\/release-package\?year=2025&country=DNK$/);
  });

  it('writes nothing when no notice matches the market filter', async () => {
    const file = path.join(dataDir, 'none.json');
    const { code, out, err } = await run(['export', 'ocds', '--market', '--country', 'FIN', '--out', file]);
    expect(code).toBe(1);
    expect(out).toBe('');
    expect(err).toContain('nothing to export');
    expect(fs.existsSync(file) || fs.existsSync(`${file}.partial`)).toBe(false);
  });

  it.each([
    [['export', 'ocds'], 2, '--org is required'],
    [['export', 'ocds', '--org', 'goteborg', '--scope', 'everything'], 2, '--scope must be public or internal'],
    [['export', 'ocds', '--org', 'nowhere'], 1, 'No organisation with slug "nowhere"'],
    [['export', 'ocds', '--market', '--org', 'goteborg'], 2, '--market exports every buyer'],
    [['export', 'ocds', '--market', '--year', 'abc'], 2, '--year: Expected integer'],
    [['export', 'ocds', '--market', '--country', 'Sverige'], 2, '--country:'],
    [['export', 'ocds', '--market', '--social', 'some'], 2, '--social must be one of any, employment, none'],
    [['export', 'ocds', '--market', '--contract-nature', 'goods'], 2, '--contract-nature must be one of services, supplies, works'],
    [['export', 'ocds', '--org', 'goteborg', '--year', '2025'], 2, '--year filters the market: use it with --market'],
  ])('%j exits %i', async (args, expected, message) => {
    const { code, err } = await run(args);
    expect(code).toBe(expected);
    expect(err).toContain(message);
  });
});

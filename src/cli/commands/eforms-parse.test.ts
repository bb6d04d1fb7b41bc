import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { Value } from '@sinclair/typebox/value';
import { afterAll, describe, expect, it } from 'vitest';
import { NoticeSchema } from '../../interop/eforms/notice-schema.js';
import { runEformsParse } from './eforms-parse.js';

const SDK = fileURLToPath(new URL('../../../tests/fixtures/eforms/sdk-examples/', import.meta.url));
const SOCIAL = join(SDK, 'cn-social_25.xml');
const AWARD = join(SDK, 'can_24_maximal.xml');
const INVALID = join(SDK, 'INVALID_cn_24_empty.xml');

const scratch = mkdtempSync(join(tmpdir(), 'hansyn-cli-'));
const NOT_XML = join(scratch, 'not-xml.xml');
writeFileSync(NOT_XML, 'this is not xml');
afterAll(() => rmSync(scratch, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  let stdout = '';
  let stderr = '';
  const code = await runEformsParse(argv, { stdout: (text) => (stdout += text), stderr: (text) => (stderr += text) });
  return { code, stdout, stderr };
}

describe('hansyn eforms parse', () => {
  it('--json prints one object per file with the notice and its social summary', async () => {
    const { code, stdout, stderr } = await run([SOCIAL, AWARD, '--json']);
    expect(code).toBe(0);
    expect(stderr).toBe('');
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as Record<string, unknown>);
    expect(lines).toHaveLength(2);
    expect(lines.map((line) => line.file)).toEqual([SOCIAL, AWARD]);
    for (const line of lines) expect(Value.Check(NoticeSchema, line.notice)).toBe(true);
    expect(lines[0]?.social).toMatchObject({ declaresSocial: true, concernsEmployment: true });
    expect(lines[1]?.social).toMatchObject({ declaresSocial: true, concernsEmployment: false });
  });

  it('keeps going past bad files and exits non-zero', async () => {
    const missing = join(scratch, 'missing.xml');
    const { code, stdout } = await run(['--json', INVALID, SOCIAL, NOT_XML, missing]);
    expect(code).toBe(1);
    const lines = stdout.trimEnd().split('\n').map((line) => JSON.parse(line) as { file: string; error?: { code: string } });
    expect(lines.map((line) => [line.file, line.error?.code ?? 'ok'])).toEqual([
      [INVALID, 'missing-required-field'],
      [SOCIAL, 'ok'],
      [NOT_XML, 'malformed-xml'],
      [missing, 'not-found'],
    ]);
  });

  it('prints a readable summary without --json, errors on stderr', async () => {
    const { code, stdout, stderr } = await run([SOCIAL, NOT_XML]);
    expect(code).toBe(1);
    expect(stdout).toContain('cn-social (form competition, subtype 21) notice cf9697c2-e280-4e78-beb1-e481f8c97468');
    expect(stdout).toContain('buyer: ZenithNova Innovations (ABE, GRC)');
    expect(stdout).toContain('social: yes, employment: yes — BT-775 opp [LOT-0001], BT-775 acc-all [LOT-0001], BT-736 yes [LOT-0001]');
    expect(stderr).toContain(`${NOT_XML}: error malformed-xml`);
    expect(stderr).toContain('1 parsed, 1 failed');
  });

  it('shows results for award notices', async () => {
    const { code, stdout } = await run([AWARD]);
    expect(code).toBe(0);
    expect(stdout).toContain('results: 3 tender(s), 2 contract(s), winners: Gyro Soft SA; The best App Ltd.; Competitor');
  });

  it.each([
    [[], 2, 'No files given'],
    [['--bogus', SOCIAL], 2, 'Unknown option --bogus'],
  ])('usage errors: %j', async (argv, expectedCode, message) => {
    const { code, stderr, stdout } = await run(argv);
    expect(code).toBe(expectedCode);
    expect(stderr).toContain(message);
    expect(stdout).toBe('');
  });

  it('--help prints usage and succeeds', async () => {
    const { code, stdout } = await run(['--help']);
    expect(code).toBe(0);
    expect(stdout).toContain('Usage: hansyn eforms parse FILE… [--json]');
  });
});

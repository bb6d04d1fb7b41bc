import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error -- a plain .mjs script (it runs before anything is compiled), without types
import { fingerprint, swapWebBuild } from '../../scripts/build-if-stale.mjs';

const write = (file: string, text: string) => {
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, text);
};

describe('build-if-stale (issue 10 item 1)', () => {
  it('sees a changed source but not a changed test, so an unchanged checkout starts without building', () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hansyn-stale-'));
    try {
      write(path.join(root, 'src/a.ts'), 'export const a = 1;');
      write(path.join(root, 'src/a.test.ts'), 'test');
      const before = fingerprint(root, ['src']) as string;
      expect(fingerprint(root, ['src'])).toBe(before);
      write(path.join(root, 'src/a.test.ts'), 'another test');
      expect(fingerprint(root, ['src'])).toBe(before);
      write(path.join(root, 'src/a.ts'), 'export const a = 22;');
      expect(fingerprint(root, ['src'])).not.toBe(before);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });

  it("swaps a new web build in whole and keeps the previous build's assets for a server still running with it", () => {
    const root = fs.mkdtempSync(path.join(os.tmpdir(), 'hansyn-swap-'));
    const target = path.join(root, 'web');
    try {
      write(path.join(target, 'index.html'), '<script src="/assets/index-OLD.js">');
      write(path.join(target, 'assets/index-OLD.js'), 'old');
      const next = path.join(root, 'next');
      write(path.join(next, 'index.html'), '<script src="/assets/index-NEW.js">');
      write(path.join(next, 'assets/index-NEW.js'), 'new');
      swapWebBuild(next, target);
      expect(fs.readFileSync(path.join(target, 'index.html'), 'utf8')).toContain('index-NEW.js');
      expect(fs.readdirSync(path.join(target, 'assets')).sort()).toEqual(['index-NEW.js', 'index-OLD.js']);
      expect(fs.existsSync(next)).toBe(false);
      // The build after that carries only its predecessor's own files, not what it carried.
      const third = path.join(root, 'third');
      write(path.join(third, 'index.html'), '<script src="/assets/index-THIRD.js">');
      write(path.join(third, 'assets/index-THIRD.js'), 'third');
      swapWebBuild(third, target);
      expect(fs.readdirSync(path.join(target, 'assets')).sort()).toEqual(['index-NEW.js', 'index-THIRD.js']);
    } finally {
      fs.rmSync(root, { recursive: true, force: true });
    }
  });
});

import { fileURLToPath } from 'node:url';
import path from 'node:path';

/**
 * The package root, found the same way from `src/` (tests, tsx) and from the compiled
 * `dist/` (production), since both sit one level below it.
 */
export const PACKAGE_ROOT = fileURLToPath(new URL('..', import.meta.url));

export const MIGRATIONS_DIR = path.join(PACKAGE_ROOT, 'src', 'db', 'migrations');
export const REFERENCE_DIR = path.join(PACKAGE_ROOT, 'src', 'reference');
export const WEB_DIST_DIR = path.join(PACKAGE_ROOT, 'dist', 'web');

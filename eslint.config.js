import js from '@eslint/js';
import globals from 'globals';
import tseslint from 'typescript-eslint';

const envRule = { selector: "MemberExpression[object.name='process'][property.name='env']", message: 'Read configuration through src/server/config.ts.' };
const clockRules = [
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'One clock: take `now` from deps.now (or a parameter), not new Date().' },
  { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'One clock: take `now` from deps.now (or a parameter), not Date.now().' },
];
// One way to refuse (decision 0502): `assertCan(actor, action, resource)` from src/server/access.ts.
const accessRules = [
  { selector: "IfStatement[test.operator='!'][test.argument.callee.name='can'] > ThrowStatement.consequent", message: 'Refuse with assertCan() from src/server/access.ts.' },
  { selector: "IfStatement[test.operator='!'][test.argument.callee.name='can'] > BlockStatement.consequent > ThrowStatement", message: 'Refuse with assertCan() from src/server/access.ts.' },
];

export default tseslint.config(
  { ignores: ['dist/**', 'data/**', 'node_modules/**', 'coverage/**', 'src/db/migrations/**', '.cache/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', destructuredArrayIgnorePattern: '^_' }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      'no-restricted-syntax': ['error', envRule],
    },
  },
  {
    // One clock (decision 0503): server, database and interop code take `now` from `deps.now`
    // or a parameter; only the shell reads the wall clock.
    files: ['src/**/*.ts'],
    rules: { 'no-restricted-syntax': ['error', envRule, ...clockRules, ...accessRules] },
  },
  {
    // The shell's clocks: the composition root's `systemClock` (deps.now's default, main.ts's
    // seed), the CLI (timings, its own `now`), the lock file's start time. The demo seed and the
    // notice import take `now` from their caller (decision 0503).
    files: ['src/server/app.ts', 'src/cli/**/*.ts', 'src/db/lock.ts'],
    rules: { 'no-restricted-syntax': ['error', envRule, ...accessRules] },
  },
  {
    // assertCan itself is the one place that turns a refusal into an error.
    files: ['src/server/access.ts'],
    rules: { 'no-restricted-syntax': ['error', envRule, ...clockRules] },
  },
  {
    // Only the config loader, the CLI entry and test/bench tooling read the environment.
    files: ['src/cli/main.ts', 'tests/**', 'vitest*.ts', '**/*.test.ts', 'scripts/**'],
    rules: { 'no-restricted-syntax': 'off' },
  },
  {
    // The functional core stays pure: no I/O, no framework, no environment, no clock.
    files: ['src/domain/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['node:*', 'fs', 'path', 'os', 'crypto'], message: 'src/domain is pure: no Node APIs.' },
            { group: ['fastify', '@fastify/*', 'drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*'], message: 'src/domain knows no framework or database.' },
            { group: ['**/server/**', '**/db/**', '**/interop/**', '**/cli/**'], message: 'src/domain depends on nothing outside it.' },
          ],
        },
      ],
      'no-restricted-globals': ['error', { name: 'process', message: 'src/domain is pure.' }],
      'no-restricted-properties': ['error', { object: 'Date', property: 'now', message: 'Pass `now` in.' }],
    },
  },
  {
    // Interop turns files into validated values and back; it never touches the database, so its
    // tests need not run a second time on PostgreSQL (.ci/run).
    files: ['src/interop/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['drizzle-orm', 'drizzle-orm/*', 'pg', '@electric-sql/*'], message: 'src/interop knows no database.' },
            { group: ['**/server/**', '**/db/**', '**/cli/**'], message: 'src/interop depends only on src/domain.' },
          ],
        },
      ],
    },
  },
  {
    // Feature boundaries (decision 0502): a server feature uses another feature only through its
    // `*-service.ts` (the public surface), never any other file of it (repository, routes,
    // schemas, helpers). Shared pieces live in src/server (access.ts, schemas.ts, errors.ts),
    // src/domain or src/interop; a service may re-export what it deliberately offers.
    files: ['src/server/features/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`^\.\./[^./][^/]*/(?![^/]*-service\.js$)[^/]+$`,
              message: "Only another feature's *-service.ts is public; its repository, routes, schemas and helpers are its own (decision 0502).",
            },
            {
              regex: String.raw`(^|/)features/[^/]+/(?![^/]*-service\.js$)[^/]+$`,
              message: "Only another feature's *-service.ts is public; its repository, routes, schemas and helpers are its own (decision 0502).",
            },
          ],
        },
      ],
    },
  },
  {
    // The CLI and the demo seed are callers from outside, like the routes: they use a feature
    // only through its `*-service.ts` (decision 0504). A schema's type may be named (it is the
    // API's contract, decision 0501); its values, the repository and the routes may not.
    files: ['src/cli/**/*.ts', 'src/db/seed/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              regex: String.raw`(^|/)features/[^/]+/(?![^/]*-(service|schemas)\.js$)[^/]+$`,
              message: "Only a feature's *-service.ts is public; its repository, routes and helpers are its own (decision 0504).",
            },
            {
              group: ['**/features/*/*-schemas.js'],
              allowTypeImports: true,
              message: "Only a feature's schema types may be named here (`import type`); call its *-service.ts for the rest (decision 0504).",
            },
          ],
        },
      ],
    },
  },
  {
    files: ['web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      // The web app shares the pure domain with the server, and takes the API's types from the
      // server's TypeBox schema modules as `import type` only (decision 0501). Nothing else
      // server-side, and no value from a schema module, may enter the bundle.
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          patterns: [
            {
              group: ['**/src/server/**', '!**/src/server/features/*/*-schemas.js', '!**/src/server/schemas.js', '**/src/db/**', '**/src/interop/**', '**/src/cli/**'],
              message: 'The web app only shares src/domain with the server (and server schema types); talk to the API instead.',
            },
            {
              group: ['**/src/server/features/*/*-schemas.js', '**/src/server/schemas.js'],
              allowTypeImports: true,
              message: 'Import the server schema as a type only: `import type { X } from …-schemas.js` and `Static<typeof X>`.',
            },
          ],
        },
      ],
    },
  },
);

// ESLint for the server, tests, seeds, migrations, scripts and the pages (src/web).
// Formatting is Prettier's (`npm run format`); eslint-config-prettier turns off the rules it owns.
import js from '@eslint/js';
import prettier from 'eslint-config-prettier';
import { createNodeResolver, importX } from 'eslint-plugin-import-x';
import globals from 'globals';
import tseslint from 'typescript-eslint';

// Infrastructure knows nothing of the features: a feature may use config, database, jobs and the
// rest, never the other way round (issue 20, "features form a tree").
const INFRASTRUCTURE = ['config', 'logging', 'http', 'redis', 'database', 'jobs', 'metrics', 'health', 'audit', 'scoring', 'contract', 'access'];
// Features, lower first: a feature may import only the features before it in this list.
// The last four are leaves: none imports another.
const FEATURES = ['standings', 'org', 'questions', 'races', 'auth', 'live', 'play', 'boards'];
const LEAVES = ['reports', 'audit-log', 'pages', 'housekeeping'];
const ALL_FEATURES = [...FEATURES, ...LEAVES, 'web'];
const SERVER_FOLDERS = [...INFRASTRUCTURE, ...FEATURES, ...LEAVES, 'cluster'];
const src = (folder) => `./src/${folder}`;

const zones = [
  {
    target: INFRASTRUCTURE.map(src),
    from: ALL_FEATURES.map(src),
    message: 'Infrastructure imports no feature: move the shared piece down (contract, access) or pass it in.',
  },
  ...[...FEATURES, ...LEAVES].map((feature, i) => {
    const above = i < FEATURES.length ? ALL_FEATURES.slice(i + 1) : [...LEAVES.filter((f) => f !== feature), 'web'];
    return {
      target: src(feature),
      from: above.map(src),
      message: `Features form a tree (standings → org → questions → races → auth → live → play → boards → reports, audit-log, pages, housekeeping): ${feature} may not import a feature above it.`,
    };
  }),
  // The pages share only the type-only contract with the server; the server never imports the pages.
  { target: src('web'), from: './src', except: ['./web', './contract'], message: 'The pages import only src/contract from the server.' },
  { target: SERVER_FOLDERS.map(src), from: src('web'), message: 'The server does not import the pages.' },
];

export default tseslint.config(
  { ignores: ['dist/', 'node_modules/', 'bench-results/', 'test-artifacts/', 'coverage/', 'data/'] },
  js.configs.recommended,
  // Type-aware rules (the NestJS default): a full run stays under a minute on two cores.
  tseslint.configs.recommendedTypeChecked,
  importX.flatConfigs.recommended,
  {
    languageOptions: {
      parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname },
    },
    settings: {
      // import-x parses the imported files itself (for no-cycle and no-duplicates), so it must know TypeScript.
      'import-x/extensions': ['.ts', '.tsx', '.js', '.mjs', '.cjs'],
      'import-x/parsers': { '@typescript-eslint/parser': ['.ts', '.tsx'] },
      'import-x/resolver-next': [
        createNodeResolver({
          extensions: ['.ts', '.tsx', '.d.ts', '.js', '.mjs', '.json'],
          conditionNames: ['types', 'node', 'require', 'import', 'default'],
        }),
      ],
    },
    rules: {
      // An empty catch is an error; a catch that holds only a comment is an ignore that says why.
      'no-empty': ['error', { allowEmptyCatch: false }],
      // An async method without await keeps its promise contract (interfaces, Nest hooks, memory
      // twins of Redis stores) and turns a throw into a rejection; dropping async would change that.
      '@typescript-eslint/require-await': 'off',
      // A caught error is used or named `_`; an ignored argument starts with `_`.
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'all', caughtErrorsIgnorePattern: '^_' },
      ],
      // `let { a, b } = …` where only b changes stays one statement.
      'prefer-const': ['error', { destructuring: 'all' }],
      'import-x/no-duplicates': 'error',
      'import-x/no-cycle': ['error', { ignoreExternal: true }],
      'import-x/no-restricted-paths': ['error', { zones }],
      // TypeScript already checks that named and default imports exist (and resolves them better).
      'import-x/named': 'off',
      'import-x/namespace': 'off',
      'import-x/default': 'off',
      'import-x/no-named-as-default-member': 'off',
    },
  },
  {
    files: ['src/**/*.ts', 'test/**/*.ts', 'seeds/**/*.ts', 'migrations/**/*.ts', 'scripts/**', '*.js', '*.mjs'],
    ignores: ['src/web/**'],
    languageOptions: { globals: { ...globals.node } },
  },
  {
    files: ['**/*.spec.ts', '**/*.e2e-spec.ts', '**/*.faults-spec.ts', 'test/**/*.ts'],
    languageOptions: { globals: { ...globals.jest } },
    // Tests read replies as supertest's `any` body (about 1,200 places) and check their shape with
    // expect(); typing every reply would repeat the contract in the tests. The server keeps these rules.
    rules: {
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['src/web/**/*.{ts,tsx}'],
    languageOptions: { globals: { ...globals.browser } },
    // An async handler in onClick/onSubmit is the usual Preact form; the handlers keep their own
    // busy and error state. Promises passed elsewhere are still checked.
    rules: { '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }] },
  },
  // Plain JavaScript (configs, the web build script) is in no tsconfig: lint it without types.
  {
    files: ['**/*.js', '**/*.mjs', '**/*.cjs'],
    extends: [tseslint.configs.disableTypeChecked],
  },
  {
    files: ['**/*.js', '**/*.cjs'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  prettier,
);

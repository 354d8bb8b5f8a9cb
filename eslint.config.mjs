// @ts-check
/**
 * `npm run lint`: type-aware TypeScript rules, Lit and web-component rules, accessibility in Lit
 * templates, and what each runtime's folder may not call (the type check catches most of it: each
 * folder's tsconfig has its runtime's lib; these catch what a package's types let slip through,
 * such as @types/qrcode pulling Node's globals into every project).
 */
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import wc from 'eslint-plugin-wc';
import litA11y from 'eslint-plugin-lit-a11y';
import globals from 'globals';

const NODE_GLOBALS = ['Buffer', 'process', 'require', '__dirname', '__filename', 'global'].map((name) => ({
  name,
  message: 'Node only: this folder runs in the browser too.',
}));
const PAGE_GLOBALS = ['document', 'window', 'localStorage', 'sessionStorage', 'customElements'].map((name) => ({
  name,
  message: 'Page only: this folder runs in workers (or Node) too.',
}));
const WORKER_GLOBALS = ['self', 'caches', 'indexedDB', 'importScripts', 'clients', 'registration'].map((name) => ({
  name,
  message: 'Browser only: this folder runs in Node too.',
}));

export default tseslint.config(
  {
    ignores: [
      '**/dist/',
      'dist-*/',
      '.tsbuild/',
      'test-results/',
      'playwright-report/',
      'node_modules/',
      'src/generated/',
      'test/fixtures/',
      'public/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      parserOptions: {
        projectService: { allowDefaultProject: ['*.mjs', 'scripts/*.mjs', 'server/*.mjs', 'bin/*.mjs'] },
        tsconfigRootDir: import.meta.dirname,
      },
    },
  },
  {
    files: ['**/*.mjs', '**/*.js', '**/*.cjs'],
    ...tseslint.configs.disableTypeChecked,
  },
  // Build, server and scripts: Node.
  { files: ['**/*.mjs', '**/*.cjs'], languageOptions: { globals: globals.node } },
  { files: ['**/*.cjs'], languageOptions: { sourceType: 'commonjs' } },
  // The type check knows every global of each runtime; ESLint's own list would only disagree.
  { files: ['**/*.ts'], rules: { 'no-undef': 'off' } },
  {
    rules: {
      // A rest sibling leaves a field out on purpose (a record without its signature).
      '@typescript-eslint/no-unused-vars': ['error', { ignoreRestSiblings: true, argsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Control characters in patterns are what those patterns are for (hidden-character checks).
      'no-control-regex': 'off',
    },
  },
  {
    // Playwright's fixtures take their dependencies as a destructured first parameter, `{}` when none.
    files: ['e2e/**/*.ts'],
    rules: { 'no-empty-pattern': ['error', { allowObjectPatternsAsParameters: true }] },
  },
  {
    // Tests read JSON (manifests, editions, stored records) whose shape their assertions check.
    files: ['test/**/*.ts', 'e2e/**/*.ts', 'bench/**/*.ts'],
    rules: {
      '@typescript-eslint/no-unsafe-member-access': 'off',
      '@typescript-eslint/no-unsafe-assignment': 'off',
      '@typescript-eslint/no-unsafe-call': 'off',
      '@typescript-eslint/no-unsafe-argument': 'off',
      '@typescript-eslint/no-unsafe-return': 'off',
    },
  },
  {
    files: ['test/**/*.ts'],
    rules: {
      // node:test's test() and describe() return promises that the runner itself awaits.
      '@typescript-eslint/no-floating-promises': [
        'error',
        { allowForKnownSafeCalls: [{ from: 'package', package: 'node:test', name: ['test', 'describe', 'it', 'suite'] }] },
      ],
    },
  },
  {
    files: ['src/ui/**/*.ts'],
    // Lit calls a template's event listeners with the element as `this` (its `host` option).
    rules: { '@typescript-eslint/unbound-method': 'off' },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/shared/**', 'src/dom/**', 'src/browser/**', 'src/workers/**', 'src/cli/**', 'src/node-dom/**'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['src/ui/**/*.ts'],
    ...wc.configs['flat/recommended'],
  },
  {
    files: ['src/ui/**/*.ts'],
    ...litA11y.configs.recommended,
  },
  { files: ['src/shared/**/*.ts'], rules: { 'no-restricted-globals': ['error', ...NODE_GLOBALS, ...PAGE_GLOBALS, ...WORKER_GLOBALS] } },
  { files: ['src/dom/**/*.ts'], rules: { 'no-restricted-globals': ['error', ...NODE_GLOBALS, ...PAGE_GLOBALS, ...WORKER_GLOBALS] } },
  {
    files: ['src/browser/**/*.ts', 'src/workers/**/*.ts', 'sw/**/*.ts'],
    rules: { 'no-restricted-globals': ['error', ...NODE_GLOBALS, ...PAGE_GLOBALS] },
  },
  {
    files: ['src/**/*.ts'],
    ignores: ['src/shared/**', 'src/dom/**', 'src/browser/**', 'src/workers/**', 'src/cli/**', 'src/node-dom/**'],
    rules: { 'no-restricted-globals': ['error', ...NODE_GLOBALS] },
  },
  { files: ['src/cli/**/*.ts', 'src/node-dom/**/*.ts'], rules: { 'no-restricted-globals': ['error', ...PAGE_GLOBALS, ...WORKER_GLOBALS] } },
);

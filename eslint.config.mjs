// Lint holds the layering (see ARCHITECTURE.md) and the house rules (see STYLE habits).
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import importPlugin from 'eslint-plugin-import';
import { builtinModules } from 'node:module';

const nodeBuiltins = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)];
const noVscode = { name: 'vscode', message: 'Only src/extension may import vscode.' };

export default tseslint.config(
  { ignores: ['dist/**', 'dist-cli/**', 'out/**', 'node_modules/**', '.vscode-test/**', '.e2e-tmp/**', 'artifacts/**', 'bench/data/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['**/*.ts'],
    plugins: { import: importPlugin },
    settings: { 'import/resolver': { node: { extensions: ['.ts', '.js', '.mjs'] } } },
    rules: {
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'import/no-default-export': 'error',
      'no-restricted-syntax': [
        'error',
        { selector: "AssignmentExpression[left.property.name='innerHTML']", message: 'Build DOM nodes with text (webview/shared/dom.ts), never HTML strings.' },
        { selector: "AssignmentExpression[left.property.name='outerHTML']", message: 'Build DOM nodes with text, never HTML strings.' },
        { selector: "CallExpression[callee.property.name='insertAdjacentHTML']", message: 'Build DOM nodes with text, never HTML strings.' },
      ],
      'import/no-restricted-paths': [
        'error',
        {
          zones: [
            // One zone per row of the layer table in ARCHITECTURE.md: `from` lists every layer the row may not import.
            { target: './src/core', from: ['./src/protocol', './src/extension', './src/node', './src/worker', './src/cli', './webview'], message: 'src/core is pure: it imports nothing but itself.' },
            { target: './src/protocol', from: ['./src/extension', './src/node', './src/worker', './src/cli', './webview'], message: 'src/protocol depends on core only.' },
            { target: './src/node', from: ['./src/extension', './src/worker', './src/cli', './webview'], message: 'src/node depends on core and protocol only.' },
            { target: './src/worker', from: ['./src/extension', './src/cli', './webview'], message: 'src/worker depends on core, protocol and node only.' },
            { target: './src/extension', from: ['./src/worker', './src/cli', './webview'], message: 'The extension talks to workers through src/protocol messages and never imports webview or CLI code.' },
            { target: './src/cli', from: ['./src/extension', './src/worker', './src/protocol', './webview'], message: 'The CLI depends on core and node only.' },
            // Core values are allowed: webviews run core's pure functions (compare, metrics) on data the host sent.
            { target: './webview', from: ['./src/extension', './src/node', './src/worker', './src/cli'], message: 'webview/ talks to the host through messages only.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/core/**/*.ts'],
    ignores: ['src/core/**/*.test.ts'],
    rules: {
      'no-restricted-imports': ['error', { paths: [noVscode, ...nodeBuiltins.map((name) => ({ name, message: 'src/core is pure TypeScript: no Node APIs (use src/node).' }))] }],
      'no-restricted-globals': ['error', 'window', 'document', 'navigator', 'process', 'Buffer', 'require'],
    },
  },
  {
    files: ['src/protocol/**/*.ts', 'webview/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode, ...nodeBuiltins.map((name) => ({ name, message: 'Runs in the browser too: no Node APIs.' }))] }] },
  },
  {
    files: ['src/node/**/*.ts', 'src/worker/**/*.ts', 'src/cli/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [noVscode] }] },
  },
  {
    // The budget: small functions with few paths. Tests are exempt. A CSV hot loop may carry one
    // eslint-disable line per function saying why (splitting it costs a call per byte).
    files: ['src/**/*.ts', 'webview/**/*.ts'],
    ignores: ['**/*.test.ts'],
    rules: {
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: true, skipComments: true }],
      complexity: ['error', 15],
    },
  },
  {
    // Command flows ask the user through the `Ui` interface (src/extension/vscode/ui.ts), so they run in plain Node tests.
    files: ['src/extension/labelFixes/**/*.ts', 'src/extension/experiments/flows/**/*.ts', 'src/extension/labelTable/flows/**/*.ts', 'src/extension/vscode/ui.ts', 'src/extension/vscode/fakeUi.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Flows ask through Ui (src/extension/vscode/ui.ts); vscodeUi.ts is the one place that calls VS Code.' }] }] },
  },
  {
    // Document models are tested in plain Node: VS Code reaches them only through their adapters.
    files: ['src/extension/labelTable/model/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { paths: [{ name: 'vscode', message: 'Models run without VS Code: the adapter (labelDocument.ts) forwards events and hooks.' }] }] },
  },
  {
    files: ['test/web/fakeHost.js', 'test/web/experimentLogFakeHost.js'],
    languageOptions: { sourceType: 'script', globals: { window: 'readonly', document: 'readonly', MessageEvent: 'readonly', setTimeout: 'readonly' } },
  },
  {
    files: ['**/*.mjs'],
    languageOptions: { globals: { console: 'readonly', process: 'readonly', fetch: 'readonly', setTimeout: 'readonly', window: 'readonly', document: 'readonly', getComputedStyle: 'readonly' } },
  },
);

import js from '@eslint/js';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import ts from 'typescript-eslint';

export default ts.config(
  { ignores: ['dist/', 'node_modules/', 'src/engine/generated/', 'test/output/', 'bench/output/'] },
  js.configs.recommended,
  ...ts.configs.recommended,
  ...svelte.configs.recommended,
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: { parserOptions: { parser: ts.parser } },
  },
  {
    // AssemblyScript: its own types (usize, f64, v128) and builtins.
    files: ['assembly/**/*.ts'],
    rules: { '@typescript-eslint/ban-ts-comment': 'off', 'prefer-const': 'off' },
  },
  {
    // Imports flow one way: views → scenario/engine → ingest; the kernels import nothing.
    files: ['src/ingest/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['../engine/*', '../scenario/*', '../views/*', '../cli/*'] }] },
  },
  {
    files: ['src/engine/**/*.ts', 'src/scenario/**/*.ts'],
    rules: { 'no-restricted-imports': ['error', { patterns: ['../views/*', '../cli/*'] }] },
  },
  {
    files: ['assembly/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ regex: '^(?!\\./)', message: 'assembly/ is a leaf: it imports nothing from outside itself' }] },
      ],
    },
  },
);

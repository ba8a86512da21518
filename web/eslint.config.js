// Lints the pages' modules, their tests and the dev scripts: names that are not defined,
// imports and variables that are not used, and the rest of ESLint's recommended set.
import js from '@eslint/js';
import globals from 'globals';

export default [
  { ignores: ['vendor/**', 'node_modules/**', 'test/artifacts/**'] },
  js.configs.recommended,
  {
    files: ['src/**/*.js'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: globals.browser },
  },
  {
    files: ['test/**/*.js', '*.js', 'vendor/*.mjs'],
    languageOptions: { ecmaVersion: 2022, sourceType: 'module', globals: { ...globals.node, ...globals.browser } },
  },
  {
    rules: {
      'no-unused-vars': ['error', { args: 'after-used', argsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Control characters are matched on purpose: names and texts holding them are refused.
      'no-control-regex': 'off',
    },
  },
];

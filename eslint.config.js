// ESLint flat config: typescript-eslint's recommended rules plus the rules that enforce the
// project's own conventions (security note rules 1, 4, 5; house-style boundaries). Syntax-only
// (no type information), so `eslint .` stays fast on a 2-core machine.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import globals from 'globals';

// Page text must never reach a DOM as HTML (security note rule 1).
const HTML_SINKS = [
  { property: 'innerHTML', message: 'Render with textContent / el() from src/shared/render.ts (security rule 1).' },
  { property: 'outerHTML', message: 'Render with textContent / el() from src/shared/render.ts (security rule 1).' },
  { property: 'insertAdjacentHTML', message: 'Render with textContent / el() from src/shared/render.ts (security rule 1).' },
  { property: 'setHTMLUnsafe', message: 'No HTML sinks (security rule 1).' },
  { property: 'createContextualFragment', message: 'No HTML sinks (security rule 1).' },
  { object: 'document', property: 'write', message: 'No document.write (security rule 1).' },
  { object: 'document', property: 'writeln', message: 'No document.writeln (security rule 1).' },
];

const SINK_SYNTAX = [
  {
    selector: "AssignmentExpression > MemberExpression.left[property.name='srcdoc']",
    message: 'No srcdoc: it renders HTML (security rule 1).',
  },
  {
    selector: "CallExpression[callee.property.name='setAttribute'][arguments.0.value=/^(srcdoc|on[a-z]+)$/]",
    message: 'No HTML or handler attributes (security rule 1).',
  },
];

export default tseslint.config(
  {
    ignores: ['dist/**', 'node_modules/**', 'coverage/**', '.tmp/**', 'tests/e2e/artifacts/**', 'tests/fixtures/**', 'demo/site/**'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: 'module',
      globals: { ...globals.browser, ...globals.node, ...globals.webextensions },
    },
    rules: {
      'no-eval': 'error',
      'no-implied-eval': 'error',
      'no-new-func': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Tests and fakes cast freely; production code is kept honest by tsc's strict mode.
      '@typescript-eslint/no-explicit-any': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
      // An untyped import (jsdom has no bundled types) may be ignored, but only with a reason.
      '@typescript-eslint/ban-ts-comment': ['error', { 'ts-ignore': 'allow-with-description', minimumDescriptionLength: 10 }],
      // Sanitisers and text folding match control and zero-width characters on purpose.
      'no-control-regex': 'off',
      'no-misleading-character-class': 'off',
      'no-useless-escape': 'warn',
    },
  },
  {
    // Shipped code: no HTML sinks. (Tests may read outerHTML to compare a page before and after.)
    files: ['src/**/*.ts'],
    rules: {
      'no-restricted-properties': ['error', ...HTML_SINKS],
      'no-restricted-syntax': ['error', ...SINK_SYNTAX],
    },
  },
  {
    // Only src/platform may import the polyfill or idb (house-style boundary; tests/unit/boundaries.test.ts checks it too).
    files: ['src/**/*.ts'],
    ignores: ['src/platform/**'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          paths: [
            { name: 'webextension-polyfill', message: 'Import { browser } from src/platform/browser.ts.' },
            { name: 'idb', message: 'Only src/platform touches IndexedDB.' },
          ],
        },
      ],
    },
  },
  {
    // The content script shares the page: no page globals for the API (rule 4), no page messages (rule 5).
    files: ['src/content/**/*.ts'],
    rules: {
      'no-restricted-globals': [
        'error',
        { name: 'browser', message: 'A page element id="browser" shadows this global; import { browser } from src/platform/browser.ts (rule 4).' },
        { name: 'chrome', message: 'Use the bundled polyfill from src/platform/browser.ts (rule 4).' },
      ],
      'no-restricted-syntax': [
        'error',
        ...SINK_SYNTAX,
        {
          selector: "CallExpression[callee.property.name='addEventListener'][arguments.0.value='message']",
          message: 'The content script never acts on window.postMessage (security rule 5).',
        },
        {
          selector: "AssignmentExpression > MemberExpression.left[property.name='onmessage']",
          message: 'The content script never acts on window.postMessage (security rule 5).',
        },
      ],
    },
  },
  {
    // The core is pure: no DOM, browser or Node globals (src/core/tsconfig.json enforces types; this catches globals).
    files: ['src/core/**/*.ts'],
    languageOptions: { globals: { ...globals.es2021 } },
    rules: {
      'no-restricted-globals': ['error', 'window', 'document', 'browser', 'chrome', 'localStorage', 'indexedDB', 'process', 'Buffer'],
    },
  },
);

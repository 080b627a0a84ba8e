// ESLint (flat config): typescript-eslint's strict rules, type-aware where cheap, and the React hooks rules
// for the Custom UI. Formatting is Prettier's job (npm run lint runs both); layers are dependency-cruiser's.
import tseslint from 'typescript-eslint';
import reactHooks from 'eslint-plugin-react-hooks';

export default tseslint.config(
  {
    ignores: [
      'node_modules/',
      'static/*/build/',
      '.local-data/',
      '.tmp/',
      'coverage/',
      '**/*.cjs',
      '**/*.mjs',
      'src/local/site/browser/',
      'src/local/forge-bundle/runtime/',
      'jest.config.js',
    ],
  },
  ...tseslint.configs.strict,
  {
    languageOptions: { parserOptions: { projectService: true, tsconfigRootDir: import.meta.dirname } },
    rules: {
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': ['error', { checksVoidReturn: { attributes: false } }],
      '@typescript-eslint/consistent-type-imports': ['error', { fixStyle: 'inline-type-imports' }],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      // Lookups of keys the code has just put in a map; strictNullChecks stays on everywhere else.
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  {
    // One clock (src/forge/clock.ts, the CLI's --today): below the entry points nothing reads the calendar.
    // Lease and time-budget timers may still default to the platform's timer (`Date.now` as a value); the
    // entry points pass their invocation clock's `nowMs` instead.
    files: ['src/core/**/*.ts', 'src/usecases/**/*.ts', 'src/storage/**/*.ts'],
    rules: {
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'Read the clock at the entry point (src/forge/clock.ts) and pass today/now in.',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'Read the clock at the entry point (src/forge/clock.ts) and pass today/now in.',
        },
      ],
    },
  },
  {
    // The layer rules live in .dependency-cruiser.cjs; these repeat the package-level ones so an editor shows them
    // as you type (tests/app/layers.test.ts plants each violation).
    files: ['src/core/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@forge/*', 'node:*', 'react', 'react/*', 'react-dom', 'react-dom/*'], message: 'src/core is pure: only src/core, zod and date-fns.' },
          ],
        },
      ],
    },
  },
  {
    files: ['src/usecases/**/*.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@forge/*'], message: 'Use cases reach Forge through src/forge/ (the wiring the entry points call).' }] },
      ],
    },
  },
  {
    files: ['static/**/*.{ts,tsx}'],
    rules: {
      'no-restricted-imports': [
        'error',
        { patterns: [{ group: ['@forge/*', '!@forge/bridge'], message: 'The Custom UIs reach Forge only through @forge/bridge.' }] },
      ],
    },
  },
  {
    // Plants mistakes in arbitrary manifest YAML documents.
    files: ['tests/app/manifest.test.ts'],
    rules: { '@typescript-eslint/no-explicit-any': 'off' },
  },
  {
    files: ['static/**/*.{ts,tsx}'],
    plugins: { 'react-hooks': reactHooks },
    // The classic hooks rules (the compiler-oriented rules of v7's preset are not adopted).
    rules: { 'react-hooks/rules-of-hooks': 'error', 'react-hooks/exhaustive-deps': 'error' },
  },
);

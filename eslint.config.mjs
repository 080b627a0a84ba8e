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

/** Jest runs TypeScript through SWC (fast); `tsc --noEmit` checks the types separately. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/tests'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.(t|j)sx?$': [
      '@swc/jest',
      { jsc: { target: 'es2022', parser: { syntax: 'typescript', tsx: true }, transform: { react: { runtime: 'automatic' } } }, module: { type: 'commonjs' } },
    ],
  },
  transformIgnorePatterns: ['/node_modules/(?!(date-fns)/)'],
  testTimeout: 30000,
  // Two suites at a time on the 2-core machines (jest's default would be one: cores - 1); suites share no ports.
  maxWorkers: 2,
};

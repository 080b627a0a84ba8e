/**
 * Layer rules (npm run lint): the folders of src/ are the architecture, and these rules keep them honest.
 *   core      pure functional core: imports only itself (and npm packages)
 *   contract  the resolver API shared with the UIs: core and itself
 *   jira      the one Jira adapter; storage: the ledgers; neither reaches up into use cases or resolvers
 *   usecases  core + contract + jira + storage
 *   forge     the Forge wiring (adapters and stores for each entry point) and the one clock
 *   resolvers thin handlers: use cases, the contract and the Forge wiring only
 *   static    Custom UI: only src/contract of the backend
 *   local     the local site: never imported by the app (only by tests, the CLI-less dev tools and itself)
 */
module.exports = {
  forbidden: [
    { name: 'no-cycles', severity: 'error', from: {}, to: { circular: true } },
    {
      name: 'core-is-pure',
      comment: 'src/core imports nothing of ours outside src/core.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { path: '^(src|static|tests)/', pathNot: '^src/core/' },
    },
    {
      name: 'contract-on-core-only',
      severity: 'error',
      from: { path: '^src/contract/' },
      to: { path: '^(src|static|tests)/', pathNot: '^src/(contract|core)/' },
    },
    {
      name: 'adapters-do-not-reach-up',
      comment: 'The Jira adapter and the ledgers know nothing of use cases, resolvers, the CLI or the UI.',
      severity: 'error',
      from: { path: '^src/(jira|storage)/' },
      to: { path: '^(src/(usecases|resolvers|cli|local)|static|tests)/' },
    },
    {
      name: 'usecases-below-resolvers',
      severity: 'error',
      from: { path: '^src/usecases/' },
      to: { path: '^(src/(resolvers|cli|local)|static|tests)/' },
    },
    {
      name: 'resolvers-are-thin',
      comment: 'Resolvers import use cases, the contract and the Forge wiring only (plus themselves).',
      severity: 'error',
      from: { path: '^src/resolvers/' },
      to: { path: '^(src|static|tests)/', pathNot: '^src/(resolvers|usecases|contract|forge)/' },
    },
    {
      name: 'forge-wiring-below-entry-points',
      comment: 'The wiring builds use-case deps; it knows nothing of resolvers, the CLI, the UI or the local site.',
      severity: 'error',
      from: { path: '^src/forge/' },
      to: { path: '^(src/(resolvers|cli|local)|static|tests)/' },
    },
    {
      name: 'usecases-do-not-wire-forge',
      comment: 'Use cases get their clock and adapters from the entry point; only resolvers (and local hosts) import src/forge.',
      severity: 'error',
      from: { path: '^src/(usecases|core|contract|jira|storage)/' },
      to: { path: '^src/forge/' },
    },
    {
      name: 'static-speaks-contract',
      comment: 'The Custom UIs import only src/contract of the backend.',
      severity: 'error',
      from: { path: '^static/' },
      to: { path: '^(src|tests)/', pathNot: '^src/contract/' },
    },
    {
      name: 'local-stays-local',
      comment: 'The local site is never deployed: only tests and src/local itself import it.',
      severity: 'error',
      from: { path: '^(src|static)/', pathNot: '^src/local/' },
      to: { path: '^src/local/' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(build|node_modules)/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};

/**
 * Layer rules (npm run lint): the folders of src/ are the architecture, and these rules keep them honest.
 * tests/app/layers.test.ts plants a violation of each rule and expects it to fail.
 *   core      pure functional core: imports only itself, zod and date-fns (no Node builtins, no Forge, no React)
 *   contract  the resolver API shared with the UIs: core and itself
 *   jira      the Jira adapter; storage: the ledgers; neither reaches up, nor into the other
 *   usecases  core + contract + jira (through src/jira/index.ts) + storage; never @forge/* (the entry points
 *             wire Forge in src/forge/); a slice (usecases/<slice>/) reaches another slice only through its index.ts
 *   forge     the Forge wiring (adapters and stores for each entry point) and the one clock
 *   resolvers thin handlers: use cases, the contract and the Forge wiring only
 *   cli       use cases, storage and src/jira's index (the basic-auth request factory), never its internals
 *   static    Custom UI: only src/contract of the backend; of Forge only @forge/bridge
 *   local     the local site: never imported by the app (only by tests and itself); never imports static/ sources
 * npm packages resolve to a path containing node_modules/ (the folder may be a symlink, so the path can start with ../).
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
      name: 'core-npm-only-zod-date-fns',
      comment: 'src/core is pure: of npm it imports only zod and date-fns, and no Node builtin (node:fs, path, ...).',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['npm', 'npm-dev', 'npm-optional', 'npm-peer', 'npm-no-pkg', 'npm-unknown'], pathNot: '(^|/)node_modules/(zod|date-fns)/' },
    },
    {
      name: 'core-no-builtins',
      comment: 'src/core does no I/O: no Node builtin modules.',
      severity: 'error',
      from: { path: '^src/core/' },
      to: { dependencyTypes: ['core'] },
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
      name: 'storage-not-jira',
      comment: 'The ledgers know nothing of the Jira adapter.',
      severity: 'error',
      from: { path: '^src/storage/' },
      to: { path: '^src/jira/' },
    },
    {
      name: 'jira-not-storage',
      comment: 'The Jira adapter knows nothing of the ledgers.',
      severity: 'error',
      from: { path: '^src/jira/' },
      to: { path: '^src/storage/' },
    },
    {
      name: 'usecases-below-resolvers',
      severity: 'error',
      from: { path: '^src/usecases/' },
      to: { path: '^(src/(resolvers|cli|local)|static|tests)/' },
    },
    {
      name: 'usecases-not-forge',
      comment: 'Use cases reach Forge only through the wiring in src/forge/ (which the entry points call), never @forge/*.',
      severity: 'error',
      from: { path: '^src/usecases/' },
      to: { path: '(^|/)node_modules/@forge/' },
    },
    {
      name: 'usecases-jira-through-index',
      comment: 'Use cases reach Jira only through src/jira/index.ts (its ports), not its internal files.',
      severity: 'error',
      from: { path: '^src/usecases/' },
      to: { path: '^src/jira/', pathNot: '^src/jira/index[.]ts$' },
    },
    {
      name: 'slices-through-index',
      comment: "A use-case slice imports another slice only through that slice's index.ts.",
      severity: 'error',
      from: { path: '^src/usecases/([^/]+)/' },
      to: { path: '^src/usecases/[^/]+/', pathNot: ['^src/usecases/$1/', '^src/usecases/[^/]+/index[.]ts$'] },
    },
    {
      name: 'cli-jira-through-index',
      comment: "The CLI uses Jira only through src/jira/index.ts (e.g. the basic-auth request factory), never the adapter's internals.",
      severity: 'error',
      from: { path: '^src/cli/' },
      to: { path: '^src/jira/', pathNot: '^src/jira/index[.]ts$' },
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
      name: 'static-forge-through-bridge',
      comment: 'The Custom UIs reach Forge only through @forge/bridge (never the backend packages).',
      severity: 'error',
      from: { path: '^static/' },
      to: { path: '(^|/)node_modules/@forge/', pathNot: '(^|/)node_modules/@forge/bridge/' },
    },
    {
      name: 'local-not-static-sources',
      comment: 'The local site serves the built Custom UI bundles; it never imports static/ sources.',
      severity: 'error',
      from: { path: '^src/local/' },
      to: { path: '^static/' },
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
    exclude: { path: '(^|/)build/' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.json'] },
  },
};

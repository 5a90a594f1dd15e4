/**
 * The import rules of pi-kit, checked in CI (`pnpm depcruise`): see docs/ARCHITECTURE.md.
 * Type-only imports are checked too (`tsPreCompilationDeps`).
 */
/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'No import circle, of values or of types.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'no-other-package-internals',
      severity: 'error',
      comment: "A package uses another only through its published entries (@pi-kit/x, @pi-kit/x/sub), never another package's files.",
      from: { path: '^packages/([^/]+)/' },
      to: {
        path: '^packages/([^/]+)/',
        pathNot: [
          '^packages/$1/',
          // The published entries, as the @pi-kit/source condition resolves them.
          '^packages/[^/]+/src/(index|internal)\\.ts$',
          '^packages/(react|simulator)/src/(testing|msw|server)/index\\.tsx?$',
          '^packages/server-adapters/src/adapters/(express|node)\\.ts$',
        ],
      },
    },
    {
      name: 'core-no-react',
      severity: 'error',
      comment: 'Core is framework-free.',
      from: { path: '^packages/core/src' },
      // Resolved through node_modules, or unresolvable (core does not depend on React).
      to: { path: '(^|node_modules/)(react|react-dom|@pi-kit/react)(/|$)' },
    },
    {
      name: 'core-no-node-builtins',
      severity: 'error',
      comment: 'Core runs in browsers and during server-side rendering: no Node built-in.',
      from: { path: '^packages/core/src' },
      to: { dependencyTypes: ['core'] },
    },
    {
      name: 'simulator-engine-no-http',
      severity: 'error',
      comment: "The simulator's engine is pure state: the HTTP layers receive it, it never imports them.",
      from: { path: '^packages/simulator/src/engine' },
      to: { path: '^packages/simulator/src/(platform|horizon|http|server|msw|network)/' },
    },
    {
      name: 'simulator-handlers-get-engine-ports',
      severity: 'error',
      comment:
        "The simulator's HTTP handlers receive the engine through its ports (engine/ports.ts), never its class: only the composition root (network/) builds the engine.",
      from: { path: '^packages/simulator/src/(platform|horizon|http)/' },
      to: { path: '^packages/simulator/src/engine/network\\.ts$' },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.json' },
    enhancedResolveOptions: { conditionNames: ['@pi-kit/source', 'import', 'require', 'node', 'default'], exportsFields: ['exports'] },
    exclude: { path: '(^|/)dist/' },
  },
};

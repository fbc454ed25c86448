/**
 * The hexagon's rules, checked in CI (`npm run lint:layers`): dependencies
 * point inward, adapters do not know each other, and only the composition
 * root (src/bootstrap, re-exported by src/index.ts) wires adapters.
 */
module.exports = {
  forbidden: [
    {
      name: 'domain-imports-only-domain',
      comment: 'Entities, value objects and errors stay pure: no other layer, no npm package, no Node API.',
      severity: 'error',
      from: { path: '^src/domain/' },
      to: { pathNot: '^src/domain/' },
    },
    {
      name: 'application-imports-only-domain-and-ports',
      comment: 'Use cases depend on the domain and on their own ports, never on adapters, frameworks or bootstrap.',
      severity: 'error',
      from: { path: '^src/application/' },
      to: { pathNot: '^src/(domain|application)/' },
    },
    {
      name: 'adapters-do-not-import-each-other',
      comment: 'Each adapter implements a port on its own; the composition root connects them. Every folder under src/adapters/ (persistence/<kind>/ for storage) is one adapter, so a new one is covered without a new rule.',
      severity: 'error',
      from: { path: '^src/adapters/(persistence/[^/]+|[^/]+)/' },
      to: { path: '^src/adapters/', pathNot: '^src/adapters/$1/' },
    },
    {
      name: 'only-bootstrap-wires',
      comment: 'Adapters never reach into the composition root.',
      severity: 'error',
      from: { path: '^src/(domain|application|adapters)/' },
      to: { path: '^src/bootstrap/' },
    },
    {
      name: 'container-only-in-bootstrap',
      comment: 'Inversify is wiring: domain, use cases and adapters stay free of it.',
      severity: 'error',
      from: { path: '^src/(domain|application|adapters)/' },
      to: { path: 'node_modules/(inversify|@inversifyjs)/' },
    },
    {
      name: 'no-circular',
      severity: 'error',
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    tsConfig: { fileName: 'tsconfig.json' },
    tsPreCompilationDeps: true,
    exclude: { path: '^(dist|test|bench|examples)/' },
  },
};

'use strict';
// The workspace's dependency rules (`pnpm boundaries`, part of `pnpm test`; docs/adr/0025). Paths are
// resolved as Node and TypeScript resolve them (workspace packages to their files under packages/ and
// services/), so a relative import across folders breaks a rule exactly like a package import does.
// packages/release/test/boundaries.test.ts shows each rule failing on a violation.

/** A service's layers (README: src/domain, src/use-cases, src/handlers, src/adapters, composition roots). */
const SERVICE_LAYERS = {
  domain: '^services/[^/]+/src/domain/',
  useCases: '^services/[^/]+/src/use-cases/',
  handlers: '^services/[^/]+/src/handlers/',
  adapters: '^services/[^/]+/src/adapters/',
  // the composition roots: container.ts and the per-handler-group *-container.ts
  containers: '^services/[^/]+/src/[^/]*container\\.ts$',
};
const AWS_SDK = 'node_modules/.*@aws-sdk/';

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-cross-service',
      comment: 'A service never imports another service (talk over HTTP); only its published contract package, @emporium/<service>-contract.',
      severity: 'error',
      from: { path: '^services/([^/]+)/' },
      to: { path: '^services/', pathNot: ['^services/$1/', '^services/[^/]+/contract/'] },
    },
    {
      name: 'contract-is-standalone',
      comment: "A contract package is published on its own: it imports @emporium/common and other contracts, never a service's code.",
      severity: 'error',
      from: { path: '^services/[^/]+/contract/' },
      to: { path: '^services/[^/]+/', pathNot: '^services/[^/]+/contract/' },
    },
    {
      name: 'packages-not-to-services',
      comment: 'packages/* and platform/ are shared by every service: they never import a service or its contract.',
      severity: 'error',
      from: { path: '^(packages|platform)/' },
      to: { path: '^services/' },
    },
    {
      name: 'domain-is-pure',
      comment: 'src/domain holds types and pure rules: no AWS SDK, no DynamoDB helpers, no adapters, use cases, handlers or composition roots.',
      severity: 'error',
      from: { path: SERVICE_LAYERS.domain },
      to: {
        path: [AWS_SDK, '^packages/common/src/dynamodb/', SERVICE_LAYERS.useCases, SERVICE_LAYERS.handlers, SERVICE_LAYERS.adapters, SERVICE_LAYERS.containers],
      },
    },
    {
      name: 'use-cases-through-ports',
      comment: 'Use cases reach the outside through their ports (deps): no AWS SDK, no adapters, handlers or composition roots.',
      severity: 'error',
      from: { path: SERVICE_LAYERS.useCases },
      to: { path: [AWS_SDK, SERVICE_LAYERS.handlers, SERVICE_LAYERS.adapters, SERVICE_LAYERS.containers] },
    },
    {
      name: 'handlers-stay-thin',
      comment: 'A handler takes its dependencies from a composition root: it never builds an adapter or an AWS client itself.',
      severity: 'error',
      from: { path: SERVICE_LAYERS.handlers },
      to: { path: [AWS_SDK, SERVICE_LAYERS.adapters] },
    },
    {
      name: 'no-circular',
      comment: 'No import cycles at run time (a cycle through an `import type` only is erased by the compiler and allowed).',
      severity: 'error',
      from: {},
      to: { circular: true, viaOnly: { dependencyTypesNot: ['type-only'] } },
    },
    {
      name: 'not-to-unresolvable',
      comment:
        'Every import resolves: with pnpm an undeclared dependency does not. The benchmarks and the platform bundler load files ' +
        'through createRequire() from another folder, which a static reading cannot follow.',
      severity: 'error',
      from: { pathNot: ['^packages/local/bench/', '^packages/local/bin/bundle-platform\\.mjs$'] },
      to: { couldNotResolve: true },
    },
    {
      name: 'no-non-package-json',
      comment: "Every npm package imported is declared in the importing package's package.json (not only reachable from the root's).",
      severity: 'error',
      from: {},
      to: { dependencyTypes: ['npm-no-pkg', 'npm-unknown'] },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    // Build output, caches and tool sandboxes (.esbuild, .serverless, .stryker-tmp, ...), coverage.
    exclude: { path: ['^(packages|services|platform)/[^/]+/\\.', '^services/[^/]+/contract/\\.', '/coverage/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.base.json' },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
      extensions: ['.ts', '.cts', '.mts', '.d.ts', '.js', '.cjs', '.mjs', '.json'],
    },
    reporterOptions: { text: { highlightFocused: true } },
  },
};

import nx from '@nx/eslint-plugin';
import tseslint from 'typescript-eslint';

// Nx module boundaries on two axes: scope (which bounded context) and type (which layer).
// There is deliberately no '*' -> '*' constraint: every edge below is one we mean to allow.
const depConstraints = [
  { sourceTag: 'scope:shared', onlyDependOnLibsWithTags: ['scope:shared'] },
  { sourceTag: 'scope:registry', onlyDependOnLibsWithTags: ['scope:shared', 'scope:registry'] },
  { sourceTag: 'scope:projections', onlyDependOnLibsWithTags: ['scope:shared', 'scope:projections'] },
  { sourceTag: 'scope:cases', onlyDependOnLibsWithTags: ['scope:shared', 'scope:cases'] },
  { sourceTag: 'scope:volunteering', onlyDependOnLibsWithTags: ['scope:shared', 'scope:volunteering'] },
  { sourceTag: 'scope:brokerage', onlyDependOnLibsWithTags: ['scope:shared', 'scope:brokerage'] },
  // The platform is the composition root of the embedded mode: it assembles every service.
  {
    sourceTag: 'scope:platform',
    onlyDependOnLibsWithTags: [
      'scope:shared',
      'scope:registry',
      'scope:projections',
      'scope:cases',
      'scope:volunteering',
      'scope:brokerage',
      'scope:platform',
    ],
  },
  { sourceTag: 'type:contracts', onlyDependOnLibsWithTags: ['type:contracts'] },
  { sourceTag: 'type:util', onlyDependOnLibsWithTags: ['type:contracts', 'type:util'] },
  { sourceTag: 'type:adapter', onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:adapter'] },
  {
    sourceTag: 'type:testing',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:adapter', 'type:testing'],
  },
  // A service never imports another service: type:service may not depend on type:service.
  {
    sourceTag: 'type:service',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:adapter', 'type:testing'],
  },
  {
    sourceTag: 'type:app',
    onlyDependOnLibsWithTags: ['type:contracts', 'type:util', 'type:adapter', 'type:testing', 'type:service'],
  },
];

// Nx counts spec files in a project's dependencies: an adapter's spec running a conformance suite of
// libs/testing closes a loop that production code never has. Only these loops are tolerated.
const testOnlyCycles = [
  ['testing', 'eventsourcing'],
  ['testing', 'messaging'],
  ['testing', 'documents'],
  ['messaging', 'eventsourcing'],
  ['documents', 'eventsourcing'],
  ['testing', 'tenancy'],
  ['testing', 'privacy'],
];

export default [
  { ignores: ['**/node_modules/**', '**/dist/**', '**/tmp/**', 'deploy/**', 'k8s/**', '**/*.js', '**/*.mjs'] },
  ...nx.configs['flat/base'],
  ...nx.configs['flat/typescript'],
  {
    files: ['**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          banTransitiveDependencies: true,
          ignoredCircularDependencies: testOnlyCycles,
          depConstraints,
        },
      ],
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-console': ['error', { allow: ['error'] }],
    },
  },
  {
    // Tests of an adapter run the shared conformance suites of libs/testing, which in turn import the port
    // they test: the only dependency edges allowed against the layering, and only from test files.
    files: ['**/*.spec.ts', '**/*.int-spec.ts', '**/*.e2e-spec.ts', 'libs/testing/**/*.ts'],
    rules: {
      '@nx/enforce-module-boundaries': [
        'error',
        {
          enforceBuildableLibDependency: false,
          allow: [],
          banTransitiveDependencies: true,
          ignoredCircularDependencies: testOnlyCycles,
          depConstraints: depConstraints.map((c) =>
            c.sourceTag === 'type:adapter' ? { ...c, onlyDependOnLibsWithTags: [...c.onlyDependOnLibsWithTags, 'type:testing'] } : c,
          ),
        },
      ],
    },
  },
  {
    // Deciders are pure: no framework, no driver, no clock, no randomness.
    files: ['**/*.decider.ts'],
    rules: {
      'no-restricted-imports': [
        'error',
        {
          patterns: [
            { group: ['@nestjs/*', 'better-sqlite3', 'kafkajs', 'mongoose', 'pg', 'fastify', 'node:*', 'crypto', 'fs'], message: 'Deciders are pure.' },
          ],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: 'Time comes in with the command.' },
        { selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']", message: 'Time comes in with the command.' },
        { selector: "CallExpression[callee.object.name='Math'][callee.property.name='random']", message: 'Ids come in with the command.' },
      ],
    },
  },
  {
    files: ['bench/**/*.ts', 'services/platform/src/cli/**/*.ts', 'services/platform/src/main.ts'],
    rules: { 'no-console': 'off' },
  },
];

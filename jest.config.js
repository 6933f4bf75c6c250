// One Jest run for the whole workspace: the README's test command runs it after lint and typecheck.
const { pathsToModuleNameMapper } = (() => {
  const { compilerOptions } = require('./tsconfig.base.json');
  const mapper = {};
  for (const [alias, [target]] of Object.entries(compilerOptions.paths)) {
    mapper[`^${alias.replace('/', '\\/')}$`] = `<rootDir>/${target}`;
  }
  return { pathsToModuleNameMapper: () => mapper };
})();

const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
  },
];

module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/libs', '<rootDir>/services'],
  testMatch: ['**/*.spec.ts', '**/*.int-spec.ts'],
  // jose 6 ships ESM only; Jest on Node 20 cannot require it, so it is compiled like our sources.
  transform: { '^.+\\.(ts|js)$': swc },
  transformIgnorePatterns: ['/node_modules/(?!jose/)'],
  moduleNameMapper: pathsToModuleNameMapper(),
  setupFiles: ['reflect-metadata'],
  testTimeout: 30000,
};

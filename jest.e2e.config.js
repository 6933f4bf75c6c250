// Jest for the e2e tier (*.e2e-spec.ts, real engines): the root config's transform and module mapper,
// plus a globalSetup that finds or starts the engines once per run and a globalTeardown that stops
// what it started. Run: npx jest -c jest.e2e.config.js
const base = require('./jest.config.js');

module.exports = {
  ...base,
  testMatch: ['**/*.e2e-spec.ts'],
  globalSetup: '<rootDir>/libs/testing/src/infra/global-setup.ts',
  globalTeardown: '<rootDir>/libs/testing/src/infra/global-teardown.ts',
  // Engines are shared by every file of the run; two workers match the two cores CI has.
  maxWorkers: 2,
  testTimeout: 60000,
};

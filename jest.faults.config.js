// Fault tests (npm run test:faults): the built service as child processes against a PostgreSQL
// server and an SMTP server that the tests stop, kill and restart. Run one file at a time.
const base = require('./jest.config.js');
const integration = base.projects.find((p) => p.displayName === 'integration');
module.exports = {
  transform: integration.transform,
  transformIgnorePatterns: integration.transformIgnorePatterns,
  moduleFileExtensions: integration.moduleFileExtensions,
  testEnvironment: 'node',
  displayName: 'faults',
  testMatch: ['<rootDir>/test/faults/**/*.fault-spec.ts'],
  testTimeout: 15 * 60 * 1000,
  maxWorkers: 1,
  reporters: base.reporters,
};

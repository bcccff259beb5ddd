// `npm run bench:faults`: the long fault runs (chaos with kills, a Redis restart, 10,000 generated
// inputs per endpoint). Too long for `npm test`; .ci/run runs them after it on each profile.
const base = require('./jest.config');

module.exports = {
  ...base,
  testMatch: ['<rootDir>/test/faults/**/*.faults-spec.ts'],
  testTimeout: 15 * 60_000,
  maxWorkers: 1,
};

/**
 * Jest in native-ESM mode with ts-jest; run through `npm test` (node --experimental-vm-modules).
 * Four projects, one run: `unit`, `integration` (end to end against the real server, the stores, the CLI),
 * `browser` (Chromium) and `quality` (answer-quality floors on the shared and multilingual datasets).
 * One of them alone: `node --experimental-vm-modules node_modules/jest/bin/jest.js --selectProjects unit`.
 */

/** What every project needs: ESM TypeScript through ts-jest, and the module mapping. */
const shared = {
  testEnvironment: 'node',
  extensionsToTreatAsEsm: ['.ts'],
  transform: { '^.+\\.ts$': ['ts-jest', { useESM: true, diagnostics: false }] },
  // libphonenumber-js's ESM build imports JSON without an import attribute, which Jest warns about on every
  // import; its CommonJS build is the same code.
  moduleNameMapper: {
    '^(\\.{1,2}/.*)\\.js$': '$1',
    '^libphonenumber-js$': '<rootDir>/node_modules/libphonenumber-js/index.cjs',
  },
  modulePathIgnorePatterns: ['<rootDir>/dist/'],
};

const ignored = ['/node_modules/', '/dist/'];

const integration = [
  '<rootDir>/test/e2e/**/*.test.ts',
  '<rootDir>/store/**/*.test.ts',
  // Redis at 127.0.0.1:6379 (cluster mode).
  '<rootDir>/cluster/**/*.test.ts',
  '<rootDir>/test/cli.test.ts',
  '<rootDir>/test/kb-eval.test.ts',
];
const browser = ['<rootDir>/test/browser/**/*.test.ts'];
const quality = ['<rootDir>/test/quality.test.ts', '<rootDir>/test/lang-quality.test.ts'];

/** A project of `shared` settings running the files that `testMatch` selects. */
const project = (name, color, testMatch, testPathIgnorePatterns = ignored) => ({
  ...shared,
  displayName: { name, color },
  testMatch,
  testPathIgnorePatterns,
});

export default {
  projects: [
    project(
      'unit',
      'blue',
      ['<rootDir>/**/*.test.ts'],
      [
        ...ignored,
        '<rootDir>/test/e2e/',
        '<rootDir>/test/browser/',
        '<rootDir>/store/',
        '<rootDir>/cluster/',
        '<rootDir>/test/(cli|kb-eval|quality|lang-quality)\\.test\\.ts$',
      ],
    ),
    project('integration', 'magenta', integration),
    project('browser', 'cyan', browser),
    project('quality', 'yellow', quality),
  ],
  // The machines have two cores; Jest's default (cores − 1) would run one file at a time.
  maxWorkers: 2,
  testTimeout: 30000,
};

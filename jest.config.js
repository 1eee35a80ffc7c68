// Every test tier runs under jest, from source: @swc/jest compiles TypeScript (decorators and
// their metadata included, which Nest's dependency injection reads) without a tsc build. The
// e2e tier still spawns the apps from dist/, which `npm test` builds first.
//   PORTICO_TEST_TIER=unit   only *.spec.ts (no infrastructure): `npm test -- --unit`
const { compilerOptions } = require('./tsconfig.json');

const TIERS = { unit: ['spec'], all: ['spec', 'int-spec', 'e2e-spec'] };
const tiers = TIERS[process.env.PORTICO_TEST_TIER === 'unit' ? 'unit' : 'all'];

/** @type {import('jest').Config} */
module.exports = {
  rootDir: __dirname,
  roots: [
    '<rootDir>/apps',
    '<rootDir>/libs',
    '<rootDir>/test',
    '<rootDir>/tools',
    '<rootDir>/bench',
  ],
  testEnvironment: 'node',
  // `x.int-spec.ts` does not end in `.spec.ts`: each file belongs to exactly one tier.
  testMatch: tiers.map((tier) => `**/*.${tier}.ts`),
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: {
    '^.+\\.ts$': [
      '@swc/jest',
      {
        jsc: {
          parser: { syntax: 'typescript', decorators: true },
          transform: { legacyDecorator: true, decoratorMetadata: true },
          target: 'es2022',
          keepClassNames: true,
        },
        module: { type: 'commonjs' },
        sourceMaps: 'inline',
      },
    ],
  },
  // tsconfig's @portico/* paths, so that sources import each other as the build does.
  moduleNameMapper: {
    ...Object.fromEntries(
      Object.entries(compilerOptions.paths).map(([alias, [target]]) => [
        `^${alias}$`,
        `<rootDir>/${target}`,
      ]),
    ),
    // node:assert that compares values made by Node and by the test alike (see the file).
    '^node:assert(/strict)?$': '<rootDir>/tools/jest/realm-safe-assert.js',
  },
  // Tests share one broker and one database, and spawn apps: one file at a time (--runInBand),
  // unit files first, then integration, then end-to-end.
  testSequencer: '<rootDir>/tools/jest/tier-sequencer.js',
  testTimeout: 300_000,
  reporters: [
    '<rootDir>/tools/jest/progress-reporter.js',
    '<rootDir>/tools/jest/summary-line-reporter.js',
  ],
};

/** Shared jest preset: every package's jest.config.cjs re-exports it. */
module.exports = {
  testEnvironment: 'node',
  transform: {
    '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2023', parser: { syntax: 'typescript' } } }],
  },
  testMatch: ['**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/.esbuild/', '/.serverless/'],
  setupFiles: [require.resolve('./jest.setup.cjs')],
  // ESM-only dependencies (Middy, ulid, jose) are transpiled too.
  transformIgnorePatterns: ['/node_modules/(?!(\\.pnpm/)?(@middy|ulid|jose)[@+/])'],
};

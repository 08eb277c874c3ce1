// Mutation testing of the service's domain (its pure rules): `pnpm test:mutation catalog`.
import { strykerConfig } from '../../scripts/stryker.base.mjs';

export default strykerConfig(import.meta.url, {
  mutate: ['src/domain/**/*.ts', '!src/**/*.test.ts'],
  // The rules' own tests and the use cases' (in-memory ports); handler and adapter tests exercise
  // I/O wiring, not these rules, and would only make each mutant slower to test.
  tests: ['src/domain/**/*.test.ts', 'src/use-cases/**/*.test.ts'],
});

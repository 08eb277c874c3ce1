// Mutation testing of the shared library against its unit tests: `pnpm test:mutation common`.
import { strykerConfig } from '../../scripts/stryker.base.mjs';

export default strykerConfig(import.meta.url, {
  mutate: ['src/**/*.ts', '!src/**/*.test.ts'],
});

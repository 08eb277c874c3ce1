/**
 * catalog's contracts, v1 and v2: the generated OpenAPI documents and gateway models are current,
 * no released version has a breaking change, and each version's serverless file declares exactly
 * that version's routes. v2 exists because its change would break v1: the check says so.
 */
import { api } from '@emporium/catalog-contract/api';
import { api as apiV2 } from '@emporium/catalog-contract/v2/api';
import { breakingChanges } from '@emporium/openapi/breaking-changes';
import { describeContractChecks } from '@emporium/openapi/contract-checks';
import { openApiDocument } from '@emporium/openapi/document';
import { readFileSync } from 'node:fs';
import path from 'node:path';

const SERVICE_DIR = path.resolve(__dirname, '..');

describeContractChecks({ serviceDir: SERVICE_DIR, apis: [api, apiV2] });

describe('v2 beside v1', () => {
  it('v2 is a breaking change to the released v1 (so it ships as a new base path, and v1 stays as it was)', () => {
    const releasedV1: unknown = JSON.parse(readFileSync(path.join(SERVICE_DIR, 'openapi', 'released', 'v1.json'), 'utf8'));
    const changes = breakingChanges(releasedV1, { ...openApiDocument(apiV2), servers: openApiDocument(api).servers });
    expect(changes.some((change) => change.includes('stock'))).toBe(true);
  });
});

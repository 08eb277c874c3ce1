import type { ApiContract } from '@emporium/common/http/api';
import { gatewayResponseResources } from '@emporium/common/http/gateway-responses';
import { openApiDocument } from './document';
import { gatewayRequests } from './gateway-models';

const json = (value: unknown): string => `${JSON.stringify(value, null, 2)}\n`;

/**
 * The files a service's contract generates, by path relative to the service folder: one OpenAPI
 * document per API version (served at <base path>/openapi.json, linted, compared with the released
 * one) and the gateway's request models per operation (referenced from serverless.yml).
 */
export const serviceArtifacts = (apis: readonly ApiContract[]): Record<string, string> => {
  const files: Record<string, string> = {};
  for (const api of apis) {
    files[`openapi/${api.version}.json`] = json(openApiDocument(api));
    files[gatewayRequestsPath(api.version)] = json(gatewayRequests(api));
  }
  return files;
};

/**
 * One stack per API version (docs/adr/0015): v1 is served by the service's serverless.yml, a later
 * version by serverless.<version>.yml (a stack of its own over the same table).
 */
export const serverlessConfigPath = (version: string): string => (version === 'v1' ? 'serverless.yml' : `serverless.${version}.yml`);

/** The gateway's request models of one API version, referenced from that version's serverless file. */
export const gatewayRequestsPath = (version: string): string => (version === 'v1' ? 'openapi/gateway.json' : `openapi/gateway.${version}.json`);

/** The platform's gateway responses (every service includes them), relative to the repository root. */
export const platformArtifacts = (): Record<string, string> => ({
  'serverless.gateway-responses.json': json({ Resources: gatewayResponseResources() }),
});

/** Where the released documents are kept: the baseline of the breaking-change check. */
export const releasedDocumentPath = (version: string): string => `openapi/released/${version}.json`;

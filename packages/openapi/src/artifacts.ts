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
  const requests: Record<string, unknown> = {};
  for (const api of apis) {
    files[`openapi/${api.version}.json`] = json(openApiDocument(api));
    Object.assign(requests, gatewayRequests(api));
  }
  files['openapi/gateway.json'] = json(requests);
  return files;
};

/** The platform's gateway responses (every service includes them), relative to the repository root. */
export const platformArtifacts = (): Record<string, string> => ({
  'serverless.gateway-responses.json': json({ Resources: gatewayResponseResources() }),
});

/** Where the released documents are kept: the baseline of the breaking-change check. */
export const releasedDocumentPath = (version: string): string => `openapi/released/${version}.json`;

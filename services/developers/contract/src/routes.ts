import { openApiDocumentRoute } from '@emporium/common/http/route';
import { createApp } from './operations/create-app';
import { listApps } from './operations/list-apps';
import { getApp } from './operations/get-app';
import { updateApp } from './operations/update-app';
import { rotateKey } from './operations/rotate-key';
import { revokeKey } from './operations/revoke-key';
import { getUsage } from './operations/get-usage';

/**
 * Developers' routes under /v1/developers: one module each in ./operations, where each handler imports
 * its own; this list is what the gateway models, the OpenAPI document and the tests read.
 */
export const routes = {
  createApp,
  listApps,
  getApp,
  updateApp,
  rotateKey,
  revokeKey,
  getUsage,
  getOpenApiDocument: openApiDocumentRoute,
} as const;

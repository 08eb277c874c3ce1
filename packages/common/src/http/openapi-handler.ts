import type { HttpHandler } from './handler';
import { httpHandler } from './handler';
import { openApiDocumentRoute } from './route';

/**
 * `GET <base path>/openapi.json`: serves the service's generated OpenAPI document (a JSON file
 * bundled into the function; `pnpm generate` writes it from the contract). Public and cached.
 */
export const openApiDocumentHandler = (document: Record<string, unknown>): HttpHandler =>
  httpHandler(openApiDocumentRoute, async () => Promise.resolve({ body: document }));

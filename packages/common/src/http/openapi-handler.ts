import type { HttpHandler } from './handler';
import { httpHandler } from './handler';
import { openApiDocumentRoute } from './route';
import { apiVersionOf } from './versions';

type Document = Record<string, unknown>;

/**
 * `GET <base path>/openapi.json`: serves the service's generated OpenAPI document (a JSON file
 * bundled into the function; `pnpm generate` writes it from the contract). Public and cached. A
 * service with several API versions passes its documents by version (`{ v1, v2 }`); each version's
 * stack serves its own (the version of API_BASE_PATH).
 */
export const openApiDocumentHandler = (documents: Document | Readonly<Record<string, Document>>): HttpHandler => {
  const document = 'openapi' in documents ? documents : (documents as Record<string, Document>)[apiVersionOf(process.env)];
  if (!document) throw new Error(`No OpenAPI document for API version ${apiVersionOf(process.env)} (API_BASE_PATH)`);
  return httpHandler(openApiDocumentRoute, async () => Promise.resolve({ body: document }));
};

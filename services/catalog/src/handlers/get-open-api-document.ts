import { openApiDocumentHandler } from '@emporium/common/http/openapi-handler';
import v1 from '../../openapi/v1.json';
import v2 from '../../openapi/v2.json';

/** Each version's stack serves its own document (API_BASE_PATH names the version). */
export const handler = openApiDocumentHandler({ v1, v2 });

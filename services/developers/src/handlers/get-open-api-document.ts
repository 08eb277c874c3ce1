import { openApiDocumentHandler } from '@emporium/common/http/openapi-handler';
import document from '../../openapi/v1.json';

export const handler = openApiDocumentHandler(document);

import { apiEvent, lambdaContext } from '@emporium/testing/events';
import { openApiDocumentHandler } from './openapi-handler';

describe('openApiDocumentHandler', () => {
  const saved = process.env.API_BASE_PATH;
  afterEach(() => {
    if (saved === undefined) delete process.env.API_BASE_PATH;
    else process.env.API_BASE_PATH = saved;
  });
  const v1 = { openapi: '3.1.0', info: { title: 'v1' } };
  const v2 = { openapi: '3.1.0', info: { title: 'v2' } };

  it('serves the one document of a service with one version', async () => {
    const result = await openApiDocumentHandler(v1)(apiEvent(), lambdaContext());
    expect(result.statusCode).toBe(200);
    expect(JSON.parse(result.body)).toEqual(v1);
  });

  it("serves the document of this stack's version (API_BASE_PATH)", async () => {
    process.env.API_BASE_PATH = '/v2/catalog';
    expect(JSON.parse((await openApiDocumentHandler({ v1, v2 })(apiEvent(), lambdaContext())).body)).toEqual(v2);
    process.env.API_BASE_PATH = '/v1/catalog';
    expect(JSON.parse((await openApiDocumentHandler({ v1, v2 })(apiEvent(), lambdaContext())).body)).toEqual(v1);
  });

  it('refuses to start without a document for its version', () => {
    process.env.API_BASE_PATH = '/v3/catalog';
    expect(() => openApiDocumentHandler({ v1, v2 })).toThrow('No OpenAPI document for API version v3 (API_BASE_PATH)');
  });
});

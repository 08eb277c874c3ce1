import { readFileSync } from 'node:fs';
import path from 'node:path';
import { gatewayResponseResources } from './gateway-responses';

type Resource = {
  Type: string;
  Properties: { ResponseType: string; StatusCode?: string; ResponseTemplates: Record<string, string>; ResponseParameters: Record<string, string> };
};

/** What API Gateway substitutes: messageString comes quoted, the others as they are. */
const render = (template: string) =>
  template
    .replace(/\$context\.error\.messageString/g, '"Missing Authentication Token"')
    .replace(/\$context\.error\.validationErrorString/g, 'Missing required request parameters: [Idempotency-Key]')
    .replace(/\$context\.error\.responseType/g, 'DEFAULT_4XX')
    .replace(/\$context\.status/g, '404')
    .replace(/\$context\.path/g, '/v1/catalog/nowhere')
    .replace(/\$context\.requestId/g, 'c0a8012e-5f3b-4c6e-9d2a-7b1e8f4a6d35');

describe('gateway responses', () => {
  const resources = Object.values(gatewayResponseResources()) as Resource[];

  it.each(resources.map((r) => [r.Properties.ResponseType, r] as const))('%s renders to the problem envelope', (_, resource) => {
    const body = JSON.parse(render(resource.Properties.ResponseTemplates['application/json'] ?? '')) as Record<string, unknown>;
    expect(Object.keys(body)).toEqual(['type', 'title', 'status', 'detail', 'code', 'instance', 'requestId']);
    expect(body['type']).toMatch(/^https:\/\/emporium\.example\.com\/problems\/[a-z-]+$/);
    expect(typeof body['status']).toBe('number');
    expect(resource.Properties.ResponseParameters['gatewayresponse.header.Content-Type']).toBe("'application/problem+json'");
  });

  it('answers request validation failures as VALIDATION_FAILED naming what failed', () => {
    for (const type of ['BAD_REQUEST_BODY', 'BAD_REQUEST_PARAMETERS']) {
      const resource = resources.find((r) => r.Properties.ResponseType === type)!;
      const body = JSON.parse(render(resource.Properties.ResponseTemplates['application/json']!)) as Record<string, unknown>;
      expect(resource.Properties.StatusCode).toBe('400');
      expect(body).toMatchObject({ status: 400, code: 'VALIDATION_FAILED', detail: 'Missing required request parameters: [Idempotency-Key]' });
    }
  });

  it('maps an unknown route (MISSING_AUTHENTICATION_TOKEN) to 404 ROUTE_NOT_FOUND and a throttled call to 429 with Retry-After', () => {
    const missing = resources.find((r) => r.Properties.ResponseType === 'MISSING_AUTHENTICATION_TOKEN')!;
    expect(missing.Properties.StatusCode).toBe('404');
    expect(JSON.parse(render(missing.Properties.ResponseTemplates['application/json']!))).toMatchObject({ code: 'ROUTE_NOT_FOUND' });
    const throttled = resources.find((r) => r.Properties.ResponseType === 'THROTTLED')!;
    expect(throttled.Properties.ResponseParameters['gatewayresponse.header.Retry-After']).toBe("'1'");
  });

  it('is what serverless.gateway-responses.json holds (run `pnpm generate` after changing it)', () => {
    const file = path.resolve(__dirname, '../../../../serverless.gateway-responses.json');
    expect(readFileSync(file, 'utf8')).toBe(`${JSON.stringify({ Resources: gatewayResponseResources() }, null, 2)}\n`);
  });
});

import type { ApiContract } from '@emporium/common/http/api';
import { PROBLEM_CONTENT_TYPE, problemSchema } from '@emporium/common/http/problem';
import type { RouteContract } from '@emporium/common/http/route';
import { problemsOf, successStatusesOf } from '@emporium/common/http/route';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { accountsApi, accountRoutes, shopApi, shopRoutes } from '../test/fixture-api';
import { openApiDocument } from './document';

// The document is plain JSON: read loosely.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const CLI = path.join(__dirname, '..', 'bin', 'emporium-openapi.mjs');
const METHODS = ['get', 'put', 'post', 'patch', 'delete'];

const shop: Json = openApiDocument(shopApi);
const accounts: Json = openApiDocument(accountsApi);
const apis: [ApiContract, Json][] = [
  [shopApi, shop],
  [accountsApi, accounts],
];
const everyRoute = apis.flatMap(([api, doc]) => api.routes.map((route) => [`${api.service} ${route.operationId}`, route, doc] as const));

const operation = (doc: Json, route: Pick<RouteContract, 'method' | 'path'>): Json => doc.paths[route.path]?.[route.method.toLowerCase()];
const parameter = (doc: Json, route: RouteContract, where: string, name: string): Json =>
  (operation(doc, route).parameters ?? []).find((p: Json) => p.in === where && p.name === name);
const refName = (ref: string, kind: string): string => {
  const prefix = `#/components/${kind}/`;
  if (!ref.startsWith(prefix)) throw new Error(`${ref} is not a ref into components.${kind}`);
  return ref.slice(prefix.length);
};
const resolveResponse = (doc: Json, response: Json): Json => (response.$ref ? doc.components.responses[refName(response.$ref, 'responses')] : response);
const resolveSchema = (doc: Json, schema: Json): Json => (schema?.$ref ? doc.components.schemas[refName(schema.$ref, 'schemas')] : schema);
/** The `code` enum and `status` const of a problem response's schema (allOf: Problem + its own codes). */
const problemCodesOf = (doc: Json, response: Json) => {
  const schema = resolveResponse(doc, response).content[PROBLEM_CONTENT_TYPE].schema;
  const own = schema.allOf.map((part: Json) => resolveSchema(doc, part)).find((part: Json) => part.properties?.code?.enum);
  return { codes: own.properties.code.enum as string[], status: own.properties.status.const as number, envelope: schema.allOf.map((p: Json) => p.$ref) };
};
const statusesOf = (responses: Json, test: (status: number) => boolean) =>
  Object.keys(responses)
    .map(Number)
    .filter(test)
    .sort((a, b) => a - b);

describe('openApiDocument', () => {
  describe('the document', () => {
    it('is OpenAPI 3.1.0 with the title, version and description of the API', () => {
      expect(shop.openapi).toBe('3.1.0');
      expect(shop.info).toMatchObject({ title: shopApi.title, version: 'v1', description: shopApi.description });
    });

    it('is served relative to the base path, so every host that serves it is its server', () => {
      expect(shop.servers).toEqual([expect.objectContaining({ url: '/v1/shop' })]);
      expect(accounts.servers).toEqual([expect.objectContaining({ url: '/v1/accounts' })]);
    });

    it('lists the tags of the API', () => {
      expect(shop.tags).toEqual(shopApi.tags);
    });

    it('declares the bearer security scheme (JWT)', () => {
      expect(shop.components.securitySchemes).toEqual({ bearerAuth: expect.objectContaining({ type: 'http', scheme: 'bearer', bearerFormat: 'JWT' }) });
    });

    it('is plain JSON (no undefined, functions or zod objects left)', () => {
      expect(JSON.parse(JSON.stringify(shop))).toEqual(shop);
    });

    it.each(apis.map(([api, doc]) => [api.service, api, doc] as const))(
      '%s: has exactly the routes of the contract, each under its path and method with its operationId',
      (_, api, doc) => {
        const documented = Object.entries(doc.paths as Record<string, Json>)
          .flatMap(([p, item]) => METHODS.filter((m) => item[m]).map((m) => `${m.toUpperCase()} ${p} ${item[m].operationId}`))
          .sort();
        expect(documented).toEqual(api.routes.map((r) => `${r.method} ${r.path} ${r.operationId}`).sort());
      },
    );

    it('keeps the root route at `/` and literal paths with dots', () => {
      expect(operation(accounts, accountRoutes.register).operationId).toBe('register');
      expect(operation(accounts, accountRoutes.getKeys).operationId).toBe('getKeys');
    });
  });

  describe('parameters', () => {
    it.each(everyRoute)('%s: every {parameter} of the path is a required path parameter', (_, route, doc) => {
      const names = [...route.path.matchAll(/\{(\w+)\}/g)].map((m) => m[1]);
      const documented = (operation(doc, route).parameters ?? []).filter((p: Json) => p.in === 'path');
      expect(documented.map((p: Json) => p.name).sort()).toEqual(names.sort());
      for (const p of documented) expect(p.required).toBe(true);
    });

    it('documents a path parameter with the schema of the contract', () => {
      expect(parameter(shop, shopRoutes.getItem, 'path', 'id').schema).toMatchObject({ type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' });
    });

    it('documents every query parameter, optional ones (defaults included) not required', () => {
      const params = operation(shop, shopRoutes.listItems).parameters;
      expect(params.map((p: Json) => [p.in, p.name, p.required ?? false])).toEqual([
        ['query', 'category', false],
        ['query', 'limit', false],
        ['query', 'cursor', false],
      ]);
      expect(parameter(shop, shopRoutes.listItems, 'query', 'limit').schema).toMatchObject({ type: 'integer', minimum: 1, maximum: 50, default: 20 });
    });

    it('documents the request headers of the contract, required or not', () => {
      expect(parameter(shop, shopRoutes.reserve, 'header', 'Idempotency-Key')).toMatchObject({ required: true, schema: { type: 'string' } });
      const note = parameter(shop, shopRoutes.reserve, 'header', 'X-Client-Note');
      expect(note).toBeDefined();
      expect(note.required ?? false).toBe(false);
    });

    it('documents If-Match as required on a route where it is required', () => {
      expect(parameter(shop, shopRoutes.updateItem, 'header', 'If-Match')).toMatchObject({ required: true, schema: { type: 'string', example: '"3"' } });
    });

    it('documents If-Match as optional on a route where it is optional', () => {
      const ifMatch = parameter(shop, shopRoutes.archiveItem, 'header', 'If-Match');
      expect(ifMatch).toBeDefined();
      expect(ifMatch.required ?? false).toBe(false);
    });

    it.each(everyRoute.filter(([, route]) => !route.ifMatch))('%s: no If-Match without ifMatch', (_, route, doc) => {
      expect(parameter(doc, route, 'header', 'If-Match')).toBeUndefined();
    });

    it.each(everyRoute)('%s: optional If-None-Match exactly on a GET with an ETag', (_, route, doc) => {
      const ifNoneMatch = parameter(doc, route, 'header', 'If-None-Match');
      if (route.etag && route.method === 'GET') {
        expect(ifNoneMatch).toBeDefined();
        expect(ifNoneMatch.required ?? false).toBe(false);
      } else {
        expect(ifNoneMatch).toBeUndefined();
      }
    });

    it('has no parameters at all on a route that takes none', () => {
      expect(operation(shop, shopRoutes.getMyBasket).parameters).toBeUndefined();
    });
  });

  describe('request bodies', () => {
    it.each(everyRoute)('%s: a required JSON request body exactly when the contract has a body', (_, route, doc) => {
      const body = operation(doc, route).requestBody;
      if (route.request?.body) {
        expect(body).toEqual({ required: true, content: { 'application/json': { schema: expect.any(Object) } } });
      } else {
        expect(body).toBeUndefined();
      }
    });

    it('is the zod schema: a registered one as a $ref into components.schemas, with its fields and required list', () => {
      const schema = operation(shop, shopRoutes.createItem).requestBody.content['application/json'].schema;
      expect(schema).toEqual({ $ref: '#/components/schemas/CreateItem' });
      const createItem = shop.components.schemas.CreateItem;
      expect(Object.keys(createItem.properties)).toEqual(['sku', 'name', 'note', 'price', 'category', 'stock', 'tags', 'kind']);
      expect(createItem.required).toEqual(['sku', 'name', 'price', 'category', 'stock', 'kind']);
      expect(createItem.additionalProperties).toBe(false);
    });
  });

  describe('security', () => {
    it.each(everyRoute)('%s: bearerAuth exactly on routes with roles, `security: []` on public ones', (_, route, doc) => {
      expect(operation(doc, route).security).toEqual(route.roles ? [{ bearerAuth: [] }] : []);
    });

    it('names the roles a route needs, or that it is public, in its description', () => {
      expect(operation(shop, shopRoutes.reserve).description).toContain('Needs a bearer token with the role `admin` or `service`.');
      expect(operation(shop, shopRoutes.getItem).description).toContain('Public: no token needed.');
    });
  });

  describe('success responses', () => {
    it.each(everyRoute)('%s: exactly the declared success statuses (and 304 on an ETag GET)', (_, route, doc) => {
      const responses = operation(doc, route).responses;
      expect(statusesOf(responses, (s) => s < 400)).toEqual(successStatusesOf(route).sort((a, b) => a - b));
    });

    it.each(
      everyRoute.flatMap(([name, route, doc]) =>
        Object.entries(route.responses).map(([status, declared]) => [`${name} ${status}`, route, doc, status, declared] as const),
      ),
    )('%s: JSON body exactly when declared, and the declared headers', (_, route, doc, status, declared) => {
      const response = operation(doc, route).responses[status];
      expect(response.description).toBe(declared.description);
      if (declared.body) expect(Object.keys(response.content)).toEqual(['application/json']);
      else expect(response.content).toBeUndefined();
      const expected = [...(declared.headers ?? []), ...(route.method === 'GET' && route.cache ? ['Cache-Control'] : [])];
      expect(Object.keys(response.headers ?? {})).toEqual(expected);
      for (const header of Object.values<Json>(response.headers ?? {})) expect(header).toMatchObject({ required: true, schema: { type: 'string' } });
    });

    it("refuses a response body a function's bundle left out (`DOCS && schema` where DOCS is false)", () => {
      const stripped = { ...shopRoutes.createItem, responses: { 201: { ...shopRoutes.createItem.responses[201], body: false as const } } };
      expect(() => openApiDocument({ ...shopApi, routes: [stripped] })).toThrow('Documentation is missing');
    });

    it('201 with ETag and Location on a create', () => {
      const created = operation(shop, shopRoutes.createItem).responses['201'];
      expect(Object.keys(created.headers)).toEqual(['ETag', 'Location']);
      expect(created.content['application/json'].schema).toEqual({ $ref: '#/components/schemas/Item' });
    });

    it('ETag and Cache-Control on a cached GET, and a 304 without a body that repeats them', () => {
      const responses = operation(shop, shopRoutes.getItem).responses;
      expect(Object.keys(responses['200'].headers)).toEqual(['ETag', 'Cache-Control']);
      expect(responses['304'].content).toBeUndefined();
      expect(Object.keys(responses['304'].headers)).toEqual(['ETag', 'Cache-Control']);
    });

    it('304 carries only the ETag on an ETag GET that is not cached', () => {
      const route = { ...accountRoutes.getMe, cache: undefined } satisfies RouteContract;
      const doc: Json = openApiDocument({ ...accountsApi, routes: [route] });
      expect(Object.keys(doc.paths['/me'].get.responses['304'].headers)).toEqual(['ETag']);
      expect(Object.keys(doc.paths['/me'].get.responses['200'].headers)).toEqual(['ETag']);
    });

    it('no Cache-Control on a GET without cache, nor on a change', () => {
      const route = { ...shopRoutes.listItems, cache: undefined } satisfies RouteContract;
      const doc: Json = openApiDocument({ ...shopApi, routes: [route, shopRoutes.reserve] });
      expect(doc.paths['/items'].get.responses['200'].headers).toBeUndefined();
      expect(Object.keys(doc.paths['/reservations'].post.responses['201'].headers)).toEqual(['Location']);
      expect(doc.paths['/reservations'].post.responses['200'].headers).toBeUndefined();
    });

    it('no Cache-Control on a change even when its contract names a cache (only GETs are cached)', () => {
      const route = { ...shopRoutes.reserve, cache: 'public' } satisfies RouteContract;
      const doc: Json = openApiDocument({ ...shopApi, routes: [route] });
      expect(Object.keys(doc.paths['/reservations'].post.responses['201'].headers)).toEqual(['Location']);
    });

    it('no 304 on a GET without an ETag, nor on a change with one', () => {
      expect(operation(shop, shopRoutes.listItems).responses['304']).toBeUndefined();
      expect(operation(shop, shopRoutes.createItem).responses['304']).toBeUndefined();
      expect(operation(shop, shopRoutes.updateItem).responses['304']).toBeUndefined();
    });

    it('documents each response header with an example', () => {
      const headers = operation(shop, shopRoutes.createItem).responses['201'].headers;
      expect(headers.ETag.schema.example).toBe('"3"');
      expect(headers.Location.schema.example).toMatch(/^\/v1\//);
      expect(operation(shop, shopRoutes.getItem).responses['200'].headers['Cache-Control'].schema.example).toMatch(/max-age=/);
    });
  });

  describe('problem responses', () => {
    it.each(everyRoute)('%s: one response per status of its problems, and no other error status', (_, route, doc) => {
      const responses = operation(doc, route).responses;
      const expected = [...new Set(problemsOf(route).map((p) => p.status))].sort((a, b) => a - b);
      expect(statusesOf(responses, (s) => s >= 400)).toEqual(expected);
    });

    it.each(everyRoute)('%s: each problem status is application/problem+json whose code enum lists exactly the codes of that status', (_, route, doc) => {
      const responses = operation(doc, route).responses;
      for (const status of statusesOf(responses, (s) => s >= 400)) {
        const response = resolveResponse(doc, responses[status]);
        expect(Object.keys(response.content)).toEqual([PROBLEM_CONTENT_TYPE]);
        const { codes, status: documentedStatus, envelope } = problemCodesOf(doc, responses[status]);
        expect(documentedStatus).toBe(status);
        expect(envelope).toContain('#/components/schemas/Problem');
        expect([...codes].sort()).toEqual(
          problemsOf(route)
            .filter((p) => p.status === status)
            .map((p) => p.code)
            .sort(),
        );
      }
    });

    it('lists several codes of one status in one response (400 of a route with a body, 409 with two own codes)', () => {
      expect(problemCodesOf(shop, operation(shop, shopRoutes.createItem).responses['400']).codes).toEqual(['VALIDATION_FAILED', 'MALFORMED_JSON']);
      expect(problemCodesOf(shop, operation(shop, shopRoutes.getItem).responses['400']).codes).toEqual(['VALIDATION_FAILED']);
      expect([...problemCodesOf(shop, operation(shop, shopRoutes.updateItem).responses['409']).codes].sort()).toEqual(['ITEM_ARCHIVED', 'SKU_TAKEN']);
      expect(problemCodesOf(shop, operation(shop, shopRoutes.createItem).responses['409']).codes).toEqual(['SKU_TAKEN']);
    });

    it('has 401 and 403 only on routes with roles, 412 with If-Match, 428 only when it is required', () => {
      const statuses = (route: RouteContract) => Object.keys(operation(shop, route).responses);
      expect(statuses(shopRoutes.getItem)).not.toEqual(expect.arrayContaining(['401']));
      expect(statuses(shopRoutes.getItem)).not.toEqual(expect.arrayContaining(['403']));
      expect(statuses(shopRoutes.createItem)).toEqual(expect.arrayContaining(['401', '403']));
      expect(statuses(shopRoutes.updateItem)).toEqual(expect.arrayContaining(['412', '428']));
      expect(statuses(shopRoutes.archiveItem)).toEqual(expect.arrayContaining(['412']));
      expect(statuses(shopRoutes.archiveItem)).not.toEqual(expect.arrayContaining(['428']));
    });

    it.each(everyRoute)('%s: every problem response is a $ref into components.responses that resolves', (_, route, doc) => {
      const responses = operation(doc, route).responses;
      for (const status of statusesOf(responses, (s) => s >= 400)) {
        const response = responses[status];
        expect(Object.keys(response)).toEqual(['$ref']);
        expect(doc.components.responses[refName(response.$ref, 'responses')]).toBeDefined();
      }
    });

    it('shares one component between the routes that answer the same codes at a status', () => {
      const ref = (route: RouteContract, status: number) => operation(shop, route).responses[status].$ref;
      expect(ref(shopRoutes.createItem, 401)).toBe('#/components/responses/Unauthorized');
      expect(ref(shopRoutes.updateItem, 401)).toBe('#/components/responses/Unauthorized');
      expect(ref(shopRoutes.getItem, 429)).toBe('#/components/responses/Throttled');
      expect(ref(shopRoutes.reserve, 429)).toBe('#/components/responses/Throttled');
      expect(ref(shopRoutes.getItem, 404)).toBe(ref(shopRoutes.archiveItem, 404));
      // Different codes at one status are different components.
      expect(ref(shopRoutes.createItem, 400)).not.toBe(ref(shopRoutes.getItem, 400));
      expect(ref(shopRoutes.createItem, 409)).not.toBe(ref(shopRoutes.updateItem, 409));
    });

    it('keeps only components some operation references', () => {
      const used = new Set(JSON.stringify(shop.paths).match(/#\/components\/responses\/\w+/g));
      expect(
        Object.keys(shop.components.responses)
          .map((name) => `#/components/responses/${name}`)
          .sort(),
      ).toEqual([...used].sort());
    });

    it('tells a client when to retry a 429 and a 503 (Retry-After)', () => {
      for (const status of [429, 503]) {
        const response = resolveResponse(shop, operation(shop, shopRoutes.getItem).responses[status]);
        expect(Object.keys(response.headers)).toEqual(['Retry-After']);
      }
      expect(resolveResponse(shop, operation(shop, shopRoutes.getItem).responses[404]).headers).toBeUndefined();
    });

    it('describes each code of a response', () => {
      const response = resolveResponse(shop, operation(shop, shopRoutes.createItem).responses[400]);
      expect(response.description).toContain('`VALIDATION_FAILED`:');
      expect(response.description).toContain('`MALFORMED_JSON`:');
    });

    it.each(Object.keys(shop.components.responses as object))(
      'component %s has one example per code, each a valid problem envelope of that code and status',
      (name) => {
        const response = shop.components.responses[name];
        const { codes, status } = problemCodesOf(shop, response);
        const examples = response.content[PROBLEM_CONTENT_TYPE].examples;
        expect(Object.keys(examples).sort()).toEqual([...codes].sort());
        for (const code of codes) {
          const value = examples[code].value;
          expect(problemSchema.safeParse(value).success).toBe(true);
          expect(value).toMatchObject({ code, status });
          expect(examples[code].summary).toEqual(expect.any(String));
        }
      },
    );
  });

  describe('examples', () => {
    it('carries the examples of the contract into the schemas and parameters', () => {
      expect(shop.components.schemas.CreateItem.properties.sku.example).toBe('DESK-OAK-140');
      expect(shop.components.schemas.Money.properties.amount.example).toBe(1999);
      expect(parameter(shop, shopRoutes.getItem, 'path', 'id').schema.example).toBe('01JF3Z8X6M4Q2W9RZK7T5B1C0D');
      expect(parameter(shop, shopRoutes.getItem, 'header', 'If-None-Match').schema.example).toBe('"3"');
      expect(parameter(shop, shopRoutes.reserve, 'header', 'Idempotency-Key').schema.example).toBe('k-1');
    });
  });

  describe('Redocly lint (emporium-openapi lint)', () => {
    const dirs: string[] = [];
    afterAll(() => {
      for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
    });
    /** Runs the CLI's lint in a service-like folder holding `document` as openapi/v1.json. */
    const lint = (document: unknown) => {
      const dir = mkdtempSync(path.join(os.tmpdir(), 'emporium-openapi-lint-'));
      dirs.push(dir);
      mkdirSync(path.join(dir, 'openapi'));
      writeFileSync(path.join(dir, 'openapi', 'v1.json'), `${JSON.stringify(document, null, 2)}\n`);
      const result = spawnSync(process.execPath, [CLI, 'lint'], { cwd: dir, encoding: 'utf8', timeout: 60_000, env: { ...process.env, NO_COLOR: '1' } });
      return { status: result.status, output: `${result.stdout}${result.stderr}` };
    };

    it.each(apis.map(([api, doc]) => [api.service, doc] as const))(
      'passes the generated %s document (warnings would fail it)',
      (_, doc) => {
        const result = lint(doc);
        expect(result.output).toContain('openapi/v1.json');
        expect({ status: result.status, output: result.output }).toEqual({ status: 0, output: expect.any(String) });
      },
      60_000,
    );

    it('fails a document with a duplicate operationId', () => {
      const broken = structuredClone(shop);
      broken.paths['/items'].post.operationId = 'listItems';
      const result = lint(broken);
      expect(result.status).not.toBe(0);
      expect(result.output).toContain('operation-operationId-unique');
    }, 60_000);

    it('fails a document with a $ref that resolves to nothing', () => {
      const broken = structuredClone(shop);
      broken.paths['/items/{id}'].get.responses['404'] = { $ref: '#/components/responses/NoSuchResponse' };
      const result = lint(broken);
      expect(result.status).not.toBe(0);
    }, 60_000);
  });
});

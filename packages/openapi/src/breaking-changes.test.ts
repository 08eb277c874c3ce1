import type { ApiContract } from '@emporium/common/http/api';
import type { RouteContract } from '@emporium/common/http/route';
import { defineRoute } from '@emporium/common/http/route';
import { z } from 'zod';
import { createItemBody, itemIdParams, itemSchema, listItemsQuery, reserveBody, reserveHeaders, SHOP_PROBLEMS, shopApi, shopRoutes } from '../test/fixture-api';
import { breakingChanges } from './breaking-changes';
import { openApiDocument } from './document';

// Documents are plain JSON: mutated loosely.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const released: Json = openApiDocument(shopApi);
/** The released document changed by `change` (a copy: the released one stays as it is). */
const changed = (change: (doc: Json) => void): Json => {
  const doc = structuredClone(released);
  change(doc);
  return doc;
};
const schemas = (doc: Json) => doc.components.schemas;
const withRoutes = (...routes: RouteContract[]): ApiContract => ({ ...shopApi, routes });
/** The fixture API with one of its routes replaced (same operationId). */
const withRoute = (route: RouteContract): ApiContract => ({ ...shopApi, routes: shopApi.routes.map((r) => (r.operationId === route.operationId ? route : r)) });
const breaksFrom = (change: (doc: Json) => void) => breakingChanges(released, changed(change));

/** The operations that answer an Item (directly, or in a page of them). */
const ITEM_ANSWERS = ['GET /items 200 body.items[]', 'POST /items 201 body', 'GET /items/{id} 200 body', 'PATCH /items/{id} 200 body'];

describe('breakingChanges', () => {
  describe('no change', () => {
    it('finds nothing between identical documents', () => {
      expect(breakingChanges(released, structuredClone(released))).toEqual([]);
    });

    it('finds nothing between two generations of the same contract', () => {
      expect(breakingChanges(released, openApiDocument(shopApi))).toEqual([]);
    });

    it('finds nothing in a document against itself', () => {
      expect(breakingChanges(released, released)).toEqual([]);
    });
  });

  describe('routes', () => {
    it('reports a removed operation', () => {
      expect(breaksFrom((doc) => delete doc.paths['/items/{id}'].delete)).toEqual(['DELETE /items/{id}: removed route']);
    });

    it('reports every operation of a removed path', () => {
      expect(breaksFrom((doc) => delete doc.paths['/items/{id}'])).toEqual([
        'GET /items/{id}: removed route',
        'DELETE /items/{id}: removed route',
        'PATCH /items/{id}: removed route',
      ]);
    });

    it('reports a route moved to another path as removed', () => {
      const renamed = defineRoute({ ...shopRoutes.getMyBasket, path: '/me/cart' });
      expect(breakingChanges(released, openApiDocument(withRoute(renamed)))).toEqual(['GET /me/basket: removed route']);
    });

    it('reports a public route that now needs authentication', () => {
      expect(breaksFrom((doc) => (doc.paths['/items/{id}'].get.security = [{ bearerAuth: [] }]))).toEqual(['GET /items/{id}: now needs bearerAuth']);
    });

    it('reports roles added to a public route in the contract, and nothing else', () => {
      const guarded = defineRoute({ ...shopRoutes.getItem, roles: ['admin'] });
      expect(breakingChanges(released, openApiDocument(withRoute(guarded)))).toEqual(['GET /items/{id}: now needs bearerAuth']);
    });

    it('reports an API key added to a route, public or signed-in', () => {
      expect(breakingChanges(released, openApiDocument(withRoute(defineRoute({ ...shopRoutes.getItem, apiKey: true }))))).toEqual([
        'GET /items/{id}: now needs apiKeyAuth',
      ]);
      expect(breakingChanges(released, openApiDocument(withRoute(defineRoute({ ...shopRoutes.getMyBasket, apiKey: true }))))).toEqual([
        'GET /me/basket: now needs apiKeyAuth',
      ]);
    });

    it('lets a route accept a new alternative credential, or drop one it needed', () => {
      expect(breaksFrom((doc) => (doc.paths['/me/basket'].get.security = [{ bearerAuth: [] }, { apiKeyAuth: [] }]))).toEqual([]);
      expect(breaksFrom((doc) => (doc.paths['/me/basket'].get.security = []))).toEqual([]);
    });
  });

  describe('parameters', () => {
    it('reports a new required query parameter', () => {
      const change = (doc: Json) => doc.paths['/items'].get.parameters.push({ in: 'query', name: 'sort', required: true, schema: { type: 'string' } });
      expect(breaksFrom(change)).toEqual(['GET /items: new required input, query parameter sort']);
    });

    it('reports an optional query parameter that became required', () => {
      const query = listItemsQuery.extend({ category: z.string().min(1) });
      const route = defineRoute({ ...shopRoutes.listItems, request: { query } });
      expect(breakingChanges(released, openApiDocument(withRoute(route)))).toEqual(['GET /items: new required input, query parameter category']);
    });

    it('reports a new required header', () => {
      const change = (doc: Json) =>
        doc.paths['/items/{id}'].get.parameters.push({ in: 'header', name: 'X-Tenant', required: true, schema: { type: 'string' } });
      expect(breaksFrom(change)).toEqual(['GET /items/{id}: new required input, header parameter X-Tenant']);
    });

    it('reports If-Match that became required (the contract going from optional to required)', () => {
      const route = defineRoute({ ...shopRoutes.archiveItem, ifMatch: 'required' });
      expect(breakingChanges(released, openApiDocument(withRoute(route)))).toEqual(['DELETE /items/{id}: new required input, header parameter If-Match']);
    });

    it('matches headers case-insensitively', () => {
      const change = (doc: Json) => {
        const header = doc.paths['/reservations'].post.parameters.find((p: Json) => p.name === 'Idempotency-Key');
        header.name = 'idempotency-key';
      };
      expect(breaksFrom(change)).toEqual([]);
    });

    it('reports a removed optional header', () => {
      const change = (doc: Json) => {
        const op = doc.paths['/reservations'].post;
        op.parameters = op.parameters.filter((p: Json) => p.name !== 'X-Client-Note');
      };
      expect(breaksFrom(change)).toEqual(['POST /reservations: removed header parameter X-Client-Note']);
    });

    it('reports a removed optional query parameter', () => {
      const route = defineRoute({ ...shopRoutes.listItems, request: { query: listItemsQuery.omit({ cursor: true }) } });
      expect(breakingChanges(released, openApiDocument(withRoute(route)))).toEqual(['GET /items: removed query parameter cursor']);
    });

    it('reports a tightened maximum of a query parameter', () => {
      expect(breaksFrom((doc) => (doc.paths['/items'].get.parameters[1].schema.maximum = 20))).toEqual(['GET /items query limit: narrowed maximum 50 -> 20']);
    });

    it('reports a changed pattern of a path parameter on every route that has it', () => {
      const change = (doc: Json) => {
        for (const method of ['get', 'patch', 'delete']) doc.paths['/items/{id}'][method].parameters[0].schema.pattern = '^[0-9]{26}$';
      };
      expect(breaksFrom(change)).toEqual(
        ['GET', 'DELETE', 'PATCH'].map((m) => `${m} /items/{id} path id: changed pattern "^[0-9A-HJKMNP-TV-Z]{26}$" -> "^[0-9]{26}$"`),
      );
    });
  });

  describe('request bodies', () => {
    it('reports a new required body field', () => {
      const change = (doc: Json) => {
        schemas(doc).CreateItem.properties.gift = { type: 'boolean' };
        schemas(doc).CreateItem.required.push('gift');
      };
      expect(breaksFrom(change)).toEqual(['POST /items body.gift: new required input']);
    });

    it('reports an optional body field that became required (a default removed from the contract)', () => {
      const route = defineRoute({ ...shopRoutes.createItem, request: { body: createItemBody.extend({ note: z.string().max(50) }) } });
      expect(breakingChanges(released, openApiDocument(withRoute(route)))).toEqual(['POST /items body.note: new required input']);
    });

    it('reports a new required body on a route that took none', () => {
      const route = defineRoute({ ...shopRoutes.archiveItem, request: { params: itemIdParams, body: z.strictObject({ reason: z.string() }) } });
      expect(breakingChanges(released, openApiDocument(withRoute(route)))).toEqual(['DELETE /items/{id}: new required request body']);
    });

    it('reports a field removed from a strict body (now refused as unknown)', () => {
      expect(breaksFrom((doc) => delete schemas(doc).CreateItem.properties.tags)).toEqual(['POST /items body.tags: removed field (now refused as unknown)']);
    });

    it('lets a field go from a body that ignores unknown fields', () => {
      const loose = (body: z.ZodObject) => openApiDocument(withRoute(defineRoute({ ...shopRoutes.reserve, request: { headers: reserveHeaders, body } })));
      expect(
        breakingChanges(
          loose(z.object({ itemId: z.string(), quantity: z.number(), note: z.string().optional() })),
          loose(z.object({ itemId: z.string(), quantity: z.number() })),
        ),
      ).toEqual([]);
    });

    it('reports a body that starts refusing unknown fields', () => {
      const reserve = (body: z.ZodObject) => openApiDocument(withRoute(defineRoute({ ...shopRoutes.reserve, request: { headers: reserveHeaders, body } })));
      expect(breakingChanges(reserve(z.object(reserveBody.shape)), reserve(reserveBody))).toEqual(['POST /reservations body: now refuses unknown fields']);
    });

    it('reports a removed request enum value', () => {
      expect(breaksFrom((doc) => (schemas(doc).CreateItem.properties.kind.enum = ['physical']))).toEqual([
        'POST /items body.kind: removed enum value "digital"',
      ]);
    });

    it('reports a value removed from a shared enum on every request that uses it, and not on responses', () => {
      const change = (doc: Json) =>
        (schemas(doc).Money.properties.currency.enum = schemas(doc).Money.properties.currency.enum.filter((c: string) => c !== 'ZWL'));
      expect(breaksFrom(change)).toEqual([
        'POST /items body.price.currency: removed enum value "ZWL"',
        'PATCH /items/{id} body.price.currency: removed enum value "ZWL"',
      ]);
    });

    it('reports a free field narrowed to a list of values', () => {
      expect(breaksFrom((doc) => (schemas(doc).CreateItem.properties.name.enum = ['Desk', 'Chair']))).toEqual([
        'POST /items body.name: narrowed to the values "Desk", "Chair"',
      ]);
    });

    it('reports a narrowed type (number -> integer)', () => {
      const before = changed((doc) => (schemas(doc).CreateItem.properties.stock.type = 'number'));
      expect(breakingChanges(before, released)).toEqual(['POST /items body.stock: narrowed type, no longer accepts number']);
    });

    it('reports a changed type (string -> integer)', () => {
      expect(breaksFrom((doc) => (schemas(doc).CreateItem.properties.name = { type: 'integer' }))).toEqual([
        'POST /items body.name: narrowed type, no longer accepts string',
      ]);
    });

    it('reports a field that no longer accepts null', () => {
      const reserve = (quantity: z.ZodType) =>
        openApiDocument(
          withRoute(defineRoute({ ...shopRoutes.reserve, request: { headers: reserveHeaders, body: z.strictObject({ itemId: z.string(), quantity }) } })),
        );
      expect(breakingChanges(reserve(z.number().int().nullable()), reserve(z.number().int()))).toEqual([
        'POST /reservations body.quantity: narrowed type, no longer accepts null',
      ]);
    });

    it('reports a field of any type that now has one', () => {
      const before = changed((doc) => (schemas(doc).Reserve.properties.quantity = {}));
      expect(breakingChanges(before, released)).toEqual([
        'POST /reservations body.quantity: narrowed type, now only integer',
        'POST /reservations body.quantity: narrowed minimum none -> 1',
        'POST /reservations body.quantity: narrowed maximum none -> 10',
      ]);
    });

    it('reports a tightened maxLength', () => {
      expect(breaksFrom((doc) => (schemas(doc).CreateItem.properties.note.maxLength = 40))).toEqual(['POST /items body.note: narrowed maxLength 50 -> 40']);
    });

    it('reports a new maxLength where there was none', () => {
      expect(breaksFrom((doc) => (schemas(doc).CreateItem.properties.sku.maxLength = 10))).toEqual(['POST /items body.sku: narrowed maxLength none -> 10']);
    });

    it('reports a raised minimum', () => {
      expect(breaksFrom((doc) => (schemas(doc).CreateItem.properties.stock.minimum = 1))).toEqual(['POST /items body.stock: narrowed minimum 0 -> 1']);
    });

    it('reports a lowered maximum made in the contract', () => {
      const route = defineRoute({
        ...shopRoutes.reserve,
        request: { headers: reserveHeaders, body: reserveBody.extend({ quantity: z.number().int().min(1).max(5) }) },
      });
      expect(breakingChanges(released, openApiDocument(withRoute(route)))).toEqual(['POST /reservations body.quantity: narrowed maximum 10 -> 5']);
    });

    it('reports a changed pattern', () => {
      expect(breaksFrom((doc) => (schemas(doc).CreateItem.properties.category.pattern = '^[a-z]+$'))).toEqual([
        'POST /items body.category: changed pattern "^[a-z0-9]+(?:-[a-z0-9]+)*$" -> "^[a-z]+$"',
      ]);
    });

    it('reports a new pattern where there was none', () => {
      expect(breaksFrom((doc) => (schemas(doc).CreateItem.properties.note.pattern = '^\\S*$'))).toEqual([
        'POST /items body.note: changed pattern null -> "^\\\\S*$"',
      ]);
    });

    it('reports tightened limits of arrays and of their items', () => {
      const change = (doc: Json) => {
        schemas(doc).CreateItem.properties.tags.minItems = 1;
        schemas(doc).CreateItem.properties.tags.items.maxLength = 5;
      };
      expect(breaksFrom(change)).toEqual(['POST /items body.tags: narrowed minItems none -> 1', 'POST /items body.tags[]: narrowed maxLength 10 -> 5']);
    });
  });

  describe('responses', () => {
    it('reports a removed response field', () => {
      const change = (doc: Json) => {
        const body = doc.paths['/reservations'].post.responses['201'].content['application/json'].schema;
        delete body.properties.id;
        body.required = [];
      };
      expect(breaksFrom(change)).toEqual(['POST /reservations 201 body.id: removed field']);
    });

    it('reports a field removed from a shared response schema on every response that has it', () => {
      const change = (doc: Json) => {
        delete schemas(doc).Item.properties.note;
        schemas(doc).Item.required = schemas(doc).Item.required.filter((name: string) => name !== 'note');
      };
      expect(breaksFrom(change)).toEqual(ITEM_ANSWERS.map((where) => `${where}.note: removed field`));
    });

    it('reports a response field that is no longer required', () => {
      const change = (doc: Json) => delete doc.paths['/reservations'].post.responses['200'].content['application/json'].schema.required;
      expect(breaksFrom(change)).toEqual(['POST /reservations 200 body.id: may now be missing (no longer required)']);
    });

    it('reports a response field made optional in the contract', () => {
      const item = itemSchema.extend({ stock: z.number().int().optional() });
      const route = defineRoute({ ...shopRoutes.getItem, responses: { 200: { description: 'The item', body: item, headers: ['ETag'] } } });
      expect(breakingChanges(released, openApiDocument(withRoute(route)))).toEqual(['GET /items/{id} 200 body.stock: may now be missing (no longer required)']);
    });

    it('reports a new response enum value that clients do not know', () => {
      const change = (doc: Json) => schemas(doc).Item.properties.status.enum.push('deleted');
      expect(breaksFrom(change)).toEqual(ITEM_ANSWERS.map((where) => `${where}.status: new enum value "deleted" that clients do not know`));
    });

    it('reports a response field that may now be null', () => {
      expect(breaksFrom((doc) => (schemas(doc).Item.properties.stock.type = ['integer', 'null']))).toEqual(
        ITEM_ANSWERS.map((where) => `${where}.stock: changed type, may now be null`),
      );
    });

    it('reports a response integer that may now be a fraction', () => {
      expect(breaksFrom((doc) => (schemas(doc).Item.properties.stock.type = 'number'))).toEqual(
        ITEM_ANSWERS.map((where) => `${where}.stock: changed type, may now be number`),
      );
    });

    it('reports a removed success status', () => {
      expect(breaksFrom((doc) => delete doc.paths['/reservations'].post.responses['200'])).toEqual(['POST /reservations: removed response 200']);
    });

    it('reports a removed 304 (the ETag dropped from a GET in the contract)', () => {
      const route = defineRoute({ ...shopRoutes.getItem, etag: false });
      expect(breakingChanges(released, openApiDocument(withRoute(route)))).toEqual([
        'GET /items/{id}: removed header parameter If-None-Match',
        'GET /items/{id}: removed response 304',
      ]);
    });

    it('reports a removed response body', () => {
      expect(breaksFrom((doc) => delete doc.paths['/items/{id}'].get.responses['200'].content)).toEqual(['GET /items/{id} 200: removed response body']);
    });

    it('reports a removed response header', () => {
      expect(breaksFrom((doc) => delete doc.paths['/items'].post.responses['201'].headers.Location)).toEqual([
        'POST /items 201: removed response header Location',
      ]);
    });

    it('reports a removed Cache-Control (a GET no longer cached in the contract)', () => {
      const route = defineRoute({ ...shopRoutes.listItems, cache: undefined });
      expect(breakingChanges(released, openApiDocument(withRoute(route)))).toEqual(['GET /items 200: removed response header Cache-Control']);
    });

    it('ignores problem responses (a removed problem status is no break)', () => {
      expect(breaksFrom((doc) => delete doc.paths['/items/{id}'].get.responses['404'])).toEqual([]);
    });
  });

  describe('additive changes pass', () => {
    it('a new route', () => {
      const stockOf = defineRoute({
        operationId: 'getItemStock',
        method: 'GET',
        path: '/items/{id}/stock',
        summary: 'Stock of an item',
        tags: ['Items'],
        roles: ['admin'],
        request: { params: itemIdParams },
        responses: { 200: { description: 'Units', body: z.object({ stock: z.number().int() }) } },
      });
      expect(breakingChanges(released, openApiDocument(withRoutes(...shopApi.routes, stockOf)))).toEqual([]);
    });

    it('a new optional body field', () => {
      const route = defineRoute({ ...shopRoutes.createItem, request: { body: createItemBody.extend({ colour: z.string().max(20).optional() }) } });
      expect(breakingChanges(released, openApiDocument(withRoute(route)))).toEqual([]);
    });

    it('a new response field', () => {
      const route = defineRoute({
        ...shopRoutes.getItem,
        responses: { 200: { description: 'The item', body: itemSchema.extend({ colour: z.string() }), headers: ['ETag'] } },
      });
      expect(breakingChanges(released, openApiDocument(withRoute(route)))).toEqual([]);
    });

    it('a new problem code', () => {
      const route = defineRoute({ ...shopRoutes.getItem, problems: [SHOP_PROBLEMS.ITEM_NOT_FOUND, SHOP_PROBLEMS.ITEM_ARCHIVED, SHOP_PROBLEMS.OUT_OF_STOCK] });
      expect(breakingChanges(released, openApiDocument(withRoute(route)))).toEqual([]);
    });

    it('a new optional query parameter and a new optional header', () => {
      const route = defineRoute({
        ...shopRoutes.listItems,
        request: { query: listItemsQuery.extend({ q: z.string().optional() }), headers: z.object({ 'Accept-Language': z.string().optional() }) },
      });
      expect(breakingChanges(released, openApiDocument(withRoute(route)))).toEqual([]);
    });

    it('looser constraints (a longer maxLength, a higher maximum, a lower minimum, no pattern)', () => {
      const change = (doc: Json) => {
        const createItem = schemas(doc).CreateItem.properties;
        createItem.note.maxLength = 100;
        createItem.stock.maximum = 2000;
        createItem.stock.minimum = -10;
        delete createItem.category.pattern;
        doc.paths['/items'].get.parameters[1].schema.maximum = 100;
      };
      expect(breaksFrom(change)).toEqual([]);
    });

    it('a looser constraint in the contract', () => {
      const route = defineRoute({
        ...shopRoutes.reserve,
        request: { headers: reserveHeaders, body: reserveBody.extend({ quantity: z.number().int().min(1).max(99) }) },
      });
      expect(breakingChanges(released, openApiDocument(withRoute(route)))).toEqual([]);
    });

    it('a wider type (integer -> number) in a request', () => {
      expect(breaksFrom((doc) => (schemas(doc).CreateItem.properties.stock.type = 'number'))).toEqual([]);
    });

    it('a new request enum value, and a response enum value removed', () => {
      const change = (doc: Json) => {
        schemas(doc).CreateItem.properties.kind.enum.push('bundle');
        schemas(doc).Item.properties.status.enum = ['active'];
      };
      expect(breaksFrom(change)).toEqual([]);
    });

    it('a required body field made optional, and an optional response field made required', () => {
      const change = (doc: Json) => {
        schemas(doc).CreateItem.required = schemas(doc).CreateItem.required.filter((n: string) => n !== 'stock');
        schemas(doc).Item.required.push('updatedAt');
      };
      expect(breaksFrom(change)).toEqual([]);
    });

    it('a route that no longer needs authentication', () => {
      const route = defineRoute({ ...shopRoutes.getMyBasket, roles: undefined });
      expect(breakingChanges(released, openApiDocument(withRoute(route)))).toEqual([]);
    });

    it('a new success response header', () => {
      const route = defineRoute({
        ...shopRoutes.reserve,
        responses: { ...shopRoutes.reserve.responses, 200: { ...shopRoutes.reserve.responses[200], headers: ['Location'] } },
      });
      expect(breakingChanges(released, openApiDocument(withRoute(route)))).toEqual([]);
    });
  });

  it('lists each change once, in the order of the released document', () => {
    const changes = breaksFrom((doc) => {
      delete doc.paths['/items'];
      delete doc.paths['/items/{id}'].get;
    });
    expect(changes).toEqual(['GET /items: removed route', 'POST /items: removed route', 'GET /items/{id}: removed route']);
  });
});

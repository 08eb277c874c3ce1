import { CURRENCIES, currency, money } from '@emporium/common/contract/money';
import Ajv from 'ajv-draft-04';
import { z } from 'zod';
import { accountRoutes, accountsApi, createItemBody, reserveBody, shopApi, shopRoutes, updateItemBody } from '../test/fixture-api';
import type { Draft4Schema } from './gateway-models';
import { bodyModel, gatewayRequestOf, gatewayRequests } from './gateway-models';

// Models are plain JSON: read loosely.
/* eslint-disable @typescript-eslint/no-explicit-any */
type Json = any;

const shop = gatewayRequests(shopApi);
const accounts = gatewayRequests(accountsApi);
const modelOf = (requests: Record<string, Json>, operationId: string): Json => requests[operationId]?.schemas?.['application/json']?.schema;

/** Keywords whose value maps field names to schemas: those keys are names, not keywords. */
const NAMED = new Set(['properties', 'patternProperties', 'definitions']);
/** Every keyword used anywhere in a schema, field names excluded. */
const keywordsOf = (value: unknown, names = false): string[] => {
  if (Array.isArray(value)) return value.flatMap((item) => keywordsOf(item));
  if (value === null || typeof value !== 'object') return [];
  return Object.entries(value).flatMap(([key, child]) => [...(names ? [] : [key]), ...keywordsOf(child, !names && NAMED.has(key))]);
};

/** API Gateway's validator as the local front door runs it (packages/local request-validator.ts). */
const gatewayChecker = () => new Ajv({ allErrors: true, strict: false, unicodeRegExp: true, validateFormats: false });
const validatorOf = (schema: Draft4Schema) => gatewayChecker().compile(schema);

const models = [
  ['createItem', modelOf(shop, 'createItem')],
  ['updateItem', modelOf(shop, 'updateItem')],
  ['reserve', modelOf(shop, 'reserve')],
  ['register', modelOf(accounts, 'register')],
] as const;

const validItem = { sku: 'DESK-1', name: 'Oak desk', price: { amount: 1999, currency: 'EUR' }, category: 'home-office', stock: 3, kind: 'physical' };

describe('gatewayRequests', () => {
  it('has a request block exactly for the routes with something to validate, by operationId', () => {
    expect(Object.keys(shop).sort()).toEqual(['archiveItem', 'createItem', 'getItem', 'listItems', 'reserve', 'updateItem']);
    expect(Object.keys(accounts).sort()).toEqual(['getAccount', 'register']);
  });

  it('leaves out routes with no parameters and no body', () => {
    expect(shop['getMyBasket']).toBeUndefined();
    expect(shop['getOpenApiDocument']).toBeUndefined();
    expect(gatewayRequestOf(accountRoutes.getMe)).toBeUndefined();
    expect(gatewayRequestOf(accountRoutes.getKeys)).toBeUndefined();
  });

  it('names the body model after the operation and describes it with method, path and summary', () => {
    expect(shop['createItem']?.schemas?.['application/json']).toEqual({
      name: 'CreateItemRequest',
      description: 'POST /items: Create an item',
      schema: expect.any(Object),
    });
  });

  describe('parameters (API Gateway checks their presence only)', () => {
    it('marks path parameters required', () => {
      expect(shop['getItem']).toEqual({ parameters: { paths: { id: true } } });
    });

    it('marks optional query parameters, and those with a default, not required', () => {
      expect(shop['listItems']).toEqual({ parameters: { querystrings: { category: false, limit: false, cursor: false } } });
    });

    it('marks a required header required and an optional one not', () => {
      expect(shop['reserve']?.parameters).toEqual({ headers: { 'Idempotency-Key': true, 'X-Client-Note': false } });
    });

    it('marks a required query parameter required', () => {
      const route = { ...shopRoutes.listItems, request: { query: z.object({ q: z.string().min(1), page: z.coerce.number().optional() }) } };
      expect(gatewayRequestOf(route)?.parameters).toEqual({ querystrings: { q: true, page: false } });
    });

    it('leaves If-Match to the function (it answers 428 without it, not the gateway 400)', () => {
      expect(shop['updateItem']?.parameters).toEqual({ paths: { id: true } });
      expect(shop['archiveItem']).toEqual({ parameters: { paths: { id: true } } });
    });

    it('has no parameters block on a route with only a body', () => {
      expect(accounts['register']?.parameters).toBeUndefined();
      expect(shop['createItem']?.parameters).toBeUndefined();
    });
  });

  describe('body models', () => {
    it.each(models)('%s: is JSON Schema draft 4', (_, model) => {
      expect(model.$schema).toBe('http://json-schema.org/draft-04/schema#');
    });

    it.each(models)('%s: is one self-contained schema: no $ref, $defs or definitions anywhere', (_, model) => {
      const keywords = keywordsOf(model);
      expect(keywords).not.toContain('$ref');
      expect(keywords).not.toContain('$defs');
      expect(keywords).not.toContain('definitions');
      expect(keywords).not.toContain('id');
      expect(JSON.stringify(model)).not.toContain('#/');
    });

    it.each(models)('%s: has no format, default or example keywords (and no $schema below the root)', (_, model) => {
      const keywords = keywordsOf(model);
      for (const keyword of ['format', 'default', 'example', 'examples']) expect(keywords).not.toContain(keyword);
      expect(keywords.filter((k) => k === '$schema')).toHaveLength(1);
    });

    it.each(models)('%s: compiles as draft 4 in strict mode (no keyword draft 4 does not know)', (_, model) => {
      expect(() => new Ajv({ strict: true, unicodeRegExp: true }).compile(model)).not.toThrow();
    });

    it('refuses unknown fields of a strict object, at every level', () => {
      const model = modelOf(shop, 'createItem');
      expect(model.type).toBe('object');
      expect(model.additionalProperties).toBe(false);
      expect(model.properties.price.additionalProperties).toBe(false);
    });

    it('lets a non-strict object keep unknown fields (zod strips them)', () => {
      expect(bodyModel(z.object({ a: z.string() })).additionalProperties).toBeUndefined();
    });

    it('requires the required fields only: not the optional ones, nor those with a default', () => {
      const model = modelOf(shop, 'createItem');
      expect(model.required).toEqual(['sku', 'name', 'price', 'category', 'stock', 'kind']);
      expect(model.properties.price.required).toEqual(['amount', 'currency']);
      expect(modelOf(shop, 'updateItem').required).toBeUndefined();
    });

    it('drops pattern and maxLength of a string zod trims and upper-cases, since they hold for the normalised value', () => {
      expect(modelOf(shop, 'createItem').properties.sku).toEqual({ type: 'string' });
    });

    it('drops maxLength of a trimmed string but keeps its minLength (the raw value is never shorter)', () => {
      expect(modelOf(shop, 'createItem').properties.name).toEqual({ type: 'string', minLength: 1 });
      expect(modelOf(shop, 'updateItem').properties.name).toEqual({ type: 'string', minLength: 1 });
    });

    it('drops maxLength of a trimmed, lower-cased string piped into a format', () => {
      expect(modelOf(accounts, 'register').properties.email).toEqual({ type: 'string' });
    });

    it('keeps pattern and length limits of strings sent as they are checked', () => {
      const properties = modelOf(shop, 'createItem').properties;
      expect(properties.note).toEqual({ type: 'string', maxLength: 50 });
      expect(properties.category).toEqual({ type: 'string', minLength: 1, maxLength: 64, pattern: '^[a-z0-9]+(?:-[a-z0-9]+)*$' });
      expect(modelOf(shop, 'reserve').properties.itemId).toEqual({ type: 'string', pattern: '^[0-9A-HJKMNP-TV-Z]{26}$' });
    });

    it('keeps numeric and array limits and enums', () => {
      const properties = modelOf(shop, 'createItem').properties;
      expect(properties.stock).toEqual({ type: 'integer', minimum: 0, maximum: 1000 });
      expect(properties.tags).toEqual({ type: 'array', maxItems: 5, items: { type: 'string', minLength: 1, maxLength: 10 } });
      expect(properties.kind).toEqual({ type: 'string', enum: ['physical', 'digital'] });
    });

    it('carries the enum a refined string publishes as metadata (the currency list)', () => {
      expect(modelOf(shop, 'createItem').properties.price.properties.currency).toEqual({ type: 'string', enum: [...CURRENCIES] });
      expect(modelOf(shop, 'updateItem').properties.price.properties.currency.enum).toEqual([...CURRENCIES]);
      expect(bodyModel(currency)).toEqual({ $schema: 'http://json-schema.org/draft-04/schema#', type: 'string', enum: [...CURRENCIES] });
    });

    it('inlines a registered schema (money) instead of referencing it', () => {
      const model = bodyModel(money);
      expect(model).toMatchObject({ type: 'object', required: ['amount', 'currency'], additionalProperties: false });
      expect(JSON.stringify(model)).not.toContain('$ref');
    });

    it('keeps fields named like the keywords it drops (format, default, example)', () => {
      const model = bodyModel(z.strictObject({ format: z.enum(['csv', 'json']), default: z.boolean(), example: z.string().optional() }));
      expect(Object.keys(model['properties'] as object)).toEqual(['format', 'default', 'example']);
      expect(model['required']).toEqual(['format', 'default']);
      expect(validatorOf(model)({ format: 'csv', default: true, example: 'x' })).toBe(true);
    });

    it('drops format (API Gateway would not check it) but keeps the pattern zod emits with it', () => {
      const model = bodyModel(z.strictObject({ at: z.iso.datetime(), id: z.uuid(), contact: z.email() }));
      expect(keywordsOf(model)).not.toContain('format');
      const properties = model['properties'] as Record<string, Json>;
      for (const name of ['at', 'id', 'contact']) expect(properties[name]).toEqual({ type: 'string', pattern: expect.any(String) });
      expect(validatorOf(model)({ at: '2026-11-20T10:15:00.000Z', id: '6f1c2b8e-0d5a-4d7e-9b4e-2f8a1c3d5e7f', contact: 'ada@example.com' })).toBe(true);
    });

    it('drops the default of an optional field', () => {
      const model = bodyModel(z.strictObject({ size: z.number().int().default(1), label: z.string().default('none') }));
      expect(model['properties']).toEqual({ size: { type: 'integer', minimum: expect.any(Number), maximum: expect.any(Number) }, label: { type: 'string' } });
      expect(model['required']).toBeUndefined();
    });

    it('uses the draft 4 form of an exclusive bound and of nullable', () => {
      const model = bodyModel(z.strictObject({ price: z.number().gt(0), note: z.string().nullable() }));
      expect(model['properties']).toEqual({ price: { type: 'number', minimum: 0, exclusiveMinimum: true }, note: { type: ['string', 'null'] } });
    });
  });

  describe('the gateway is never stricter than the function', () => {
    const cases: [string, Draft4Schema, z.ZodType, unknown[]][] = [
      [
        'createItem',
        modelOf(shop, 'createItem'),
        createItemBody,
        [
          validItem,
          { ...validItem, sku: ' desk-1 ' },
          { ...validItem, sku: `  ${'a'.repeat(64)}  ` },
          { ...validItem, name: `${' '.repeat(30)}Oak desk${' '.repeat(30)}` },
          { ...validItem, note: 'Solid oak.', tags: ['oak', 'desk'] },
          { ...validItem, price: { amount: 0, currency: 'JPY' }, stock: 0 },
          { ...validItem, kind: 'digital', stock: 1000 },
        ],
      ],
      ['updateItem', modelOf(shop, 'updateItem'), updateItemBody, [{ name: ' Desk ' }, { price: { amount: 1, currency: 'USD' } }, { stock: 5, note: '' }]],
      ['reserve', modelOf(shop, 'reserve'), reserveBody, [{ itemId: '01JF3Z8X6M4Q2W9RZK7T5B1C0D', quantity: 10 }]],
      [
        'register',
        modelOf(accounts, 'register'),
        accountRoutes.register.request.body,
        [
          { email: 'ada@example.com', displayName: 'Ada' },
          { email: `  ADA@Example.COM${' '.repeat(300)}`, displayName: ` ${'A'.repeat(20)} ` },
        ],
      ],
    ];

    it.each(cases.flatMap(([name, model, schema, bodies]) => bodies.map((body) => [name, JSON.stringify(body).slice(0, 60), model, schema, body] as const)))(
      '%s: the model passes %s, which the zod schema accepts',
      (_, __, model, schema, body) => {
        expect(schema.safeParse(body).success).toBe(true);
        const validate = validatorOf(model);
        expect({ valid: validate(body), errors: validate.errors ?? null }).toEqual({ valid: true, errors: null });
      },
    );

    it('lets the function refuse what only it can judge (the normalised SKU pattern, refinements)', () => {
      const create = validatorOf(modelOf(shop, 'createItem'));
      const odd = { ...validItem, sku: '!!' };
      expect(createItemBody.safeParse(odd).success).toBe(false);
      expect(create(odd)).toBe(true);
      const update = validatorOf(modelOf(shop, 'updateItem'));
      expect(updateItemBody.safeParse({}).success).toBe(false);
      expect(update({})).toBe(true);
    });
  });

  describe('the gateway refuses what the function refuses structurally', () => {
    const create = validatorOf(modelOf(shop, 'createItem'));
    it.each([
      ['a missing required field', { ...validItem, sku: undefined }],
      ['an unknown field', { ...validItem, extra: 1 }],
      ['an unknown nested field', { ...validItem, price: { amount: 1, currency: 'EUR', vat: 1 } }],
      ['a currency outside the list', { ...validItem, price: { amount: 1, currency: 'XXX' } }],
      ['a fractional amount', { ...validItem, price: { amount: 1.5, currency: 'EUR' } }],
      ['a stock above the maximum', { ...validItem, stock: 1001 }],
      ['a kind outside the enum', { ...validItem, kind: 'service' }],
      ['a category that is not a slug', { ...validItem, category: 'Home Office' }],
      ['a wrong type', { ...validItem, stock: '3' }],
      ['not an object', ['desk']],
    ])('%s', (_, body) => {
      const sent: unknown = JSON.parse(JSON.stringify(body));
      expect(createItemBody.safeParse(sent).success).toBe(false);
      expect(create(sent)).toBe(false);
    });
  });
});

/**
 * Small contracts for the tests of this package, shaped like the services' ones (catalog, users,
 * orders) without importing them: packages never import services. Between them they use every
 * feature of a route contract: path, query and header parameters, bodies (trimmed and re-cased
 * strings, defaults, metadata enums), roles, ETag, If-Match required and optional, public and
 * private caching, 201 with Location, own problems and the shared ones.
 */
import { money } from '@emporium/common/contract/money';
import type { ApiContract } from '@emporium/common/http/api';
import { defineProblem } from '@emporium/common/http/problem';
import { defineRoute, openApiDocumentRoute } from '@emporium/common/http/route';
import { cursorParam, limitParam, pageOf } from '@emporium/common/pagination';
import { z } from 'zod';

export const SHOP_PROBLEMS = {
  ITEM_NOT_FOUND: defineProblem({ code: 'ITEM_NOT_FOUND', status: 404, title: 'Item not found', description: 'No item has this id.' }),
  SKU_TAKEN: defineProblem({ code: 'SKU_TAKEN', status: 409, title: 'SKU taken', description: 'Another item already uses this SKU.' }),
  ITEM_ARCHIVED: defineProblem({ code: 'ITEM_ARCHIVED', status: 409, title: 'Item archived', description: 'The item is archived.' }),
  OUT_OF_STOCK: defineProblem({ code: 'OUT_OF_STOCK', status: 422, title: 'Out of stock', description: 'Not enough units.' }),
} as const;

const P = SHOP_PROBLEMS;

export const itemId = z
  .string()
  .regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Expected an item id (a ULID)')
  .meta({ description: 'Item id (ULID)', example: '01JF3Z8X6M4Q2W9RZK7T5B1C0D' });

const category = z
  .string()
  .min(1)
  .max(64)
  .regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'Expected a lowercase slug')
  .meta({ description: 'Category slug', example: 'home-office' });

/** Trimmed and upper-cased before its pattern is checked: " desk-1 " is DESK-1. */
export const sku = z
  .string()
  .trim()
  .toUpperCase()
  .regex(/^[A-Z0-9][A-Z0-9-]{1,63}$/, 'Expected 2-64 letters, digits or hyphens')
  .meta({ description: 'Stock-keeping unit; stored upper-case', example: 'DESK-OAK-140' });

/** Trimmed before its length is checked. */
const name = z.string().trim().min(1).max(20).meta({ description: 'Display name', example: 'Oak desk' });
/** Not trimmed: its maximum length holds for what is sent. */
const note = z.string().max(50).meta({ description: 'A note', example: 'Solid oak.' });
const stock = z.number().int().min(0).max(1000).meta({ description: 'Units in stock', example: 12 });

export const createItemBody = z
  .strictObject({
    sku,
    name,
    note: note.default(''),
    price: money,
    category,
    stock,
    tags: z.array(z.string().min(1).max(10)).max(5).optional(),
    kind: z.enum(['physical', 'digital']).meta({ description: 'What is sold', example: 'physical' }),
  })
  .meta({ id: 'CreateItem', description: 'A new item.' });

export const updateItemBody = z
  .strictObject({ name: name.optional(), note: note.optional(), price: z.optional(money), stock: stock.optional() })
  .refine((body) => Object.keys(body).length > 0, 'Send at least one field to change')
  .meta({ id: 'UpdateItem', description: 'The fields to change.' });

export const itemSchema = z
  .object({
    id: itemId,
    sku: z.string().meta({ example: 'DESK-OAK-140' }),
    name: z.string().meta({ example: 'Oak desk' }),
    note: z.string(),
    price: money,
    stock: z.number().int(),
    status: z.enum(['active', 'archived']),
    version: z.number().int().min(1).meta({ example: 3 }),
    updatedAt: z.iso.datetime().optional(),
  })
  .meta({ id: 'Item', description: 'An item for sale.' });

export const itemIdParams = z.strictObject({ id: itemId });

export const listItemsQuery = z.object({
  category: category.optional().meta({ description: 'Only items of this category' }),
  limit: limitParam(50, 20),
  cursor: cursorParam(),
});

export const itemPage = pageOf(itemSchema, 'ItemPage');

export const reserveBody = z.strictObject({ itemId, quantity: z.number().int().min(1).max(10) }).meta({ id: 'Reserve' });

export const reserveHeaders = z.object({
  'Idempotency-Key': z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/)
    .meta({ description: 'Your key for this reservation', example: 'k-1' }),
  'X-Client-Note': z.string().max(100).optional().meta({ description: 'Free text', example: 'checkout' }),
});

export const shopRoutes = {
  listItems: defineRoute({
    operationId: 'listItems',
    method: 'GET',
    path: '/items',
    summary: 'List items',
    tags: ['Items'],
    cache: 'public',
    request: { query: listItemsQuery },
    responses: { 200: { description: 'One page of items', body: itemPage } },
  }),
  getItem: defineRoute({
    operationId: 'getItem',
    method: 'GET',
    path: '/items/{id}',
    summary: 'Get an item',
    tags: ['Items'],
    cache: 'public',
    etag: true,
    request: { params: itemIdParams },
    responses: { 200: { description: 'The item', body: itemSchema, headers: ['ETag'] } },
    problems: [P.ITEM_NOT_FOUND],
  }),
  createItem: defineRoute({
    operationId: 'createItem',
    method: 'POST',
    path: '/items',
    summary: 'Create an item',
    tags: ['Items'],
    roles: ['admin'],
    etag: true,
    request: { body: createItemBody },
    responses: { 201: { description: 'Created', body: itemSchema, headers: ['ETag', 'Location'] } },
    problems: [P.SKU_TAKEN],
  }),
  updateItem: defineRoute({
    operationId: 'updateItem',
    method: 'PATCH',
    path: '/items/{id}',
    summary: 'Change an item',
    tags: ['Items'],
    roles: ['admin'],
    etag: true,
    ifMatch: 'required',
    request: { params: itemIdParams, body: updateItemBody },
    responses: { 200: { description: 'The changed item', body: itemSchema, headers: ['ETag'] } },
    problems: [P.ITEM_NOT_FOUND, P.ITEM_ARCHIVED, P.SKU_TAKEN],
  }),
  archiveItem: defineRoute({
    operationId: 'archiveItem',
    method: 'DELETE',
    path: '/items/{id}',
    summary: 'Archive an item',
    tags: ['Items'],
    roles: ['admin'],
    ifMatch: 'optional',
    request: { params: itemIdParams },
    responses: { 204: { description: 'Archived' } },
    problems: [P.ITEM_NOT_FOUND],
  }),
  reserve: defineRoute({
    operationId: 'reserve',
    method: 'POST',
    path: '/reservations',
    summary: 'Reserve an item',
    tags: ['Reservations'],
    roles: ['admin', 'service'],
    request: { headers: reserveHeaders, body: reserveBody },
    responses: {
      201: { description: 'Reserved now', body: z.object({ id: z.string() }), headers: ['Location'] },
      200: { description: 'Reserved before under this key', body: z.object({ id: z.string() }) },
    },
    problems: [P.OUT_OF_STOCK, P.ITEM_NOT_FOUND],
  }),
  getMyBasket: defineRoute({
    operationId: 'getMyBasket',
    method: 'GET',
    path: '/me/basket',
    summary: 'Your basket',
    tags: ['Baskets'],
    roles: ['customer'],
    cache: 'private',
    responses: { 200: { description: 'Your basket', body: z.object({ items: z.array(itemId) }) } },
  }),
  getOpenApiDocument: openApiDocumentRoute,
} as const;

export const shopApi: ApiContract = {
  service: 'shop',
  version: 'v1',
  basePath: '/v1/shop',
  title: 'Emporium Shop API (test fixture)',
  description: 'Items, reservations and baskets.',
  tags: [
    { name: 'Items', description: 'Items for sale.' },
    { name: 'Reservations', description: 'Stock held for a while.' },
    { name: 'Baskets', description: 'What you are about to buy.' },
    { name: 'API', description: 'About this API.' },
  ],
  routes: Object.values(shopRoutes),
};

/** Users-like: a root route, `/me` next to `/{id}`, a literal file-like path. */
export const accountRoutes = {
  register: defineRoute({
    operationId: 'register',
    method: 'POST',
    path: '/',
    summary: 'Register',
    tags: ['Accounts'],
    request: { body: z.strictObject({ email: z.string().trim().toLowerCase().max(254).pipe(z.email()), displayName: name }) },
    responses: { 201: { description: 'The new account', body: z.object({ id: z.string() }), headers: ['Location'] } },
  }),
  getAccount: defineRoute({
    operationId: 'getAccount',
    method: 'GET',
    path: '/{id}',
    summary: 'Get any account',
    tags: ['Accounts'],
    roles: ['admin'],
    cache: 'private',
    etag: true,
    request: { params: z.strictObject({ id: z.string() }) },
    responses: { 200: { description: 'The account', body: z.object({ id: z.string(), version: z.number().int() }), headers: ['ETag'] } },
  }),
  getMe: defineRoute({
    operationId: 'getMe',
    method: 'GET',
    path: '/me',
    summary: 'Get your account',
    tags: ['Accounts'],
    roles: ['customer', 'admin'],
    cache: 'private',
    etag: true,
    responses: { 200: { description: 'Your account', body: z.object({ id: z.string(), version: z.number().int() }), headers: ['ETag'] } },
  }),
  getKeys: defineRoute({
    operationId: 'getKeys',
    method: 'GET',
    path: '/.well-known/jwks.json',
    summary: 'Keys',
    tags: ['Accounts'],
    cache: 'public',
    responses: { 200: { description: 'The keys', body: z.object({ keys: z.array(z.object({ kid: z.string() })) }) } },
  }),
  getOpenApiDocument: openApiDocumentRoute,
} as const;

export const accountsApi: ApiContract = {
  service: 'accounts',
  version: 'v1',
  basePath: '/v1/accounts',
  title: 'Emporium Accounts API (test fixture)',
  description: 'Accounts.',
  tags: [
    { name: 'Accounts', description: 'People.' },
    { name: 'API', description: 'About this API.' },
  ],
  routes: Object.values(accountRoutes),
};

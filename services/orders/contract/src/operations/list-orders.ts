import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import { listOrdersQuery, orderPage } from '../schemas/order';
import { ORDER_ROLES } from './roles';

export const listOrders = defineRoute({
  operationId: 'listOrders',
  method: 'GET',
  path: '/',
  summary: DOCS && 'List your orders',
  description: DOCS && 'Your own orders, newest first, a page at a time.',
  tags: DOCS && ['Orders'],
  apiKey: true,
  roles: ORDER_ROLES,
  cache: 'private',
  request: { query: listOrdersQuery },
  responses: { 200: { description: DOCS && 'One page of your orders', body: DOCS && orderPage } },
});

import { DOCS } from '@emporium/common/contract/meta';
import { defineRoute } from '@emporium/common/http/route';
import * as P from '../problems';
import { orderIdParams, orderSchema } from '../schemas/order';
import { ORDER_ROLES } from './roles';

export const getOrder = defineRoute({
  operationId: 'getOrder',
  method: 'GET',
  path: '/{id}',
  summary: DOCS && 'Get an order',
  description: DOCS && 'Yours, or any order for an admin; anyone else is told it does not exist.',
  tags: DOCS && ['Orders'],
  apiKey: true,
  roles: ORDER_ROLES,
  cache: 'private',
  etag: true,
  request: { params: orderIdParams },
  responses: { 200: { description: DOCS && 'The order', body: DOCS && orderSchema, headers: ['ETag'] } },
  problems: [P.ORDER_NOT_FOUND],
});

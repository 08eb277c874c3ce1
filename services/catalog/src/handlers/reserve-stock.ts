import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { STOCK_ROLES } from '../domain/roles';
import { reserveStockBody } from '../schemas/reservation';
import { reserveStock } from '../use-cases/reservations';

/** 201 when stock was taken now, 200 when the same reservation id was already recorded. */
export const handler = httpHandler({ roles: STOCK_ROLES, body: reserveStockBody }, async ({ body }) => {
  const { reservation, created } = await reserveStock(body, getDeps());
  return { status: created ? 201 : 200, body: reservation };
});

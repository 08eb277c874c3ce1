import { routes } from '@emporium/catalog-contract/routes';
import { httpHandler } from '@emporium/common/http/handler';
import { getDeps } from '../container';
import { reserveStock } from '../use-cases/reservations';
import { countEvent } from '@emporium/common/metrics';

/** 201 when stock was taken now, 200 when the same reservation id was already recorded. */
export const handler = httpHandler(routes.reserveStock, async ({ body }) => {
  const { reservation, created } = await reserveStock(body, getDeps());
  if (created) countEvent('StockReserved', reservation.lines.reduce((units, line) => units + line.quantity, 0));
  return { status: created ? (201 as const) : (200 as const), body: reservation };
});

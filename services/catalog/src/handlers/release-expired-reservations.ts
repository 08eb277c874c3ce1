import { scheduledHandler } from '@emporium/common/jobs/scheduled';
import { getDeps } from '../container';
import { getReservationDeps } from '../reservations-container';
import { releaseExpiredReservations } from '../use-cases/reservations';

/** Every minute (serverless.yml): holds past their end give their stock back, exactly once each. */
export const handler = scheduledHandler('releaseExpiredReservations', () => releaseExpiredReservations({ ...getDeps(), ...getReservationDeps() }));

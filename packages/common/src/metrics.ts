import { Metrics, MetricUnit } from '@aws-lambda-powertools/metrics';

let metrics: Metrics | undefined;

/**
 * The container's one Powertools Metrics (CloudWatch embedded metric format: JSON lines in the
 * function's log, turned into metrics by CloudWatch, no API call). Namespace, service and the
 * on/off switch come from POWERTOOLS_* variables (serverless.base.yml).
 */
export const getMetrics = (): Metrics => (metrics ??= new Metrics({ namespace: process.env['POWERTOOLS_METRICS_NAMESPACE'] ?? 'Emporium' }));

/** The business events the services count (docs/adr/0017). */
export type BusinessEvent = 'OrdersPlaced' | 'OrdersCancelled' | 'StockReserved' | 'StockReleased' | 'ReservationsExpired' | 'SignInsFailed' | 'ApiKeysIssued';

/**
 * Counts a business event now, as its own metric with the service as its only dimension (not the
 * route and outcome of the request that caused it).
 */
export const countEvent = (event: BusinessEvent, value = 1): void => {
  const single = getMetrics().singleMetric();
  single.addMetric(event, MetricUnit.Count, value);
};

/** Per request (the shared handler wrapper): one count and the duration, by route and outcome. */
export const recordRequest = (route: string, status: number, durationMs: number | undefined): void => {
  const current = getMetrics();
  current.addDimensions({ route, outcome: `${Math.floor(status / 100)}xx` });
  current.addMetric('Requests', MetricUnit.Count, 1);
  if (durationMs !== undefined) current.addMetric('RequestDuration', MetricUnit.Milliseconds, durationMs);
};

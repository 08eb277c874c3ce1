/** The stages every service is packaged and deployed for, and what differs between them. */

/** The stages a service is deployed to (and its infrastructure test packages). */
export const STAGES = ['dev', 'test', 'prod'] as const;
export type Stage = (typeof STAGES)[number];

export interface StageSettings {
  /** The stage's custom domain: every service's API versions are mapped on it by base path. */
  domainName: string;
  logRetentionInDays: number;
  pointInTimeRecovery: boolean;
  deletionProtection: boolean;
  deletionPolicy: 'Delete' | 'Retain';
  /** The stage cache TTL of cached GETs, and the Cache-Control max-age of public GETs (HTTP_CACHE_MAX_AGE). */
  cacheTtlInSeconds: number;
  /** Every method's throttle (requests/s, bucket), all clients together, unless its route class is tighter. */
  throttle: Throttle;
  /** The route classes of custom.throttling. */
  throttleClasses: Record<'writes' | 'orderPlacement' | 'signIn' | 'registration', Throttle>;
  /** The per-client limits of custom.clientThrottling (AWS WAF rate-based rules). */
  clientLimits: Record<'signIn' | 'registration', { limit: number; windowSeconds: number }>;
  /** custom.monitoring: whether alarms notify the stage's topic, and their thresholds. */
  alarms: { notify: boolean; serverErrorRatePercent: number; clientErrorRatePercent: number; p99LatencyMs: number; functionErrors: number };
}

/** dev and test record alarms only, with loose thresholds. */
const RECORDING_ALARMS = { notify: false, serverErrorRatePercent: 5, clientErrorRatePercent: 50, p99LatencyMs: 3000, functionErrors: 5 };

export interface Throttle {
  rateLimit: number;
  burstLimit: number;
}

const throttle = (rateLimit: number, burstLimit: number): Throttle => ({ rateLimit, burstLimit });

/** dev and test share the default params of serverless.base.yml for traffic. */
const DEFAULT_TRAFFIC = {
  throttle: throttle(100, 200),
  throttleClasses: { writes: throttle(25, 50), orderPlacement: throttle(10, 20), signIn: throttle(10, 20), registration: throttle(5, 10) },
  clientLimits: { signIn: { limit: 10, windowSeconds: 60 }, registration: { limit: 10, windowSeconds: 300 } },
};

/**
 * Per-stage settings every service's template must show. They mirror the `params` of the workspace
 * root's serverless.base.yml (logRetentionInDays, pointInTimeRecovery, deletionProtection,
 * tableDeletionPolicy, cacheTtlInSeconds, the throttles and per-client limits): change them together
 * with those params. They are written out here on purpose: the test is the reviewed statement of
 * what each stage must have.
 */
export const STAGE_SETTINGS: Record<Stage, StageSettings> = {
  dev: {
    alarms: RECORDING_ALARMS,
    domainName: 'api.dev.example.com',
    logRetentionInDays: 7,
    pointInTimeRecovery: false,
    deletionProtection: false,
    deletionPolicy: 'Delete',
    cacheTtlInSeconds: 30,
    ...DEFAULT_TRAFFIC,
  },
  test: {
    alarms: RECORDING_ALARMS,
    domainName: 'api.test.example.com',
    logRetentionInDays: 14,
    pointInTimeRecovery: false,
    deletionProtection: false,
    deletionPolicy: 'Delete',
    cacheTtlInSeconds: 60,
    ...DEFAULT_TRAFFIC,
  },
  prod: {
    domainName: 'api.example.com',
    alarms: { notify: true, serverErrorRatePercent: 1, clientErrorRatePercent: 25, p99LatencyMs: 1500, functionErrors: 1 },
    logRetentionInDays: 90,
    pointInTimeRecovery: true,
    deletionProtection: true,
    deletionPolicy: 'Retain',
    cacheTtlInSeconds: 300,
    throttle: throttle(500, 1000),
    throttleClasses: { writes: throttle(100, 200), orderPlacement: throttle(50, 100), signIn: throttle(50, 100), registration: throttle(20, 40) },
    clientLimits: { signIn: { limit: 20, windowSeconds: 60 }, registration: { limit: 10, windowSeconds: 300 } },
  },
};

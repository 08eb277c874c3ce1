import { DOCS, withMeta } from '@emporium/common/contract/meta';
import { cursorParam, limitParam, pageOf } from '@emporium/common/pagination';
import * as z from 'zod/mini';
import { cleanText } from '@emporium/common/contract/text';
import { isoDate, isoDateTime } from '@emporium/common/contract/formats';

const ulid = z.string().check(z.regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Expected a ULID (26 characters)'));

export const appId = withMeta(ulid, DOCS && { description: 'The id of the app', example: '01JF3Z8X6M4Q2W9RZK7T5B1C0D' });
export const appIdParams = z.strictObject({ id: appId });

/** The usage plans an app can be on (the platform stack's third-party tiers). */
export const PLANS = ['free', 'partner'] as const;
export const planName = withMeta(
  z.enum(PLANS),
  DOCS && {
    description: 'The usage plan: `free` for a new app, `partner` when an admin moves it there',
    example: 'free',
  },
);
export type PlanName = z.output<typeof planName>;

export const appStatus = withMeta(
  z.enum(['active', 'disabled']),
  DOCS && {
    description: "A disabled app's key is refused by the gateway until an admin enables it again",
  },
);

/** At most this many apps per developer (API Gateway caps the keys of an account). */
export const MAX_APPS_PER_OWNER = 10;

export const createAppBody = withMeta(
  z.strictObject({
    name: withMeta(
      z.string().check(z.trim(), z.minLength(1), z.maxLength(100), cleanText()),
      DOCS && {
        description: 'What the app is called',
        example: 'Price watcher',
      },
    ),
    description: withMeta(
      z._default(z.string().check(z.trim(), z.maxLength(500), cleanText({ multiline: true })), ''),
      DOCS && {
        description: 'What it does, for the people who review apps',
        example: 'Compares prices across shops.',
      },
    ),
  }),
  DOCS && { id: 'CreateApp', description: 'A new app; it gets an API key on the free plan.' },
);
export type CreateAppBody = z.output<typeof createAppBody>;

export const updateAppBody = withMeta(
  z
    .strictObject({
      plan: z.optional(planName),
      status: z.optional(appStatus),
    })
    .check(z.refine((body) => body.plan !== undefined || body.status !== undefined, { message: 'Send plan, status or both' })),
  DOCS && { id: 'UpdateApp', description: 'An admin moves an app to another plan, disables it or enables it again.' },
);
export type UpdateAppBody = z.output<typeof updateAppBody>;

export const keySummary = withMeta(
  z.object({
    id: withMeta(z.string(), DOCS && { description: 'The API key id (not the key: its value is shown once, when it is issued)', example: 'k3x9a0b1c2' }),
    issuedAt: isoDateTime(),
  }),
  DOCS && { id: 'ApiKeySummary' },
);

export const appSchema = withMeta(
  z.object({
    id: appId,
    ownerId: withMeta(z.string(), DOCS && { description: 'The developer who registered it' }),
    name: z.string(),
    description: z.string(),
    plan: planName,
    status: appStatus,
    key: withMeta(z.nullable(keySummary), DOCS && { description: 'Its current key; null once revoked (rotate to get a new one)' }),
    version: withMeta(z.number().check(z.int(), z.gte(1)), DOCS && { description: 'Bumped on every change; the ETag' }),
    createdAt: isoDateTime(),
    updatedAt: isoDateTime(),
  }),
  DOCS && { id: 'App', description: "A developer's app and the summary of its API key (never the key)." },
);
export type App = z.output<typeof appSchema>;

export const issuedKey = withMeta(
  z.object({
    id: z.string(),
    value: withMeta(
      z.string(),
      DOCS && {
        description: 'The API key: send it as `x-api-key`. Shown this once; store it now.',
        example: 'Zk4n0q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k',
      },
    ),
  }),
  DOCS && { id: 'IssuedApiKey' },
);

export const appWithKey = withMeta(
  z.object({ app: appSchema, apiKey: issuedKey }),
  DOCS && {
    id: 'AppWithKey',
    description: 'The app and its new API key, whose value is never shown again.',
  },
);
export type AppWithKey = z.output<typeof appWithKey>;

export const listAppsQuery = z.strictObject({ limit: limitParam(100, 20), cursor: cursorParam() });
export type ListAppsQuery = z.output<typeof listAppsQuery>;
export const appPage = pageOf(appSchema, 'AppPage');

const day = withMeta(isoDate(), DOCS && { example: '2026-12-06' });
/** At most this many days of usage in one read. */
export const MAX_USAGE_DAYS = 90;
export const usageQuery = withMeta(
  z.strictObject({
    from: withMeta(z.optional(day), DOCS && { description: 'First UTC day (default: 6 days before `to`)' }),
    to: withMeta(z.optional(day), DOCS && { description: 'Last UTC day (default: today)' }),
  }),
  DOCS && { id: 'UsageQuery' },
);
export type UsageQuery = z.output<typeof usageQuery>;

export const usageSchema = withMeta(
  z.object({
    appId,
    keyId: z.string(),
    plan: planName,
    quota: z.nullable(z.object({ limit: z.number().check(z.int()), period: z.enum(['DAY', 'WEEK', 'MONTH']) })),
    days: z.array(
      z.object({
        date: day,
        requests: withMeta(z.number().check(z.int(), z.gte(0)), DOCS && { description: 'Requests the gateway counted for the key that day' }),
        quotaRemaining: withMeta(
          z.nullable(z.number().check(z.int(), z.gte(0))),
          DOCS && {
            description: "What was left of the quota's period after that day; null without a quota",
          },
        ),
      }),
    ),
  }),
  DOCS && { id: 'AppUsage', description: "The app key's usage per UTC day, as the gateway metered it." },
);
export type AppUsage = z.output<typeof usageSchema>;

import { cursorParam, limitParam, pageOf } from '@emporium/common/pagination';
import { z } from 'zod';
import { cleanText } from '@emporium/common/contract/text';

const ulid = z.string().regex(/^[0-9A-HJKMNP-TV-Z]{26}$/, 'Expected a ULID (26 characters)');

export const appId = ulid.meta({ description: 'The id of the app', example: '01JF3Z8X6M4Q2W9RZK7T5B1C0D' });
export const appIdParams = z.strictObject({ id: appId });

/** The usage plans an app can be on (the platform stack's third-party tiers). */
export const PLANS = ['free', 'partner'] as const;
export const planName = z.enum(PLANS).meta({ description: 'The usage plan: `free` for a new app, `partner` when an admin moves it there', example: 'free' });
export type PlanName = z.output<typeof planName>;

export const appStatus = z.enum(['active', 'disabled']).meta({ description: 'A disabled app\'s key is refused by the gateway until an admin enables it again' });

/** At most this many apps per developer (API Gateway caps the keys of an account). */
export const MAX_APPS_PER_OWNER = 10;

export const createAppBody = z
  .strictObject({
    name: z.string().trim().min(1).max(100).check(cleanText()).meta({ description: 'What the app is called', example: 'Price watcher' }),
    description: z.string().trim().max(500).check(cleanText({ multiline: true })).default('').meta({ description: 'What it does, for the people who review apps', example: 'Compares prices across shops.' }),
  })
  .meta({ id: 'CreateApp', description: 'A new app; it gets an API key on the free plan.' });
export type CreateAppBody = z.output<typeof createAppBody>;

export const updateAppBody = z
  .strictObject({
    plan: planName.optional(),
    status: appStatus.optional(),
  })
  .refine((body) => body.plan !== undefined || body.status !== undefined, { message: 'Send plan, status or both' })
  .meta({ id: 'UpdateApp', description: 'An admin moves an app to another plan, disables it or enables it again.' });
export type UpdateAppBody = z.output<typeof updateAppBody>;

export const keySummary = z
  .object({
    id: z.string().meta({ description: 'The API key id (not the key: its value is shown once, when it is issued)', example: 'k3x9a0b1c2' }),
    issuedAt: z.iso.datetime(),
  })
  .meta({ id: 'ApiKeySummary' });

export const appSchema = z
  .object({
    id: appId,
    ownerId: z.string().meta({ description: 'The developer who registered it' }),
    name: z.string(),
    description: z.string(),
    plan: planName,
    status: appStatus,
    key: keySummary.nullable().meta({ description: 'Its current key; null once revoked (rotate to get a new one)' }),
    version: z.number().int().min(1).meta({ description: 'Bumped on every change; the ETag' }),
    createdAt: z.iso.datetime(),
    updatedAt: z.iso.datetime(),
  })
  .meta({ id: 'App', description: "A developer's app and the summary of its API key (never the key)." });
export type App = z.output<typeof appSchema>;

export const issuedKey = z
  .object({
    id: z.string(),
    value: z.string().meta({ description: 'The API key: send it as `x-api-key`. Shown this once; store it now.', example: 'Zk4n0q1w2e3r4t5y6u7i8o9p0a1s2d3f4g5h6j7k' }),
  })
  .meta({ id: 'IssuedApiKey' });

export const appWithKey = z
  .object({ app: appSchema, apiKey: issuedKey })
  .meta({ id: 'AppWithKey', description: 'The app and its new API key, whose value is never shown again.' });
export type AppWithKey = z.output<typeof appWithKey>;

export const listAppsQuery = z.strictObject({ limit: limitParam(100, 20), cursor: cursorParam() });
export type ListAppsQuery = z.output<typeof listAppsQuery>;
export const appPage = pageOf(appSchema, 'AppPage');

const day = z.iso.date().meta({ example: '2026-12-06' });
/** At most this many days of usage in one read. */
export const MAX_USAGE_DAYS = 90;
export const usageQuery = z
  .strictObject({
    from: day.optional().meta({ description: 'First UTC day (default: 6 days before `to`)' }),
    to: day.optional().meta({ description: 'Last UTC day (default: today)' }),
  })
  .meta({ id: 'UsageQuery' });
export type UsageQuery = z.output<typeof usageQuery>;

export const usageSchema = z
  .object({
    appId,
    keyId: z.string(),
    plan: planName,
    quota: z.object({ limit: z.number().int(), period: z.enum(['DAY', 'WEEK', 'MONTH']) }).nullable(),
    days: z.array(
      z.object({
        date: day,
        requests: z.number().int().min(0).meta({ description: 'Requests the gateway counted for the key that day' }),
        quotaRemaining: z.number().int().min(0).nullable().meta({ description: "What was left of the quota's period after that day; null without a quota" }),
      }),
    ),
  })
  .meta({ id: 'AppUsage', description: "The app key's usage per UTC day, as the gateway metered it." });
export type AppUsage = z.output<typeof usageSchema>;

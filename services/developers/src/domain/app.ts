import type { AuthContext } from '@emporium/common/auth/context';
import type { App, CreateAppBody, UsageQuery } from '@emporium/developers-contract/schemas/app';
import { MAX_USAGE_DAYS } from '@emporium/developers-contract/schemas/app';
import { UsageRangeInvalidError } from './errors';

export type { App, PlanName } from '@emporium/developers-contract/schemas/app';

/**
 * An app as stored: the published App plus the ids of keys it rotated away whose deletion has not
 * been confirmed yet (retried on every later change of the app; never published).
 */
export type StoredApp = App & { retiredKeyIds: string[] };

/** The published app (what the contract says), without what only the service keeps. */
export const publishedApp = ({ retiredKeyIds: _retired, ...app }: StoredApp): App => app;

/** A new app of the caller: on the free plan, active, version 1; its key comes right after. */
export const newApp = (input: CreateAppBody, ownerId: string, id: string, now: Date): StoredApp => ({
  id,
  ownerId,
  name: input.name,
  description: input.description,
  plan: 'free',
  status: 'active',
  key: null,
  retiredKeyIds: [],
  version: 1,
  createdAt: now.toISOString(),
  updatedAt: now.toISOString(),
});

/** Who may see and manage an app: its owner; admins see and manage every app. */
export const canAccess = (app: App, caller: Pick<AuthContext, 'principalId' | 'role'>): boolean =>
  caller.role === 'admin' || app.ownerId === caller.principalId;

const DAY_MS = 86_400_000;
const utcDay = (date: Date): string => date.toISOString().slice(0, 10);

/** The UTC days a usage read covers: `to` defaults to today, `from` to 6 days before `to`; at most MAX_USAGE_DAYS. */
export const usageRange = (query: UsageQuery, today: Date): { from: string; to: string } => {
  const to = query.to ?? utcDay(today);
  const from = query.from ?? utcDay(new Date(Date.parse(`${to}T00:00:00.000Z`) - 6 * DAY_MS));
  const days = (Date.parse(`${to}T00:00:00.000Z`) - Date.parse(`${from}T00:00:00.000Z`)) / DAY_MS + 1;
  if (days < 1 || days > MAX_USAGE_DAYS) throw new UsageRangeInvalidError(from, to);
  return { from, to };
};

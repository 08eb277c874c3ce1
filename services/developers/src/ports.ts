import type { PageKey } from '@emporium/common/pagination';
import type { App, PlanName, StoredApp } from './domain/app';

export interface AppPage {
  items: App[];
  lastKey?: PageKey;
}

export interface AppRepository {
  /**
   * Stores a new app and counts it against its owner's limit in one transaction: false (nothing
   * stored) when the owner already has `maxPerOwner` apps.
   */
  create(app: StoredApp, maxPerOwner: number): Promise<boolean>;
  get(id: string): Promise<StoredApp | undefined>;
  /** Apps oldest first: one owner's, or every app. */
  list(query: { ownerId?: string; limit: number; startKey?: PageKey }): Promise<AppPage>;
  /** Applies the changes if the app is still at `expectedVersion`; undefined when it moved on or is gone. */
  update(
    id: string,
    changes: Partial<Pick<StoredApp, 'key' | 'plan' | 'status' | 'retiredKeyIds'>>,
    expectedVersion: number,
    now: Date,
  ): Promise<StoredApp | undefined>;
}

export interface IssuedKey {
  id: string;
  /** Shown to the developer once, never stored by this service. */
  value: string;
  issuedAt: string;
}

export interface KeyUsage {
  quota: { limit: number; period: 'DAY' | 'WEEK' | 'MONTH' } | null;
  days: { date: string; requests: number; quotaRemaining: number | null }[];
}

/** The key is gone from the gateway (a concurrent rotation or revocation deleted it). */
export class KeyGoneError extends Error {}

/** The gateway's API keys and usage plans (the API Gateway management API). */
export interface GatewayKeys {
  /** A new key in the plan (enabled or not); never a key left outside a plan. */
  issue(input: { appId: string; ownerId: string; plan: PlanName; enabled: boolean }): Promise<IssuedKey>;
  /** Deletes a key: the gateway refuses it at once. A key already gone is fine. */
  delete(keyId: string): Promise<void>;
  /** KeyGoneError when the key no longer exists. */
  setEnabled(keyId: string, enabled: boolean): Promise<void>;
  /** KeyGoneError when the key no longer exists; on failure the key is back in `from`. */
  movePlan(keyId: string, from: PlanName, to: PlanName): Promise<void>;
  /** What the gateway metered for the key in its plan, per UTC day from `from` to `to`. */
  usage(keyId: string, plan: PlanName, from: string, to: string): Promise<KeyUsage>;
}

export interface Deps {
  apps: AppRepository;
  keys: GatewayKeys;
  newId: () => string;
  now: () => Date;
  cursorSecret: () => string;
}

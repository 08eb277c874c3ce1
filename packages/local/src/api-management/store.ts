import type { Throttle } from '@emporium/api-stage/settings';
import { createHash, randomInt } from 'node:crypto';
import { existsSync, readFileSync } from 'node:fs';
import { rename, writeFile } from 'node:fs/promises';
import type { Quota } from './quota';
import { daysBetween, periodEnd, periodStart, utcDay } from './quota';

/**
 * API Gateway's API keys, usage plans and usage, locally: the state the front door enforces (key
 * check, per-key throttle, quota, metering) and the management API serves (management-api.ts), so
 * a key created through the API works at once and a revoked one is refused at once. Plans come
 * from the platform stack's configuration; keys created at run time persist with the engine's data
 * (`--persist`). One process, one event loop: each change is atomic, no count is ever lost.
 */

export interface UsagePlan {
  id: string;
  name: string;
  description?: string;
  /** The REST API stages the plan covers. */
  apiStages: { apiId: string; stage: string }[];
  throttle?: Throttle;
  quota?: Quota;
}

export interface ApiKey {
  id: string;
  value: string;
  name: string;
  description?: string;
  customerId?: string;
  enabled: boolean;
  /** Epoch seconds, as API Gateway sends them. */
  createdDate: number;
  lastUpdatedDate: number;
  tags: Record<string, string>;
}

/** An error as the management API answers it: API Gateway's exception name, status and message. */
export class ManagementError extends Error {
  constructor(
    readonly type: 'BadRequestException' | 'NotFoundException' | 'ConflictException',
    readonly status: 400 | 404 | 409,
    message: string,
  ) {
    super(message);
  }
}

const notFound = (message: string) => new ManagementError('NotFoundException', 404, message);
const badRequest = (message: string) => new ManagementError('BadRequestException', 400, message);
const conflict = (message: string) => new ManagementError('ConflictException', 409, message);

const ALPHANUMERIC = 'abcdefghijklmnopqrstuvwxyz0123456789';
const randomId = (length: number, alphabet = ALPHANUMERIC) => Array.from({ length }, () => alphabet[randomInt(alphabet.length)]).join('');
/** API Gateway generates 40-character key values (letters and digits). */
const randomKeyValue = () => randomId(40, `${ALPHANUMERIC}ABCDEFGHIJKLMNOPQRSTUVWXYZ`);
const epochSeconds = (date: Date) => Math.floor(date.getTime() / 1000);

/** Key values: 20 to 128 characters, letters and digits (API Gateway's rule). */
const KEY_VALUE = /^[A-Za-z0-9]{20,128}$/;

export type Admission = { key: ApiKey; plan: UsagePlan } | undefined;
export type QuotaOutcome = { allowed: true } | { allowed: false; resetsOn: string };

interface Persisted {
  keys: ApiKey[];
  planKeys: Record<string, string[]>;
  usage: Record<string, number>;
}

export interface ApiKeyStoreOptions {
  plans: Omit<UsagePlan, 'id'>[];
  /** Keep run-time keys and usage in this file (JSON), across restarts. */
  file?: string;
  now?: () => Date;
}

export class ApiKeyStore {
  private readonly plans = new Map<string, UsagePlan>();
  private readonly keys = new Map<string, ApiKey>();
  private readonly keyIdsByValue = new Map<string, string>();
  private readonly planKeys = new Map<string, Set<string>>();
  /** Requests counted per plan, key and UTC day: `${planId} ${keyId} ${day}`. */
  private readonly usage = new Map<string, number>();
  private readonly now: () => Date;
  private saving: Promise<void> | undefined;
  private writing: Promise<void> = Promise.resolve();
  private dirty = false;

  constructor(private readonly options: ApiKeyStoreOptions) {
    this.now = options.now ?? (() => new Date());
    // A plan's id is derived from its name, so persisted plan keys and usage survive restarts.
    for (const plan of options.plans) {
      const id = createHash('sha256')
        .update(plan.name)
        .digest('hex')
        .replace(/[^a-z0-9]/g, '')
        .slice(0, 6);
      this.plans.set(id, { ...plan, id });
      this.planKeys.set(id, new Set());
    }
    if (options.file && existsSync(options.file)) this.load(JSON.parse(readFileSync(options.file, 'utf8')) as Persisted);
  }

  // ---- usage plans -----------------------------------------------------------------------

  listPlans(keyId?: string): UsagePlan[] {
    return [...this.plans.values()].filter((plan) => keyId === undefined || this.planKeys.get(plan.id)?.has(keyId));
  }

  getPlan(id: string): UsagePlan {
    const plan = this.plans.get(id);
    if (!plan) throw notFound(`Invalid Usage Plan ID specified: ${id}`);
    return plan;
  }

  planByName(name: string): UsagePlan | undefined {
    return [...this.plans.values()].find((plan) => plan.name === name);
  }

  // ---- API keys -------------------------------------------------------------------------

  createKey(input: { name?: string; description?: string; enabled?: boolean; value?: string; customerId?: string; tags?: Record<string, string> }): ApiKey {
    const value = input.value ?? randomKeyValue();
    if (!KEY_VALUE.test(value)) throw badRequest('API Key value should be at least 20 characters of letters and digits (at most 128).');
    if (this.keyIdsByValue.has(value)) throw conflict('API Key already exists');
    if (input.name !== undefined && input.name.length > 1024) throw badRequest('API Key name must be at most 1024 characters.');
    const now = epochSeconds(this.now());
    const key: ApiKey = {
      id: randomId(10),
      value,
      name: input.name ?? value.slice(0, 8),
      ...(input.description !== undefined ? { description: input.description } : {}),
      ...(input.customerId !== undefined ? { customerId: input.customerId } : {}),
      enabled: input.enabled ?? false,
      createdDate: now,
      lastUpdatedDate: now,
      tags: input.tags ?? {},
    };
    this.keys.set(key.id, key);
    this.keyIdsByValue.set(value, key.id);
    this.changed();
    return key;
  }

  getKey(id: string): ApiKey {
    const key = this.keys.get(id);
    if (!key) throw notFound(`Invalid API Key identifier specified`);
    return key;
  }

  /** Keys whose name starts with `nameQuery` (and of `customerId`), oldest first. */
  listKeys(filter: { nameQuery?: string; customerId?: string } = {}): ApiKey[] {
    return [...this.keys.values()].filter(
      (key) =>
        (filter.nameQuery === undefined || key.name.startsWith(filter.nameQuery)) && (filter.customerId === undefined || key.customerId === filter.customerId),
    );
  }

  /** API Gateway's patch operations on a key: replace /enabled, /name, /description, /customerId. */
  updateKey(id: string, operations: readonly { op?: string; path?: string; value?: string }[]): ApiKey {
    const key = this.getKey(id);
    const next = { ...key };
    for (const operation of operations) {
      if (operation.op !== 'replace')
        throw badRequest(`Invalid patch operation: ${String(operation.op)} (only replace is supported on ${String(operation.path)})`);
      switch (operation.path) {
        case '/enabled':
          if (operation.value !== 'true' && operation.value !== 'false') throw badRequest(`Invalid value for /enabled: ${String(operation.value)}`);
          next.enabled = operation.value === 'true';
          break;
        case '/name':
          next.name = operation.value ?? '';
          break;
        case '/description':
          next.description = operation.value ?? '';
          break;
        case '/customerId':
          next.customerId = operation.value ?? '';
          break;
        case undefined:
        default:
          throw badRequest(`Invalid patch path ${String(operation.path)}`);
      }
    }
    next.lastUpdatedDate = epochSeconds(this.now());
    this.keys.set(id, next);
    this.changed();
    return next;
  }

  /** Deletes a key: it leaves every plan and is refused at once. */
  deleteKey(id: string): void {
    const key = this.getKey(id);
    this.keys.delete(id);
    this.keyIdsByValue.delete(key.value);
    for (const members of this.planKeys.values()) members.delete(id);
    this.changed();
  }

  // ---- usage plan keys ------------------------------------------------------------------

  addPlanKey(planId: string, keyId: string): ApiKey {
    const plan = this.getPlan(planId);
    const key = this.getKey(keyId);
    const members = this.planKeys.get(planId)!;
    if (members.has(keyId)) throw conflict(`API Key ${keyId} is already in Usage Plan ${planId}`);
    for (const other of this.listPlans(keyId)) {
      const shared = other.apiStages.find((stage) => plan.apiStages.some((s) => s.apiId === stage.apiId && s.stage === stage.stage));
      if (shared) {
        throw badRequest(`API Key ${keyId} cannot reference multiple Usage Plans with the same API Stage: ${shared.apiId}:${shared.stage} (in ${other.id})`);
      }
    }
    members.add(keyId);
    this.changed();
    return key;
  }

  planKeysOf(planId: string): ApiKey[] {
    this.getPlan(planId);
    return [...this.planKeys.get(planId)!].map((id) => this.keys.get(id)).filter((key): key is ApiKey => key !== undefined);
  }

  planKey(planId: string, keyId: string): ApiKey {
    this.getPlan(planId);
    if (!this.planKeys.get(planId)!.has(keyId)) throw notFound(`Invalid Usage Plan Key identifier specified`);
    return this.getKey(keyId);
  }

  removePlanKey(planId: string, keyId: string): void {
    this.planKey(planId, keyId);
    this.planKeys.get(planId)!.delete(keyId);
    this.changed();
  }

  // ---- the gateway's side ---------------------------------------------------------------

  /**
   * The key a request presents, if it may call this API stage: it exists, is enabled and is in a
   * usage plan covering the stage. Anything else is API Gateway's 403 (INVALID_API_KEY).
   */
  admit(value: string | undefined, apiId: string, stage: string): Admission {
    const id = value ? this.keyIdsByValue.get(value) : undefined;
    const key = id ? this.keys.get(id) : undefined;
    if (!key?.enabled) return undefined;
    const plan = this.listPlans(key.id).find((candidate) => candidate.apiStages.some((s) => s.apiId === apiId && s.stage === stage));
    return plan ? { key, plan } : undefined;
  }

  /** Counts one request of the key against its plan's quota, unless the quota of this period is used up. */
  countRequest(planId: string, keyId: string): QuotaOutcome {
    const plan = this.getPlan(planId);
    const today = utcDay(this.now());
    if (plan.quota && this.usedInPeriod(plan, keyId, today) >= plan.quota.limit) {
      return { allowed: false, resetsOn: periodEnd(today, plan.quota.period) };
    }
    const counter = `${planId} ${keyId} ${today}`;
    this.usage.set(counter, (this.usage.get(counter) ?? 0) + 1);
    this.changed();
    return { allowed: true };
  }

  private usedInPeriod(plan: UsagePlan, keyId: string, day: string): number {
    if (!plan.quota) return 0;
    return daysBetween(periodStart(day, plan.quota.period), day).reduce((sum, d) => sum + (this.usage.get(`${plan.id} ${keyId} ${d}`) ?? 0), 0);
  }

  /**
   * GetUsage: for each key of the plan (or the one asked for) that has a record, one
   * `[used, remaining]` per day from `start` to `end`; `remaining` is what the quota of that day's
   * period had left after it (0 for a plan without a quota).
   */
  usageOf(planId: string, start: string, end: string, keyId?: string): Record<string, [number, number][]> {
    const plan = this.getPlan(planId);
    if (!/^\d{4}-\d{2}-\d{2}$/.test(start) || !/^\d{4}-\d{2}-\d{2}$/.test(end) || start > end) {
      throw badRequest('startDate and endDate must be dates (yyyy-MM-dd), startDate not after endDate');
    }
    const keyIds = keyId !== undefined ? [keyId] : [...this.planKeys.get(planId)!];
    return Object.fromEntries(
      keyIds.map((id) => [
        id,
        daysBetween(start, end).map((day): [number, number] => {
          const used = this.usage.get(`${planId} ${id} ${day}`) ?? 0;
          return [used, plan.quota ? Math.max(0, plan.quota.limit - this.usedInPeriod(plan, id, day)) : 0];
        }),
      ]),
    );
  }

  // ---- persistence ----------------------------------------------------------------------

  /** A key of the platform stack's configuration: kept under its name, its value and state from the configuration. */
  ensureConfiguredKey(input: { name: string; value: string; enabled: boolean; description?: string }, planName: string): ApiKey {
    const existing = this.listKeys({ nameQuery: input.name }).find((key) => key.name === input.name);
    if (existing) {
      this.keyIdsByValue.delete(existing.value);
      const updated = { ...existing, value: input.value, enabled: input.enabled };
      this.keys.set(existing.id, updated);
      this.keyIdsByValue.set(input.value, existing.id);
      this.changed();
    }
    const key = existing ? this.keys.get(existing.id)! : this.createKey(input);
    const plan = this.planByName(planName);
    if (!plan) throw new Error(`no usage plan named ${planName}`);
    // The configuration says which plan: out of any other it was in (a persisted state may differ).
    for (const [planId, members] of this.planKeys) if (planId !== plan.id && members.delete(key.id)) this.changed();
    if (!this.planKeys.get(plan.id)!.has(key.id)) this.addPlanKey(plan.id, key.id);
    return key;
  }

  private load(persisted: Persisted): void {
    for (const key of persisted.keys) {
      this.keys.set(key.id, key);
      this.keyIdsByValue.set(key.value, key.id);
    }
    for (const [planId, ids] of Object.entries(persisted.planKeys)) for (const id of ids) if (this.keys.has(id)) this.planKeys.get(planId)?.add(id);
    for (const [counter, count] of Object.entries(persisted.usage)) this.usage.set(counter, count);
  }

  private changed(): void {
    if (!this.options.file) return;
    this.dirty = true;
    this.saving ??= new Promise<void>((resolve) => setTimeout(resolve, 200))
      .then(() => this.save())
      .catch((error: unknown) => console.error('could not save the API keys:', error));
  }

  /** Writes the state now (also on stop); one write at a time, written aside and renamed, never half a file. */
  save(): Promise<void> {
    this.writing = this.writing.then(async () => {
      const file = this.options.file;
      if (!file || !this.dirty) return;
      this.dirty = false;
      this.saving = undefined;
      const persisted: Persisted = {
        keys: [...this.keys.values()],
        planKeys: Object.fromEntries([...this.planKeys].map(([planId, ids]) => [planId, [...ids]])),
        usage: Object.fromEntries(this.usage),
      };
      await writeFile(`${file}.tmp`, JSON.stringify(persisted));
      await rename(`${file}.tmp`, file);
    });
    return this.writing;
  }
}

import {
  APIGatewayClient,
  CreateApiKeyCommand,
  CreateUsagePlanKeyCommand,
  DeleteApiKeyCommand,
  DeleteUsagePlanKeyCommand,
  GetUsageCommand,
  GetUsagePlansCommand,
  NotFoundException,
  UpdateApiKeyCommand,
} from '@aws-sdk/client-api-gateway';
import type { UsagePlan } from '@aws-sdk/client-api-gateway';
import { ServiceUnavailableError } from '@emporium/common/errors';
import type { PlanName } from '../domain/app';
import type { GatewayKeys, KeyUsage } from '../ports';
import { KeyGoneError } from '../ports';

export interface ApiGatewayKeysOptions {
  /**
   * Usage plans are found by name: `<prefix><plan>` (the platform stack's `emporium-<stage>-free`...).
   * Read when a plan is first needed, so functions that only delete keys need no plan settings.
   */
  planPrefix: () => string;
  client?: APIGatewayClient;
}

const isNotFound = (error: unknown) => error instanceof NotFoundException || (error as { name?: string } | null)?.name === 'NotFoundException';

/** API Gateway's throttling or failure as a retryable 503: the key operation did not happen. */
const unavailable = (error: unknown): ServiceUnavailableError =>
  new ServiceUnavailableError('API keys unavailable', {
    detail: 'The API key service is busy or unavailable; retry shortly.',
    headers: { 'retry-after': '2' },
    cause: error,
  });

const guarded = async <T>(operation: () => Promise<T>): Promise<T> => {
  try {
    return await operation();
  } catch (error) {
    if (isNotFound(error)) throw error;
    throw unavailable(error);
  }
};

const DAY_MS = 86_400_000;
const daysFrom = (from: string, to: string): string[] => {
  const days: string[] = [];
  for (let time = Date.parse(`${from}T00:00:00.000Z`); time <= Date.parse(`${to}T00:00:00.000Z`); time += DAY_MS)
    days.push(new Date(time).toISOString().slice(0, 10));
  return days;
};

/**
 * The gateway's keys through the API Gateway management API (@aws-sdk/client-api-gateway): in
 * AWS the real service; locally the platform's implementation of the same API, reached through the
 * SDK's own endpoint setting. Usage plan ids are looked up once per container, by name.
 */
export const apiGatewayKeys = (options: ApiGatewayKeysOptions): GatewayKeys => {
  const client = options.client ?? new APIGatewayClient({ maxAttempts: 3 });
  let plans: Promise<Map<string, UsagePlan>> | undefined;
  const planOf = async (plan: PlanName): Promise<UsagePlan> => {
    plans ??= guarded(async () => {
      const { items = [] } = await client.send(new GetUsagePlansCommand({ limit: 500 }));
      return new Map(items.map((item) => [item.name ?? '', item]));
    }).catch((error: unknown) => {
      plans = undefined; // look again on the next call rather than keep a failure
      throw error;
    });
    const name = `${options.planPrefix()}${plan}`;
    const found = (await plans).get(name);
    if (!found?.id) throw new Error(`No usage plan named ${name}: is the platform stack of this stage deployed?`);
    return found;
  };
  const deleteKey = async (keyId: string) => {
    try {
      await guarded(() => client.send(new DeleteApiKeyCommand({ apiKey: keyId })));
    } catch (error) {
      if (!isNotFound(error)) throw error;
    }
  };

  return {
    async issue({ appId, ownerId, plan, enabled }) {
      const { id: planId } = await planOf(plan);
      const created = await guarded(() =>
        client.send(new CreateApiKeyCommand({ name: `app-${appId}`, description: `App ${appId}`, customerId: ownerId, enabled })),
      );
      if (!created.id || !created.value) throw unavailable(new Error('CreateApiKey answered no id or value'));
      try {
        await guarded(() => client.send(new CreateUsagePlanKeyCommand({ usagePlanId: planId, keyId: created.id, keyType: 'API_KEY' })));
      } catch (error) {
        await deleteKey(created.id); // never a key outside a plan
        throw error;
      }
      return { id: created.id, value: created.value, issuedAt: (created.createdDate ?? new Date()).toISOString() };
    },

    delete: deleteKey,

    async setEnabled(keyId, enabled) {
      try {
        await guarded(() =>
          client.send(new UpdateApiKeyCommand({ apiKey: keyId, patchOperations: [{ op: 'replace', path: '/enabled', value: String(enabled) }] })),
        );
      } catch (error) {
        throw isNotFound(error) ? new KeyGoneError(keyId, { cause: error }) : error;
      }
    },

    async movePlan(keyId, from, to) {
      const [source, target] = await Promise.all([planOf(from), planOf(to)]);
      try {
        await guarded(() => client.send(new DeleteUsagePlanKeyCommand({ usagePlanId: source.id, keyId })));
      } catch (error) {
        if (!isNotFound(error)) throw error;
      }
      try {
        await guarded(() => client.send(new CreateUsagePlanKeyCommand({ usagePlanId: target.id, keyId, keyType: 'API_KEY' })));
      } catch (error) {
        if (isNotFound(error)) throw new KeyGoneError(keyId, { cause: error });
        // Back where it was, so the key never stays outside a plan; the first failure is the answer.
        await guarded(() => client.send(new CreateUsagePlanKeyCommand({ usagePlanId: source.id, keyId, keyType: 'API_KEY' }))).catch(() => undefined);
        throw error;
      }
    },

    async usage(keyId, plan, from, to): Promise<KeyUsage> {
      const usagePlan = await planOf(plan);
      const usage = await guarded(() => client.send(new GetUsageCommand({ usagePlanId: usagePlan.id, keyId, startDate: from, endDate: to })));
      const perDay = usage.items?.[keyId] ?? [];
      const quota = usagePlan.quota?.limit !== undefined ? { limit: usagePlan.quota.limit, period: usagePlan.quota.period ?? 'DAY' } : null;
      return {
        quota,
        days: daysFrom(from, to).map((date, index) => {
          const [requests = 0, remaining] = perDay[index] ?? [];
          return { date, requests, quotaRemaining: quota ? (remaining ?? quota.limit) : null };
        }),
      };
    },
  };
};

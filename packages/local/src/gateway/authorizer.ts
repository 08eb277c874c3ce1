import type { LocalFunction } from '../runtime/lambda-runtime';

export type AuthorizerOutcome = { kind: 'allow'; context: Record<string, string> } | { kind: 'unauthorized' } | { kind: 'denied' } | { kind: 'failed' };

interface PolicyResult {
  principalId?: unknown;
  policyDocument?: { Statement?: { Effect?: string; Action?: string | string[]; Resource?: string | string[] }[] };
  context?: Record<string, unknown>;
}

const matches = (pattern: string, arn: string): boolean =>
  new RegExp(
    `^${pattern
      .split('*')
      .map((part) => part.replace(/[.+?^${}()|[\]\\]/g, '\\$&'))
      .join('.*')}$`,
  ).test(arn);

/** API Gateway's reading of an authorizer's policy: an explicit Deny wins, then an Allow must match. */
const evaluate = (result: PolicyResult, methodArn: string): AuthorizerOutcome => {
  const statements = (result.policyDocument?.Statement ?? []).filter((s) =>
    [s.Action ?? []].flat().some((action) => action === 'execute-api:Invoke' || action === '*'),
  );
  const covering = (effect: string) =>
    statements.some((s) => s.Effect === effect && [s.Resource ?? []].flat().some((resource) => matches(resource, methodArn)));
  if (typeof result.principalId !== 'string' || covering('Deny') || !covering('Allow')) return { kind: 'denied' };
  const context: Record<string, string> = { principalId: result.principalId };
  for (const [key, value] of Object.entries(result.context ?? {})) context[key] = String(value);
  return { kind: 'allow', context };
};

/**
 * A TOKEN authorizer as API Gateway runs it: no Authorization header -> 401 without calling the
 * function; the function throwing `Unauthorized` -> 401; a policy that does not allow the method
 * -> 403; anything else -> 500. Results are cached per token for the authorizer's TTL, and the
 * cached policy is evaluated against each new method, as in AWS.
 */
export class GatewayAuthorizer {
  private readonly cache = new Map<string, { expires: number; result: PolicyResult }>();

  constructor(
    private readonly fn: LocalFunction,
    private readonly ttlSeconds: number,
  ) {}

  async authorize(authorization: string | undefined, methodArn: string): Promise<AuthorizerOutcome> {
    if (!authorization) return { kind: 'unauthorized' };
    const cached = this.cache.get(authorization);
    if (cached && cached.expires > Date.now()) return evaluate(cached.result, methodArn);
    let result: PolicyResult;
    try {
      result = (await this.fn.invoke({ type: 'TOKEN', authorizationToken: authorization, methodArn })) as PolicyResult;
    } catch (error) {
      if ((error as Error).message === 'Unauthorized') return { kind: 'unauthorized' };
      console.error(`[${this.fn.service}.${this.fn.name}] authorizer failed:`, error);
      return { kind: 'failed' };
    }
    if (this.ttlSeconds > 0) {
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(authorization, { expires: Date.now() + this.ttlSeconds * 1000, result });
    }
    return evaluate(result, methodArn);
  }
}

// Types of fault-injection.cjs (plain CommonJS, run as is by the engine's child process).
import type { IncomingMessage, RequestListener, ServerResponse } from 'node:http';

export type FaultKind = 'TransactionConflict' | 'ProvisionedThroughputExceeded' | 'Throttling' | 'InternalServerError' | 'latency';

/** One fault rule (docs/adr/0020). */
export interface FaultRule {
  /** A table name, or a glob with `*` (`orders-*`); every table when absent. */
  table?: string;
  /** A DynamoDB data operation (`TransactWriteItems`, `PutItem`, `GetItem`...); every data operation when absent. */
  operation?: string;
  fault: FaultKind;
  /** The share of matching calls that get the fault, 0 to 1. */
  rate: number;
  /** Delay in ms: the whole effect of a `latency` rule; before the error answer for the others. */
  latencyMs?: number;
  /** At most this many injections, then the rule is spent. */
  count?: number;
}

export interface FaultRuleState extends FaultRule {
  /** Calls this rule has affected so far. */
  injected: number;
  /** It had `count` injections: it no longer applies. */
  spent: boolean;
}

export interface FaultState {
  rules: FaultRuleState[];
  /** Injections of every rule together. */
  injected: number;
}

export interface FaultRuleProblem {
  /** `rules.<index>.<field>` */
  path: string;
  message: string;
}

export declare const FAULTS: readonly FaultKind[];
export declare const OPERATIONS: readonly string[];
export declare const CONFLICT_OPERATIONS: readonly string[];

export declare class FaultRulesError extends Error {
  readonly errors: FaultRuleProblem[];
  constructor(errors: FaultRuleProblem[]);
}

/** Checks rules (a list, or `{ rules: [...] }`); throws FaultRulesError naming every problem. */
export declare function validateFaultRules(input: unknown): FaultRule[];

export interface FaultResponse {
  statusCode: number;
  body: Record<string, unknown>;
}

export interface FaultDecision {
  delayMs: number;
  response?: FaultResponse;
}

export interface FaultInjector {
  /** Some rule is not spent: calls are looked at. */
  readonly live: boolean;
  set(input: unknown): FaultState;
  clear(): FaultState;
  state(): FaultState;
  couldMatch(operation: string): boolean;
  decide(operation: string, body: Record<string, unknown>): FaultDecision | undefined;
}

export declare function createFaultInjector(options?: { random?: () => number }): FaultInjector;

export declare function faultResponse(
  fault: Exclude<FaultKind, 'latency'>,
  operation: string,
  body: Record<string, unknown>,
  actionIndex?: number,
): FaultResponse;

export declare function wrapRequestListener(listener: (req: IncomingMessage, res: ServerResponse) => void, injector: FaultInjector): RequestListener;

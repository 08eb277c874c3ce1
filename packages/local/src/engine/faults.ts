import type { ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { PlatformError } from '../platform-error';
import type { FaultRule, FaultRuleProblem, FaultState } from './fault-injection.cjs';
import { FaultRulesError, validateFaultRules } from './fault-injection.cjs';

export type { FaultKind, FaultRule, FaultRuleProblem, FaultRuleState, FaultState } from './fault-injection.cjs';
export { FaultRulesError, validateFaultRules } from './fault-injection.cjs';

/**
 * The engine's fault rules (docs/adr/0020), applied in its HTTP layer to every SDK call of every
 * function. `set` replaces the rules (counters start at 0) and throws FaultRulesError, naming
 * every problem, for invalid ones.
 */
export interface FaultControl {
  /** `rules`: FaultRule[] (or `{ rules }`), checked here: unknown input is fine, e.g. a request body. */
  set(rules: unknown): Promise<FaultState>;
  clear(): Promise<FaultState>;
  state(): Promise<FaultState>;
}

type FaultReply = { type: 'faults'; id: number; state: FaultState } | { type: 'faults'; id: number; errors: FaultRuleProblem[] };

/** Fault rules of the engine in `child`, over its IPC channel. */
export const faultControlOf = (child: ChildProcess): FaultControl => {
  let sequence = 0;
  const pending = new Map<number, { resolve: (reply: FaultReply) => void; reject: (error: Error) => void }>();
  child.on('message', (message: FaultReply | { type?: string }) => {
    if (message.type !== 'faults' || !('id' in message)) return;
    pending.get(message.id)?.resolve(message);
    pending.delete(message.id);
  });
  child.once('exit', () => {
    for (const { reject } of pending.values()) reject(new PlatformError('The DynamoDB engine stopped.'));
    pending.clear();
  });
  const ask = async (request: { action: 'set'; rules: FaultRule[] } | { action: 'clear' | 'state' }): Promise<FaultState> => {
    if (!child.connected) throw new PlatformError('The DynamoDB engine is not running.');
    sequence += 1;
    const id = sequence;
    const reply = await new Promise<FaultReply>((resolve, reject) => {
      pending.set(id, { resolve, reject });
      child.send({ type: 'faults', id, ...request });
    });
    if ('errors' in reply) throw new FaultRulesError(reply.errors);
    return reply.state;
  };
  return {
    // Checked here first, so a caller gets the problems without a round trip.
    set: async (rules) => ask({ action: 'set', rules: validateFaultRules(rules) }),
    clear: () => ask({ action: 'clear' }),
    state: () => ask({ action: 'state' }),
  };
};

/**
 * `--faults` / EMPORIUM_FAULTS: rules as JSON (`[{...}]` or `{"rules": [...]}`), or the path of a
 * JSON file holding them. Throws a PlatformError naming what is wrong.
 */
export const readFaultRules = async (value: string, source = '--faults'): Promise<FaultRule[]> => {
  const text = value.trim();
  let json: string;
  if (text.startsWith('[') || text.startsWith('{')) {
    json = text;
  } else {
    const file = path.resolve(text);
    if (!existsSync(file)) throw new PlatformError(`${source} takes fault rules as JSON or the path of a JSON file; no file ${file}.`);
    json = await readFile(file, 'utf8');
  }
  let parsed: unknown;
  try {
    parsed = JSON.parse(json);
  } catch (error) {
    throw new PlatformError(`${source}: not valid JSON (${(error as Error).message}).`);
  }
  try {
    return validateFaultRules(parsed);
  } catch (error) {
    if (error instanceof FaultRulesError) throw new PlatformError(`${source}: ${error.errors.map((e) => `${e.path}: ${e.message}`).join('; ')}`);
    throw error;
  }
};
